using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace MonitoringSre.Tests.Support;

/// <summary>
/// Small services compiled by Roslyn into a folder of their own, with portable PDBs beside them, against the assemblies
/// this test run has (the .NET and ASP.NET Core frameworks and the OpenTelemetry packages): what the gate reads after a
/// real build, in milliseconds. The folder is deleted when disposed.
/// </summary>
public sealed class CompiledCode : IDisposable
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList());

    private readonly ConcurrentBag<string> _written = [];

    public string Folder { get; } = Path.Combine(TestTemp.Root, "compiled-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A class library (a ServiceDefaults project, say); its path is what an exe of this folder may reference.</summary>
    public string Library(string name, string source) => Compile(name, OutputKind.DynamicallyLinkedLibrary, source, []);

    /// <summary>A program (top-level statements allowed) referencing the given libraries of this folder.</summary>
    public string Program(string name, string source, params string[] libraries) => Compile(name, OutputKind.ConsoleApplication, source, libraries);

    private string Compile(string name, OutputKind kind, string source, string[] libraries)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".dll");
        var file = Path.Combine(Folder, name + ".cs");
        File.WriteAllText(file, source);
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: file, encoding: System.Text.Encoding.UTF8)],
            [.. References.Value, .. libraries.Select(l => MetadataReference.CreateFromFile(l))],
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Debug));
        using var dll = File.Create(path);
        using var pdb = File.Create(Path.ChangeExtension(path, ".pdb"));
        var result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: Path.ChangeExtension(path, ".pdb")));
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, "the test's code does not compile:\n" + string.Join("\n", errors));
        _written.Add(path);
        return path;
    }

    /// <summary>What the gate reads of these assemblies (the first one the service's own), as it reads a build.</summary>
    public static Gate.CodeEvidence Evidence(params string[] assemblies)
    {
        var read = Adapters.AssemblyCallReader.Read(assemblies);
        return new Gate.CodeEvidence(assemblies.Select(Path.GetFileName).OfType<string>().ToList(), read.Calls, read.Strings, [], read.EntryPoint);
    }

    /// <summary>The 1-based line of the first line of <paramref name="source"/> holding <paramref name="text"/>.</summary>
    public static int LineOf(string source, string text)
    {
        var index = source.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the source");
        return index + 1;
    }

    public void Dispose() => TestTemp.Delete(Folder);
}
