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

    /// <summary>@(PackageReference) and the packages the build resolved: choose the metrics preset (and, without code to read, the log provider).</summary>
    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>The built assembly and those of its project references: a new monitoring.yaml says what their code does.</summary>
    public ITaskItem[] Assemblies { get; set; } = [];

    protected override bool Run()
    {
        var existing = File.Exists(SpecFile) ? File.ReadAllBytes(SpecFile) : null;
        var schemaCopy = Path.Combine(ProjectDirectory, InitPlanner.SchemaCopyPath(ProjectDirectory, SpecFile));
        var code = existing is null ? ReadCode() : null;
        var (files, diagnostics) = InitPlanner.Plan(ProjectDirectory, SpecFile, existing, ProjectName, PackageReferences.Select(p => p.ItemSpec).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase), File.Exists(schemaCopy),
            new Import.ImportOptions(Adapters.DiskSpecFiles.Instance), code);
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
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

    /// <summary>What the built code does with its telemetry; null when nothing was built to read.</summary>
    private Gate.WiredTelemetry? ReadCode()
    {
        var assemblies = Assemblies.Select(a => a.GetMetadata("FullPath")).Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        if (assemblies.Count == 0)
        {
            return null;
        }

        var code = Gate.WiredTelemetry.Of(Adapters.BuiltCode.Read(assemblies, Adapters.BuiltCode.Settings(ProjectDirectory)));
        Log.LogMessage(MessageImportance.High, "MonitoringInit: read the built code: "
            + $"metrics {(code.Transport?.Value switch { "otlp" => "pushed over OTLP", "scrape" => "exported for a scrape", _ => "not exported yet" })}; "
            + $"logs {(code.LogProvider is { } logs ? "written by " + logs.Value : "not structured yet")}; "
            + $"traces {(code.Sampler is { } sampler ? "sampled " + sampler.Value + (code.SamplerSet ? string.Empty : " (OpenTelemetry's default)") : "not recorded yet")}.");
        return code;
    }

    private string Display(string path) => Path.GetRelativePath(ProjectDirectory, path).Replace('\\', '/');
}
