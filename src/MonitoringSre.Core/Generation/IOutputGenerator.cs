namespace MonitoringSre.Generation;

/// <summary>One kind of output. Adding an output is adding a generator; the others do not change.</summary>
public interface IOutputGenerator
{
    IEnumerable<GeneratedFile> Generate(GenerationContext context);
}
