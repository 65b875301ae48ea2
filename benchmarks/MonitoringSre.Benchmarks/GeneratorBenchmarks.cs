using BenchmarkDotNet.Attributes;
using MonitoringSre.Generation;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Benchmarks;

/// <summary>Each generator alone, on a bound model of 100 SLOs (and 1,000, to see that each is linear).</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GenerationContext _context = null!;
    private IOutputGenerator _generator = null!;

    [Params(100, 1000)]
    public int Slos { get; set; }

    [ParamsSource(nameof(Names))]
    public string Generator { get; set; } = string.Empty;

    public static IEnumerable<string> Names => MonitoringPipeline.Generators.Select(g => g.GetType().Name);

    [GlobalSetup]
    public void Setup()
    {
        var bound = MonitoringPipeline.Bind("monitoring.yaml", BenchmarkSpec.Create(Slos));
        _context = new GenerationContext(bound.Model!, bound.Rules!, new GenerationOptions(Kubernetes: true));
        _generator = MonitoringPipeline.Generators.Single(g => g.GetType().Name == Generator);
    }

    [Benchmark]
    public long Generate() => _generator.Generate(_context).Sum(f => f.Length);
}
