using System.Globalization;
using Microsoft.Build.Utilities;
using MonitoringSre.Diagnostics;
using MonitoringSre.Pipeline;
using MonitoringSre.Text;

namespace MonitoringSre.Tasks;

/// <summary>Which spec a build uses: monitoring.yaml, or for a web project without one the default availability SLO.</summary>
internal sealed record SpecSource(string File, byte[] Content, bool IsDefault)
{
    /// <summary>The spec, or null: then either an error was logged or the project has nothing to monitor (<paramref name="absent"/>).</summary>
    public static SpecSource? Resolve(TaskLoggingHelper log, string? helpUrl, string specFile, bool isExplicit, bool isWeb, string projectName,
        string? defaultService, string? defaultObjective, out bool absent)
    {
        absent = false;
        if (System.IO.File.Exists(specFile))
        {
            return new SpecSource(specFile, System.IO.File.ReadAllBytes(specFile), IsDefault: false);
        }

        if (isExplicit)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.SpecNotFound, SourceLocation.WholeFile(specFile), specFile), helpUrl);
            return null;
        }

        if (!isWeb)
        {
            absent = true;
            return null;
        }

        var service = string.IsNullOrWhiteSpace(defaultService) ? NameCase.ToKebab(projectName) : defaultService!.Trim();
        if (!decimal.TryParse(string.IsNullOrWhiteSpace(defaultObjective) ? "99.9" : defaultObjective, NumberStyles.Float, CultureInfo.InvariantCulture, out var objective))
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.ObjectiveOutOfRange, SourceLocation.WholeFile("MonitoringSlo"), defaultObjective), helpUrl);
            return null;
        }

        return new SpecSource(specFile + " (absent: default availability SLO from MonitoringSlo)", MonitoringPipeline.DefaultSpec(service, objective), IsDefault: true);
    }
}
