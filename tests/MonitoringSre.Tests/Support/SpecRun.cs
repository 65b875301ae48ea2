using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tests.Support;

/// <summary>Runs the core pipeline on YAML text, as the build does, with the file named monitoring.yaml.</summary>
public static class SpecRun
{
    public const string File = "monitoring.yaml";

    public static PipelineResult Run(string yaml, bool kubernetes = false) =>
        MonitoringPipeline.Run(File, Encoding.UTF8.GetBytes(yaml), new GenerationOptions(kubernetes));

    public static PipelineResult RunBytes(byte[] bytes) =>
        MonitoringPipeline.Run(File, bytes, new GenerationOptions());

    public static PipelineResult Contract(bool kubernetes = false) =>
        MonitoringPipeline.Run(Repo.ContractSpec, System.IO.File.ReadAllBytes(Repo.ContractSpec), new GenerationOptions(kubernetes));

    public static IReadOnlyList<Diagnostic> Diagnose(string yaml) => Run(yaml).Diagnostics;

    public static string FileText(this PipelineResult result, string suffix)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Files.Single(f => f.RelativePath.EndsWith(suffix, StringComparison.Ordinal)).Content;
    }

    /// <summary>A valid spec with one SLO, to which a test adds or changes one thing.</summary>
    public const string Minimal = """
        service: orders-api
        slos:
          - name: availability
            objective: 99.9
            sli:
              availability: {}
        """;
}
