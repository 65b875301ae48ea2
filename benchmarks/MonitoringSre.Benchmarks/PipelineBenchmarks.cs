using BenchmarkDotNet.Attributes;
using MonitoringSre.Generation;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Benchmarks;

/// <summary>
/// The core pipeline a build runs when the spec changed, for specs of 1 to 1,000 SLOs: load, validate (schema and
/// meaning), bind, build the rules, run every generator, and write (write-if-changed, so a rebuild compares).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private byte[] _spec = [];
    private PipelineResult _bound = null!;
    private IReadOnlyList<GeneratedFile> _files = [];
    private string _output = string.Empty;

    [Params(1, 10, 100, 1000)]
    public int Slos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _spec = BenchmarkSpec.Create(Slos);
        _bound = MonitoringPipeline.Bind("monitoring.yaml", _spec);
        if (!_bound.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", _bound.Diagnostics));
        }

        _files = MonitoringPipeline.Run("monitoring.yaml", _spec, new GenerationOptions()).Files;
        _output = Path.Combine(Path.GetTempPath(), "monitoringsre-bench-" + Guid.NewGuid().ToString("N"));
        OutputWriter.Sync(_output, _files);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_output, recursive: true);

    /// <summary>Everything a changed spec costs: load, validate, bind, rules, generate.</summary>
    [Benchmark]
    public int Pipeline() => MonitoringPipeline.Run("monitoring.yaml", _spec, new GenerationOptions()).Files.Count;

    /// <summary>Load, validate, bind and build the rules (what the gate and incident reports need).</summary>
    [Benchmark]
    public bool Bind() => MonitoringPipeline.Bind("monitoring.yaml", _spec).Succeeded;

    /// <summary>Every generator on a bound model.</summary>
    [Benchmark]
    public int Generate()
    {
        var context = new GenerationContext(_bound.Model!, _bound.Rules!, new GenerationOptions());
        return MonitoringPipeline.Generators.Sum(g => g.Generate(context).Count());
    }

    /// <summary>Writing files that have not changed: compared, not rewritten.</summary>
    [Benchmark]
    public void Write() => OutputWriter.Sync(_output, _files);
}
