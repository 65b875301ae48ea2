using Microsoft.Build.Utilities;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Tasks;

/// <summary>
/// Every MonitoringSre diagnostic reaches MSBuild the same way: code, file, line, column, message, and a help link to
/// the code's entry on the diagnostics page ($(MonitoringHelpUrl), the page shipped in the package by default).
/// </summary>
internal static class TaskLog
{
    public static void Report(this TaskLoggingHelper log, Diagnostic d, string? helpUrl)
    {
        var link = DiagnosticCatalog.HelpLink(d.Code, helpUrl);
        if (d.IsError)
        {
            log.LogError(null, d.Code, null, link, d.Location.File, d.Location.Line, d.Location.Column, 0, 0, d.Message);
        }
        else if (d.Severity == DiagnosticSeverity.Warning)
        {
            log.LogWarning(null, d.Code, null, link, d.Location.File, d.Location.Line, d.Location.Column, 0, 0, d.Message);
        }
        else
        {
            // A message with a code and a place, shown at normal verbosity: what the build did, nothing to fix.
            log.LogMessage(null, d.Code, link, d.Location.File, d.Location.Line, d.Location.Column, 0, 0, Microsoft.Build.Framework.MessageImportance.High, "{0}", d.Message);
        }
    }

    /// <summary>A bug must still read as one line with a code, never as MSB4018 and a stack trace.</summary>
    public static bool Internal(this TaskLoggingHelper log, string file, Exception e, string? helpUrl)
    {
        log.Report(Diagnostic.Create(DiagnosticCatalog.InternalError, SourceLocation.WholeFile(file), e.GetType().Name + ": " + e.Message), helpUrl);
        return false;
    }
}
