using Microsoft.Build.Framework;
using MonitoringSre.Output;
using MonitoringSre.Scaffolding;

namespace MonitoringSre.Tasks;

/// <summary>
/// MonitoringInit: creates monitoring.yaml (when missing), the incident response plan and a runbook per alert beside
/// the project. Never overwrites the team's files (only the package's copy of the schema is brought up to date): lists
/// what it created, updated and left as it was.
/// </summary>
public sealed class InitializeMonitoring : MonitoringTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>@(PackageReference): chooses the metrics preset and log provider of a new monitoring.yaml.</summary>
    public ITaskItem[] PackageReferences { get; set; } = [];

    protected override bool Run()
    {
        var existing = File.Exists(SpecFile) ? File.ReadAllBytes(SpecFile) : null;
        var schemaCopy = Path.Combine(ProjectDirectory, InitPlanner.SchemaCopyPath(ProjectDirectory, SpecFile));
        var (files, diagnostics) = InitPlanner.Plan(ProjectDirectory, SpecFile, existing, ProjectName, PackageReferences.Select(p => p.ItemSpec), File.Exists(schemaCopy),
            new Import.ImportOptions(Adapters.DiskSpecFiles.Instance));
        foreach (var diagnostic in diagnostics)
        {
            Log.Report(diagnostic);
        }

        int created = 0, updated = 0, left = existing is null ? 0 : 1;
        if (existing is not null)
        {
            Log.LogMessage(MessageImportance.High, $"MonitoringInit: left {Display(SpecFile)} (exists)");
        }

        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, file.RelativePath));
            if (file.Refresh && File.Exists(path))
            {
                if (OutputWriter.WriteIfChanged(path, file.Content))
                {
                    updated++;
                    Log.LogMessage(MessageImportance.High, $"MonitoringInit: updated {Display(path)} (the package's copy)");
                }
                else
                {
                    left++;
                    Log.LogMessage(MessageImportance.High, $"MonitoringInit: left {Display(path)} (up to date)");
                }
            }
            else if (OutputWriter.CreateIfAbsent(path, file.Content))
            {
                created++;
                Log.LogMessage(MessageImportance.High, $"MonitoringInit: created {Display(path)}");
            }
            else
            {
                left++;
                Log.LogMessage(MessageImportance.High, $"MonitoringInit: left {Display(path)} (exists)");
            }
        }

        Log.LogMessage(MessageImportance.High, $"MonitoringInit: {created} created, {(updated > 0 ? $"{updated} updated, " : string.Empty)}{left} left as they were.");
        return !Log.HasLoggedErrors;
    }

    private string Display(string path) => Path.GetRelativePath(ProjectDirectory, path).Replace('\\', '/');
}
