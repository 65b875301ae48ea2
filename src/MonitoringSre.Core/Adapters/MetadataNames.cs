using System.Reflection.Metadata;

namespace MonitoringSre.Adapters;

/// <summary>
/// Names of types and methods as two assemblies agree on them: a reference in the service's assembly to a method of its
/// ServiceDefaults project and that method's definition have the same key, "Namespace.Outer/Nested::Method".
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
        return (dot < 0 ? string.Empty : outer[..dot], key[(key.LastIndexOf('/') is var slash and >= 0 ? slash + 1 : dot + 1)..]);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
