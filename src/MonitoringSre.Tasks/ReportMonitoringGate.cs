using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;

namespace MonitoringSre.Tasks;

/// <summary>
/// Reports the findings of the last gate evaluation (gate.json) at their places: errors when the gate is on, and the
/// findings that are only ever warnings. The targets run it only when there is a finding to report, so a build whose
/// criteria are met, or whose gate is off, loads no MonitoringSre task to say so.
/// </summary>
public sealed class ReportMonitoringGate : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public string GateDirectory { get; set; } = string.Empty;

    [Microsoft.Build.Framework.Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The .csproj: where "the gate is on but there is no spec" belongs.</summary>
    [Microsoft.Build.Framework.Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The spec's file name, for the message when it is missing.</summary>
    public string SpecFile { get; set; } = string.Empty;

    /// <summary>$(MonitoringGate): unmet criteria are errors.</summary>
    public bool Enforce { get; set; }

    /// <summary>$(MonitoringHelpUrl): the diagnostics page each finding links to.</summary>
    public string? HelpUrl { get; set; }

    public override bool Execute()
    {
        try
        {
            var json = Path.Combine(GateDirectory, "gate.json");
            if (!File.Exists(json))
            {
                if (Enforce)
                {
                    Log.Report(Diagnostic.Create(DiagnosticCatalog.GateNoSpec, SourceLocation.WholeFile(ProjectFile), Path.GetFileName(SpecFile)), HelpUrl);
                }

                return !Log.HasLoggedErrors;
            }

            var result = GateReport.Read(File.ReadAllText(json))
                ?? throw new InvalidDataException($"{json} is not a gate report this version wrote; delete it and build again");
            foreach (var c in result.Criteria.Where(c => c.Checked && !c.Met))
            {
                foreach (var f in c.Findings)
                {
                    var location = f.Location with { File = Path.GetFullPath(f.Location.File, ProjectDirectory) };
                    if (c.WarningOnly)
                    {
                        Log.LogWarning(null, c.Code, null, null, location.File, location.Line, location.Column, 0, 0, $"Exit criterion not met: {c.Title}. {f.Fix}");
                    }
                    else if (Enforce)
                    {
                        Log.Report(Diagnostic.Create(c.Descriptor, location, c.Title, f.Fix), HelpUrl);
                    }
                }
            }

            return !Log.HasLoggedErrors;
        }
        catch (Exception e)
        {
            return Log.Internal(ProjectFile, e, HelpUrl);
        }
    }
}
