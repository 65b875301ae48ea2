using Microsoft.Build.Utilities;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Tasks;

/// <summary>Every MonitoringSre diagnostic reaches MSBuild the same way: code, file, line, column and message.</summary>
internal static class TaskLog
{
    public static void Report(this TaskLoggingHelper log, Diagnostic d)
    {
        if (d.IsError)
        {
            log.LogError(null, d.Code, null, null, d.Location.File, d.Location.Line, d.Location.Column, 0, 0, d.Message);
        }
        else
        {
            log.LogWarning(null, d.Code, null, null, d.Location.File, d.Location.Line, d.Location.Column, 0, 0, d.Message);
        }
    }

    /// <summary>A bug must still read as one line with a code, never as MSB4018 and a stack trace.</summary>
    public static bool Internal(this TaskLoggingHelper log, string file, Exception e)
    {
        log.Report(Diagnostic.Create(DiagnosticCatalog.InternalError, SourceLocation.WholeFile(file), e.GetType().Name + ": " + e.Message));
        return false;
    }
}
