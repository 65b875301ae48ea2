using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace MonitoringSre.Adapters;

/// <summary>
/// Decodes a signature (a generic instantiation, a type specification) into the names of every type it mentions, so a
/// type passed as a generic argument (<c>AddHostedService&lt;Worker&gt;()</c>, <c>UseStartup&lt;Startup&gt;()</c>) is
/// known to reach the framework that will call it. A type is named as <see cref="MetadataNames.TypeKey"/> writes it.
/// </summary>
internal sealed class TypeMentions(MetadataReader md) : ISignatureTypeProvider<string?, object?>
{
    public List<string> Mentioned { get; } = [];

    public string? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Mention(MetadataNames.TypeKey(md, handle));

    public string? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Mention(MetadataNames.TypeKey(md, handle));

    public string? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string? GetGenericInstantiation(string? genericType, ImmutableArray<string?> typeArguments) => genericType;

    public string? GetArrayType(string? elementType, ArrayShape shape) => elementType;

    public string? GetSZArrayType(string? elementType) => elementType;

    public string? GetByReferenceType(string? elementType) => elementType;

    public string? GetPointerType(string? elementType) => elementType;

    public string? GetPinnedType(string? elementType) => elementType;

    public string? GetModifiedType(string? modifier, string? unmodifiedType, bool isRequired) => unmodifiedType;

    public string? GetFunctionPointerType(MethodSignature<string?> signature) => null;

    public string? GetGenericMethodParameter(object? genericContext, int index) => null;

    public string? GetGenericTypeParameter(object? genericContext, int index) => null;

    public string? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

    private string? Mention(string? key)
    {
        if (key is not null)
        {
            Mentioned.Add(key);
        }

        return key;
    }
}
