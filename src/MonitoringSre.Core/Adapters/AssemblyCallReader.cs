using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;

namespace MonitoringSre.Adapters;

/// <summary>
/// Reads built assemblies with System.Reflection.Metadata, without loading them: every call, constructor call and
/// method reference (ldftn) in every method body (<see cref="MethodBodyReader"/>), with the calling method and, from the
/// portable PDB beside the assembly, the source line of the call; then which of them the service can run, from its entry
/// point through all the assemblies read (<see cref="CallGraph"/>). Also the string literals (a meter name passed to
/// AddMeter, say) and where the entry point begins.
/// </summary>
public static class AssemblyCallReader
{
    /// <param name="Judged">
    /// Whether the calls were judged by reachability: false when no assembly has an entry point (a library), and then
    /// every call counts as one the code makes.
    /// </param>
    public sealed record Result(IReadOnlyList<CallSite> Calls, IReadOnlyCollection<string> Strings, SourceLocation? EntryPoint, bool Judged = true);

    public static Result Read(IEnumerable<string> assemblyPaths)
    {
        var sites = new List<(CallSite Site, GraphMethod Method)>();
        var strings = new HashSet<string>(StringComparer.Ordinal);
        var graph = new CallGraph();
        var entryPoints = new List<GraphMethod>();
        SourceLocation? entryPoint = null;
        foreach (var path in assemblyPaths.Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                continue;
            }

            var md = pe.GetMetadataReader();
            using var pdbProvider = TryOpenPdb(pe, path);
            var pdb = pdbProvider?.GetMetadataReader();
            var name = Path.GetFileName(path);
            var entryToken = pe.PEHeaders.CorHeader?.EntryPointTokenOrRelativeVirtualAddress ?? 0;
            var entryHandle = entryToken != 0 && (entryToken >> 24) == 0x06 ? (MethodDefinitionHandle)MetadataTokens.EntityHandle(entryToken) : default;
            foreach (var typeHandle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(typeHandle);
                var typeKey = MetadataNames.TypeKey(md, typeHandle);
                if (!type.BaseType.IsNil && MetadataNames.TypeKey(md, type.BaseType) is { } baseKey)
                {
                    graph.SetBaseType(typeKey, baseKey);
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    var definition = md.GetMethodDefinition(methodHandle);
                    var method = new GraphMethod(typeKey, md.GetString(definition.Name), (definition.Attributes & System.Reflection.MethodAttributes.Virtual) != 0);
                    graph.Add(method);
                    if (methodHandle == entryHandle)
                    {
                        entryPoints.Add(method);
                    }

                    foreach (var site in MethodBodyReader.Read(pe, md, pdb, name, methodHandle, method, strings))
                    {
                        sites.Add((site, method));
                    }
                }
            }

            if (entryPoint is null && pdb is not null && !entryHandle.IsNil)
            {
                entryPoint = MethodBodyReader.SourceAt(pdb, entryHandle, 0);
            }
        }

        if (entryPoints.Count == 0)
        {
            return new Result(sites.Select(s => s.Site).ToList(), strings, entryPoint, Judged: false);
        }

        graph.Reach(entryPoints);
        return new Result(sites.Select(s => s.Method.Reachable ? s.Site : s.Site with { Reachable = false }).ToList(), strings, entryPoint);
    }

    /// <summary>Each assembly's module version id: it changes whenever the compiled code does (builds are deterministic).</summary>
    public static IEnumerable<string> Identities(IEnumerable<string> assemblyPaths)
    {
        foreach (var path in assemblyPaths)
        {
            if (!File.Exists(path))
            {
                yield return path + "=absent";
                continue;
            }

            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var md = pe.HasMetadata ? pe.GetMetadataReader() : null;
            yield return path + "=" + (md is null ? "no-metadata" : md.GetGuid(md.GetModuleDefinition().Mvid).ToString("N"));
        }
    }

    private static MetadataReaderProvider? TryOpenPdb(PEReader pe, string path)
    {
        try
        {
            return pe.TryOpenAssociatedPortablePdb(path, p => File.Exists(p) ? File.OpenRead(p) : null, out var provider, out _) ? provider : null;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or InvalidOperationException)
        {
            return null; // a PDB that cannot be read only costs the line numbers
        }
    }
}
