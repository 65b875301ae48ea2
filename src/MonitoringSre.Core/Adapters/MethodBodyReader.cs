using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;

namespace MonitoringSre.Adapters;

/// <summary>
/// One method body's IL, walked once: its calls (with the calling method's name, the call's source line from the PDB,
/// the constant loaded just before it, and whether a branch can skip it), what the graph needs to know of it (the
/// methods it calls or takes the address of, the types it touches or hands on), its string literals, and the
/// configuration keys it reads.
/// </summary>
internal static class MethodBodyReader
{
    /// <summary>Calls that read a configuration value by the string key loaded just before them.</summary>
    private static readonly HashSet<string> ConfigurationReads = ["get_Item", "GetValue", "GetSection", "GetRequiredSection", "GetConnectionString", "GetEnvironmentVariable"];

    public static List<CallSite> Read(PEReader pe, MetadataReader md, MetadataReader? pdb, string assembly, MethodDefinitionHandle handle,
        GraphMethod node, HashSet<string> strings)
    {
        var method = md.GetMethodDefinition(handle);
        var sites = new List<(int Offset, CallSite Site)>();
        if (method.RelativeVirtualAddress == 0)
        {
            return [];
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        var il = body.GetILReader();
        var flow = new MethodFlow();
        var configurationKeys = new List<string>();
        string? caller = null;
        string? lastString = null;
        double? lastNumber = null;
        while (il.RemainingBytes > 0)
        {
            var offset = il.Offset;
            int code = il.ReadByte();
            if (code == 0xFE)
            {
                code = 0xFE00 | il.ReadByte();
            }

            var op = (ILOpCode)code;
            string? loadedString = null;
            double? loadedNumber = null;
            switch (op)
            {
                case ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldftn or ILOpCode.Ldvirtftn:
                {
                    var token = MetadataTokens.EntityHandle(il.ReadInt32());
                    if (Describe(md, token, node) is { } t)
                    {
                        node.Targets.Add(MetadataNames.MethodKey(t.TypeKey, t.Method));
                        if (op == ILOpCode.Newobj)
                        {
                            node.TouchedTypes.Add(t.TypeKey);
                        }

                        if (lastString is not null && ConfigurationReads.Contains(t.Method))
                        {
                            configurationKeys.Add(lastString);
                        }

                        caller ??= MetadataNames.Caller(md, method);
                        sites.Add((offset, new CallSite(assembly, caller, t.Namespace, t.Type, t.Method, pdb is null ? null : SourceAt(pdb, handle, offset))
                        {
                            Number = lastNumber,
                        }));
                    }

                    break;
                }

                case ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld:
                    Touch(md, FieldOwner(md, MetadataTokens.EntityHandle(il.ReadInt32())), node.TouchedTypes);
                    break;
                case ILOpCode.Ldtoken:
                    Touch(md, MetadataTokens.EntityHandle(il.ReadInt32()), node.HandedTypes);
                    break;
                case ILOpCode.Initobj or ILOpCode.Box or ILOpCode.Newarr or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Unbox or ILOpCode.Unbox_any
                    or ILOpCode.Ldobj or ILOpCode.Stobj or ILOpCode.Cpobj or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem
                    or ILOpCode.Mkrefany or ILOpCode.Refanyval or ILOpCode.Sizeof or ILOpCode.Constrained:
                    Touch(md, MetadataTokens.EntityHandle(il.ReadInt32()), node.TouchedTypes);
                    break;
                case ILOpCode.Ldstr:
                    loadedString = md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
                    strings.Add(loadedString);
                    break;
                case ILOpCode.Ldc_r8:
                    loadedNumber = il.ReadDouble();
                    break;
                case ILOpCode.Ldc_r4:
                    loadedNumber = il.ReadSingle();
                    break;
                case ILOpCode.Switch:
                {
                    var count = il.ReadInt32();
                    var deltas = Enumerable.Range(0, count).Select(_ => il.ReadInt32()).ToArray();
                    var next = il.Offset;
                    flow.Jump(offset, next, FlowKind.Switch, deltas.Select(d => next + d).ToArray());
                    break;
                }

                case ILOpCode.Ret or ILOpCode.Jmp:
                    il.Offset += OperandSize(op);
                    flow.Jump(offset, il.Offset, FlowKind.Return);
                    break;
                case ILOpCode.Throw or ILOpCode.Rethrow or ILOpCode.Endfinally or ILOpCode.Endfilter:
                    flow.Jump(offset, il.Offset, FlowKind.Throw);
                    break;
                case ILOpCode.Br_s or ILOpCode.Leave_s:
                {
                    var delta = il.ReadSByte();
                    flow.Jump(offset, il.Offset, FlowKind.Unconditional, il.Offset + delta);
                    break;
                }

                case ILOpCode.Br or ILOpCode.Leave:
                {
                    var delta = il.ReadInt32();
                    flow.Jump(offset, il.Offset, FlowKind.Unconditional, il.Offset + delta);
                    break;
                }

                case >= ILOpCode.Brfalse_s and <= ILOpCode.Blt_un_s:
                {
                    var delta = il.ReadSByte();
                    flow.Jump(offset, il.Offset, FlowKind.Conditional, il.Offset + delta);
                    break;
                }

                case >= ILOpCode.Brfalse and <= ILOpCode.Blt_un:
                {
                    var delta = il.ReadInt32();
                    flow.Jump(offset, il.Offset, FlowKind.Conditional, il.Offset + delta);
                    break;
                }

                default:
                    il.Offset += OperandSize(op);
                    break;
            }

            lastString = loadedString;
            lastNumber = loadedNumber;
        }

        // A state machine's MoveNext branches on its state at every await: its calls are not judged.
        if (!flow.HasBranches || MetadataNames.IsStateMachine(md.GetString(md.GetTypeDefinition(method.GetDeclaringType()).Name)))
        {
            return sites.Select(s => s.Site).ToList();
        }

        var conditional = flow.Conditional(sites.Select(s => s.Offset), body.Size);
        if (conditional is null)
        {
            return sites.Select(s => s.Site).ToList();
        }

        var condition = new CallCondition(CallSite.Short(caller ?? MetadataNames.Caller(md, method)), configurationKeys.Distinct(StringComparer.Ordinal).ToList());
        return sites.Select(s => conditional[s.Offset] ? s.Site with { Condition = condition } : s.Site).ToList();
    }


    /// <summary>The type that declares a field a token names.</summary>
    private static EntityHandle FieldOwner(MetadataReader md, EntityHandle field) => field.Kind switch
    {
        HandleKind.FieldDefinition => md.GetFieldDefinition((FieldDefinitionHandle)field).GetDeclaringType(),
        HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)field).Parent,
        _ => default,
    };

    /// <summary>Records the types a type token names (a generic instance names its arguments too).</summary>
    private static void Touch(MetadataReader md, EntityHandle type, List<string> into)
    {
        switch (type.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference:
                into.Add(MetadataNames.TypeKey(md, type)!);
                break;
            case HandleKind.TypeSpecification:
                var mentions = new TypeMentions(md);
                md.GetTypeSpecification((TypeSpecificationHandle)type).DecodeSignature(mentions, null);
                into.AddRange(mentions.Mentioned);
                break;
        }
    }

    /// <summary>
    /// A call's target: the key of its declaring type, how evidence names that type, and the method's name. The types a
    /// generic instantiation passes are recorded as handed to the callee.
    /// </summary>
    private static (string TypeKey, string Namespace, string Type, string Method)? Describe(MetadataReader md, EntityHandle target, GraphMethod node)
    {
        switch (target.Kind)
        {
            case HandleKind.MethodSpecification:
            {
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)target);
                var mentions = new TypeMentions(md);
                spec.DecodeSignature(mentions, null);
                node.HandedTypes.AddRange(mentions.Mentioned);
                return Describe(md, spec.Method, node);
            }

            case HandleKind.MemberReference:
            {
                var member = md.GetMemberReference((MemberReferenceHandle)target);
                if (member.Parent.Kind == HandleKind.TypeSpecification)
                {
                    Touch(md, member.Parent, node.HandedTypes);
                }

                return Target(md, member.Parent, md.GetString(member.Name));
            }

            case HandleKind.MethodDefinition:
            {
                var method = md.GetMethodDefinition((MethodDefinitionHandle)target);
                return Target(md, method.GetDeclaringType(), md.GetString(method.Name));
            }

            default:
                return null;
        }
    }

    private static (string TypeKey, string Namespace, string Type, string Method)? Target(MetadataReader md, EntityHandle type, string method) =>
        MetadataNames.TypeKey(md, type) is { } key && MetadataNames.Display(md, type) is { } display ? (key, display.Namespace, display.Name, method) : null;

    /// <summary>The source line of the IL at <paramref name="offset"/>: the last visible sequence point at or before it.</summary>
    public static SourceLocation? SourceAt(MetadataReader pdb, MethodDefinitionHandle method, int offset)
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
