using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;
using MonitoringSre.Text;

namespace MonitoringSre.Tasks;

/// <summary>
/// Reads monitoring.yaml (or, for a web project without one, a default availability SLO), runs the core pipeline, logs
/// every diagnostic with its code, file, line and column, and writes the outputs atomically into <see cref="OutputDirectory"/>.
/// </summary>
public sealed class GenerateMonitoring : SpecTask
{
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Where the files end up, for the summary line, e.g. bin/Debug/net10.0/monitoring/.</summary>
    public string? DisplayPath { get; set; }

    public bool Kubernetes { get; set; }

    /// <summary>The project folder: runbook folders are relative to it.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>
    /// Where the path of an imported Sloth or OpenSLO spec is kept, for the next build's up-to-date check; absent when
    /// the spec imports nothing.
    /// </summary>
    public string? ImportsFile { get; set; }

    [Output]
    public ITaskItem[] GeneratedFiles { get; set; } = [];

    protected override bool Run()
    {
        var source = ResolveSpec(out var absent);
        if (source is null)
        {
            if (absent)
            {
                Log.LogMessage(MessageImportance.High,
                    $"MonitoringSre: {ProjectName}: no {Path.GetFileName(SpecFile)} beside the project; nothing generated. Add one, or run `dotnet build -t:MonitoringInit`.");
                OutputWriter.Sync(OutputDirectory, []);
            }

            return !Log.HasLoggedErrors;
        }

        var result = MonitoringPipeline.Run(source.File, source.Content,
            new GenerationOptions(Kubernetes, Links(ProjectDirectory ?? Path.GetDirectoryName(SpecFile)!), Import()));
        RecordImport(result.ImportedFile);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        if (!result.Succeeded || Log.HasLoggedErrors)
        {
            return false;
        }

        OutputWriter.Sync(OutputDirectory, result.Files);
        GeneratedFiles = result.Files
            .Select(f => (ITaskItem)new TaskItem(Path.Combine(OutputDirectory, f.RelativePath)))
            .ToArray();

        var display = (DisplayPath ?? OutputDirectory).Replace('\\', '/').TrimEnd('/') + "/alerts/";
        var slos = result.Model!.Slos.Count;
        Log.LogMessage(MessageImportance.High, string.Create(CultureInfo.InvariantCulture,
            $"MonitoringSre: {result.Model.Service}: {slos} SLO{(slos == 1 ? string.Empty : "s")} -> {result.AlertRuleCount} alert rules -> {display}"));
        return true;
    }

    /// <summary>Keeps the imported file's path where the targets read it (also when reading it failed: creating it is a change), or removes it.</summary>
    private void RecordImport(string? imported)
    {
        if (string.IsNullOrEmpty(ImportsFile))
        {
            return;
        }

        if (imported is null)
        {
            File.Delete(ImportsFile);
        }
        else
        {
            OutputWriter.WriteIfChanged(ImportsFile, imported + "\n");
        }
    }
}
