using System.Reflection.Metadata;

namespace MonitoringSre.Adapters;

/// <summary>
/// Names in metadata. Keys of types and methods as two assemblies agree on them: a reference in the service's assembly
/// to a method of its ServiceDefaults project and that method's definition have the same key,
/// "Namespace.Outer/Nested::Method". And how evidence names a calling method: after the method the team wrote, not the
/// one the compiler made of a lambda.
/// </summary>
internal static class MetadataNames
{
    public static string MethodKey(string typeKey, string method) => typeKey + "::" + method;

    public static string? TypeKey(MetadataReader md, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeKey(md, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeKey(md, (TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => GenericDefinition(md, (TypeSpecificationHandle)handle),
        _ => null,
    };

    public static string TypeKey(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? Qualified(md.GetString(type.Namespace), md.GetString(type.Name))
            : TypeKey(md, declaring) + "/" + md.GetString(type.Name);
    }

    public static string TypeKey(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeKey(md, (TypeReferenceHandle)type.ResolutionScope) + "/" + md.GetString(type.Name)
            : Qualified(md.GetString(type.Namespace), md.GetString(type.Name));
    }

    /// <summary>A generic instance (List&lt;int&gt;) is named by its generic type definition.</summary>
    private static string? GenericDefinition(MetadataReader md, TypeSpecificationHandle handle)
    {
        var blob = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadSignatureTypeCode();
        return TypeKey(md, blob.ReadTypeHandle());
    }

    /// <summary>How evidence names a type: its namespace (the outermost type's) and its own name.</summary>
    public static (string Namespace, string Name)? Display(MetadataReader md, EntityHandle handle)
    {
        var key = TypeKey(md, handle);
        if (key is null)
        {
            return null;
        }

        var outer = key.Split('/')[0];
        var dot = outer.LastIndexOf('.');
        var slash = key.LastIndexOf('/');
        return (dot < 0 ? string.Empty : outer[..dot], key[(slash >= 0 ? slash + 1 : dot + 1)..]);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    /// <summary>
    /// Program.&lt;Main&gt;$; for code the compiler moved out of the method it was written in, that method:
    /// Program.&lt;Main&gt;$ (lambda), Program.&lt;Main&gt;$ (local function AddExporters), Worker.ExecuteAsync (async).
    /// </summary>
    public static string Caller(MetadataReader md, MethodDefinition method)
    {
        var type = md.GetTypeDefinition(method.GetDeclaringType());
        var name = md.GetString(method.Name);
        var typeName = md.GetString(type.Name);
        var stateMachine = IsStateMachine(typeName) ? typeName[1..typeName.IndexOf(">d__", StringComparison.Ordinal)] : null;
        while (typeName.StartsWith('<') && !type.GetDeclaringType().IsNil)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
            typeName = md.GetString(type.Name);
        }

        if (stateMachine is not null)
        {
            name = Written(stateMachine, out var what) + (what ?? " (async)");
        }
        else
        {
            name = Written(name, out var what) + what;
        }

        var ns = md.GetString(type.Namespace);
        return (ns.Length > 0 ? ns + "." : string.Empty) + typeName + "." + name;
    }

    /// <summary>An async method's or iterator's state machine: &lt;Main&gt;d__0.</summary>
    public static bool IsStateMachine(string typeName) => typeName.StartsWith('<') && typeName.Contains(">d__", StringComparison.Ordinal);

    /// <summary>The method a compiler-generated name was written in, and what the generated method is: &lt;Main&gt;b__0_0 → Main, " (lambda)".</summary>
    private static string Written(string name, out string? what)
    {
        what = null;
        if (!name.StartsWith('<'))
        {
            return name;
        }

        var close = name.LastIndexOf('>');
        if (close <= 0 || close + 3 > name.Length)
        {
            return name;
        }

        var kind = name.Substring(close + 1, 1);
        var outer = name[1..close];
        switch (kind)
        {
            case "b":
                what = " (lambda)";
                return outer;
            case "g":
                // <<Main>$>g__AddExporters|0_0: a local function named AddExporters.
                var local = name[(close + 4)..];
                what = " (local function " + (local.IndexOf('|') is var bar and > 0 ? local[..bar] : local) + ")";
                return outer;
            default:
                return name;
        }
    }
}
