using System.Globalization;
using Microsoft.Build.Framework;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;
using MonitoringSre.Text;

namespace MonitoringSre.Tasks;

/// <summary>
/// MonitoringIncident: writes docs/incidents/&lt;yyyy-MM-dd&gt;-&lt;slug&gt;.md from -p:MonitoringIncidentTitle and -p:MonitoringIncidentSeverity. Never
/// overwrites: a second report of the same title and day gets -2, -3, ...
/// </summary>
public sealed class WriteIncidentReport : MonitoringTask
{
    private static readonly string[] Severities = ["P0", "P1", "P2", "P3"];

    public string? Title { get; set; }

    public string? Severity { get; set; }

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Detection time (ISO 8601) for a report written after the fact; default now.</summary>
    public string? DetectedAt { get; set; }

    /// <summary>$(MSBuildProjectFullPath): where a problem with the properties is reported.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>Unprefixed property names the project still sets (metadata NewName: the name to use instead).</summary>
    public ITaskItem[] DeprecatedProperties { get; set; } = [];

    [Output]
    public string? ReportFile { get; set; }

    protected override bool Run()
    {
        var title = (Title ?? string.Empty).Trim();
        var severity = (Severity ?? string.Empty).Trim().ToUpperInvariant();
        var where = SourceLocation.WholeFile(ProjectFile);
        foreach (var old in DeprecatedProperties)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.DeprecatedProperty, where, old.ItemSpec, old.GetMetadata("NewName")));
        }

        if (title.Length == 0)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.MissingIncidentTitle, where));
        }

        if (!Severities.Contains(severity))
        {
            Report(Diagnostic.Create(DiagnosticCatalog.InvalidSeverity, where, Severity ?? string.Empty));
        }

        var detected = DateTimeOffset.UtcNow;
        if (!string.IsNullOrWhiteSpace(DetectedAt) && !DateTimeOffset.TryParse(DetectedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out detected))
        {
            Report(Diagnostic.Create(DiagnosticCatalog.InvalidDetectedAt, where, DetectedAt));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var model = LoadModel();
        var service = model?.Service ?? NameCase.ToKebab(ProjectName);
        var stem = detected.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-" + IncidentReportDocument.Slug(title);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? stem : stem + "-" + n.ToString(CultureInfo.InvariantCulture);
            var path = Path.Combine(OutputDirectory, name + ".md");
            var content = IncidentReportDocument.Render("INC-" + name, title, severity, detected, service, model);
            if (OutputWriter.CreateIfAbsent(path, content))
            {
                ReportFile = path;
                Log.LogMessage(MessageImportance.High, $"MonitoringIncident: created {Path.GetRelativePath(ProjectDirectory, path).Replace('\\', '/')} ({severity}: {title})");
                return true;
            }
        }
    }

    private Model.MonitoringModel? LoadModel()
    {
        if (!File.Exists(SpecFile))
        {
            return null;
        }

        var result = MonitoringPipeline.Bind(SpecFile, File.ReadAllBytes(SpecFile), import: new Import.ImportOptions(Adapters.DiskSpecFiles.Instance));
        if (!result.Succeeded)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.SpecIgnoredForIncident, SourceLocation.WholeFile(SpecFile), Path.GetFileName(SpecFile)));
        }

        return result.Model;
    }
}
