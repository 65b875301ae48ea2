using Microsoft.Build.Framework;
using MonitoringSre.Output;
using MonitoringSre.Scaffolding;

namespace MonitoringSre.Tasks;

/// <summary>
/// MonitoringInit: creates monitoring.yaml (when missing), the incident response plan and a runbook per alert beside
/// the project. Never overwrites: lists what it created and what it left as it was.
/// </summary>
public sealed class InitializeMonitoring : MonitoringTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>@(PackageReference): chooses the metrics preset of a new monitoring.yaml.</summary>
    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>The package's monitoring.schema.json, for the yaml-language-server line.</summary>
    public string? SchemaFile { get; set; }

    public override bool Execute()
    {
        try
        {
            var existing = File.Exists(SpecFile) ? File.ReadAllBytes(SpecFile) : null;
            var schema = string.IsNullOrEmpty(SchemaFile) ? null : Path.GetRelativePath(Path.GetDirectoryName(SpecFile)!, SchemaFile).Replace('\\', '/');
            var (files, diagnostics) = InitPlanner.Plan(SpecFile, existing, ProjectName, PackageReferences.Select(p => p.ItemSpec), schema);
            foreach (var diagnostic in diagnostics)
            {
                Log.Report(diagnostic);
            }

            int created = 0, left = existing is null ? 0 : 1;
            if (existing is not null)
            {
                Log.LogMessage(MessageImportance.High, $"MonitoringInit: left {Display(SpecFile)} (exists)");
            }

            foreach (var file in files)
            {
                var path = file.RelativePath == Path.GetFileName(SpecFile) ? SpecFile : Path.Combine(ProjectDirectory, file.RelativePath);
                if (OutputWriter.CreateIfAbsent(path, file.Content))
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

            Log.LogMessage(MessageImportance.High, $"MonitoringInit: {created} created, {left} left as they were.");
            return !Log.HasLoggedErrors;
        }
        catch (Exception e)
        {
            return Log.Internal(SpecFile, e);
        }
    }

    private string Display(string path) => Path.GetRelativePath(ProjectDirectory, path).Replace('\\', '/');
}
