using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;

namespace MonitoringSre.Adapters;

/// <summary>
/// Reads built assemblies with System.Reflection.Metadata, without loading them: every call, constructor call and
/// method reference (ldftn) in every method body, with the calling method and, from the portable PDB beside the
/// assembly, the source line of the call. Also the string literals (a meter name passed to AddMeter, say) and where the
/// entry point begins.
/// </summary>
public static class AssemblyCallReader
{
    public sealed record Result(IReadOnlyList<CallSite> Calls, IReadOnlyCollection<string> Strings, SourceLocation? EntryPoint);

    public static Result Read(IEnumerable<string> assemblyPaths)
    {
        var calls = new List<CallSite>();
        var strings = new HashSet<string>(StringComparer.Ordinal);
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
            foreach (var typeHandle in md.TypeDefinitions)
            {
                foreach (var methodHandle in md.GetTypeDefinition(typeHandle).GetMethods())
                {
                    ReadBody(pe, md, pdb, name, methodHandle, calls, strings);
                }
            }

            var entryToken = pe.PEHeaders.CorHeader?.EntryPointTokenOrRelativeVirtualAddress ?? 0;
            if (entryPoint is null && pdb is not null && entryToken != 0 && (entryToken >> 24) == 0x06)
            {
                entryPoint = SourceAt(pdb, (MethodDefinitionHandle)MetadataTokens.EntityHandle(entryToken), 0);
            }
        }

        return new Result(calls, strings, entryPoint);
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

    private static void ReadBody(PEReader pe, MetadataReader md, MetadataReader? pdb, string assembly, MethodDefinitionHandle handle,
        List<CallSite> calls, HashSet<string> strings)
    {
        var method = md.GetMethodDefinition(handle);
        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
        string? caller = null;
        while (il.RemainingBytes > 0)
        {
            var offset = il.Offset;
            int code = il.ReadByte();
            if (code == 0xFE)
            {
                code = 0xFE00 | il.ReadByte();
            }

            var op = (ILOpCode)code;
            switch (op)
            {
                case ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn or ILOpCode.Ldvirtftn:
                {
                    var target = Describe(md, MetadataTokens.EntityHandle(il.ReadInt32()));
                    if (target is { } t)
                    {
                        caller ??= CallerName(md, method);
                        calls.Add(new CallSite(assembly, caller, t.Namespace, t.Type, t.Method, pdb is null ? null : SourceAt(pdb, handle, offset)));
                    }

                    break;
                }

                case ILOpCode.Ldstr:
                    strings.Add(md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF)));
                    break;
                case ILOpCode.Switch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                default:
                    il.Offset += OperandSize(op);
                    break;
            }
        }
    }

    /// <summary>The declaring type's namespace and name, and the method's name, of a call's target.</summary>
    private static (string Namespace, string Type, string Method)? Describe(MetadataReader md, EntityHandle target)
    {
        switch (target.Kind)
        {
            case HandleKind.MethodSpecification:
                return Describe(md, md.GetMethodSpecification((MethodSpecificationHandle)target).Method);
            case HandleKind.MemberReference:
            {
                var member = md.GetMemberReference((MemberReferenceHandle)target);
                var type = TypeName(md, member.Parent);
                return type is null ? null : (type.Value.Namespace, type.Value.Name, md.GetString(member.Name));
            }

            case HandleKind.MethodDefinition:
            {
                var method = md.GetMethodDefinition((MethodDefinitionHandle)target);
                var type = TypeName(md, method.GetDeclaringType());
                return type is null ? null : (type.Value.Namespace, type.Value.Name, md.GetString(method.Name));
            }

            default:
                return null;
        }
    }

    private static (string Namespace, string Name)? TypeName(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
            {
                var type = md.GetTypeReference((TypeReferenceHandle)handle);
                var ns = type.ResolutionScope.Kind == HandleKind.TypeReference
                    ? TypeName(md, (TypeReferenceHandle)type.ResolutionScope)?.Namespace ?? string.Empty
                    : md.GetString(type.Namespace);
                return (ns, md.GetString(type.Name));
            }

            case HandleKind.TypeDefinition:
            {
                var type = md.GetTypeDefinition((TypeDefinitionHandle)handle);
                var ns = type.GetDeclaringType().IsNil ? md.GetString(type.Namespace) : TypeName(md, type.GetDeclaringType())?.Namespace ?? string.Empty;
                return (ns, md.GetString(type.Name));
            }

            case HandleKind.TypeSpecification:
            {
                // A generic instance (List<int>): its generic type definition names it.
                var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
                if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                {
                    blob.ReadSignatureTypeCode();
                    return TypeName(md, blob.ReadTypeHandle());
                }

                return null;
            }

            default:
                return null;
        }
    }

    /// <summary>Program.&lt;Main&gt;$, or for a lambda the method it was written in: Program.&lt;Main&gt;$ (lambda).</summary>
    private static string CallerName(MetadataReader md, MethodDefinition method)
    {
        var type = md.GetTypeDefinition(method.GetDeclaringType());
        var name = md.GetString(method.Name);
        var typeName = md.GetString(type.Name);
        var lambda = name.StartsWith('<') && name.Contains(">b__", StringComparison.Ordinal);
        if (typeName.StartsWith('<') && !type.GetDeclaringType().IsNil)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
            typeName = md.GetString(type.Name);
        }

        if (lambda)
        {
            name = name[1..name.IndexOf(">b__", StringComparison.Ordinal)] + " (lambda)";
        }

        var ns = md.GetString(type.Namespace);
        return (ns.Length > 0 ? ns + "." : string.Empty) + typeName + "." + name;
    }

    /// <summary>The source line of the IL at <paramref name="offset"/>: the last visible sequence point at or before it.</summary>
    private static SourceLocation? SourceAt(MetadataReader pdb, MethodDefinitionHandle method, int offset)
    {
        SequencePoint? best = null;
        foreach (var point in pdb.GetMethodDebugInformation(method.ToDebugInformationHandle()).GetSequencePoints())
        {
            if (point.IsHidden)
            {
                continue;
            }

            if (point.Offset > offset && best is not null)
            {
                break;
            }

            best = point;
        }

        if (best is not { } p)
        {
            return null;
        }

        var document = pdb.GetString(pdb.GetDocument(p.Document).Name);
        return new SourceLocation(document, p.StartLine, p.StartColumn);
    }

    /// <summary>Bytes of inline operand after an opcode (ECMA-335 III), switch aside.</summary>
    private static int OperandSize(ILOpCode op) => op switch
    {
        ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
            or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned or ILOpCode.Leave_s
            or (>= ILOpCode.Br_s and <= ILOpCode.Blt_un_s) => 1,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Leave or (>= ILOpCode.Br and <= ILOpCode.Blt_un)
            or ILOpCode.Jmp or ILOpCode.Calli or ILOpCode.Cpobj or ILOpCode.Ldobj or ILOpCode.Castclass or ILOpCode.Isinst
            or ILOpCode.Unbox or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda
            or ILOpCode.Stsfld or ILOpCode.Stobj or ILOpCode.Box or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem
            or ILOpCode.Stelem or ILOpCode.Unbox_any or ILOpCode.Refanyval or ILOpCode.Mkrefany or ILOpCode.Ldtoken
            or ILOpCode.Initobj or ILOpCode.Constrained or ILOpCode.Sizeof => 4,
        _ => 0,
    };
}
