using MonitoringSre.Generation;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Contract_spec_generates()
    {
        var result = MonitoringPipeline.Run(Repo.ContractSpec, File.ReadAllBytes(Repo.ContractSpec), new GenerationOptions(Kubernetes: true));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var dir = "/tmp/smoke";
        foreach (var f in result.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, f.RelativePath))!);
            File.WriteAllText(Path.Combine(dir, f.RelativePath), f.Content);
        }
    }
}
