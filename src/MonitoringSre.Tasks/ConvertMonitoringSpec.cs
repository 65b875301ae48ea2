using Microsoft.Build.Framework;
using MonitoringSre.Import;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// MonitoringConvert: writes the spec the build uses (a Sloth or OpenSLO file, or a monitoring.yaml that imports one)
/// as a monitoring.yaml of MonitoringSre's own format. A spec with errors is reported and nothing is written.
/// </summary>
public sealed class ConvertMonitoringSpec : SpecTask
{
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    protected override bool Run()
    {
        if (!File.Exists(SpecFile))
        {
            Report(Diagnostics.Diagnostic.Create(Diagnostics.DiagnosticCatalog.SpecNotFound, Diagnostics.SourceLocation.WholeFile(SpecFile), SpecFile));
            return false;
        }

        var result = MonitoringPipeline.Bind(SpecFile, File.ReadAllBytes(SpecFile), import: Import());
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        if (!result.Succeeded || Log.HasLoggedErrors)
        {
            return false;
        }

        OutputWriter.WriteIfChanged(OutputFile, SpecConverter.ToYaml(result.Spec!, SpecFile));
        if (result.Format == SpecFormat.MonitoringSre && result.ImportedFile is null)
        {
            Log.LogMessage(MessageImportance.High, $"MonitoringConvert: {Path.GetFileName(SpecFile)} is in MonitoringSre's format already; written to {OutputFile} as the build reads it, without comments.");
            return true;
        }

        var from = result.ImportedFile is { } imported ? $"{Path.GetFileName(SpecFile)} and {Path.GetFileName(imported)}" : Path.GetFileName(SpecFile);
        Log.LogMessage(MessageImportance.High,
            $"MonitoringConvert: {from} ({SpecFormats.Display(result.Format)}) -> {OutputFile}. To switch, make it the project's spec (monitoring.yaml, or MonitoringSpecFile).");
        return true;
    }
}
