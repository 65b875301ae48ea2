using System.Text.Json;
using System.Text.RegularExpressions;

namespace MonitoringSre.Spec;

/// <summary>
/// schemas/monitoring.schema.json, read with System.Text.Json into what <see cref="SchemaValidator"/> checks: the
/// subset of JSON Schema draft 7 the file uses (type, properties, required, additionalProperties, enum, pattern,
/// minLength, items, uniqueItems, minimum/maximum and their exclusive forms, min/maxProperties, description and
/// $ref to #/definitions). A keyword outside that subset is refused when the schema is read, so the schema cannot
/// grow a rule that nothing checks.
/// </summary>
public sealed class SpecSchema
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "$id", "$ref", "title", "description", "default", "definitions", "type", "properties", "required",
        "additionalProperties", "enum", "pattern", "minLength", "items", "uniqueItems", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minProperties", "maxProperties",
    ];

    private SpecSchema()
    {
    }

    /// <summary>The allowed types; empty when the schema does not restrict the type.</summary>
    public IReadOnlyList<string> Types { get; private set; } = [];

    public string? Description { get; private set; }

    /// <summary>The schema's default, as text (a string, number or boolean); null when it has none.</summary>
    public string? Default { get; private set; }

    /// <summary>Declared properties in the order the schema lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, SpecSchema>> Properties { get; private set; } = [];

    public IReadOnlySet<string> Required { get; private set; } = new HashSet<string>();

    /// <summary>False when additionalProperties is false.</summary>
    public bool AllowAdditional { get; private set; } = true;

    public SpecSchema? AdditionalSchema { get; private set; }

    public IReadOnlyList<string> Enumeration { get; private set; } = [];

    public Regex? Pattern { get; private set; }

    public int? MinLength { get; private set; }

    public SpecSchema? Items { get; private set; }

    public bool UniqueItems { get; private set; }

    public decimal? Minimum { get; private set; }

    public decimal? Maximum { get; private set; }

    public decimal? ExclusiveMinimum { get; private set; }

    public decimal? ExclusiveMaximum { get; private set; }

    public int? MinProperties { get; private set; }

    public int? MaxProperties { get; private set; }

    public SpecSchema? Property(string name)
    {
        foreach (var (key, schema) in Properties)
        {
            if (key == name)
            {
                return schema;
            }
        }

        return null;
    }

    public static SpecSchema Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var definitions = new Dictionary<string, SpecSchema>(StringComparer.Ordinal);
        if (root.TryGetProperty("definitions", out var defs))
        {
            // Declared first, filled after, so a definition may refer to another (or to itself).
            foreach (var def in defs.EnumerateObject())
            {
                definitions[def.Name] = new SpecSchema();
            }

            foreach (var def in defs.EnumerateObject())
            {
                definitions[def.Name].Fill(def.Value, definitions);
            }
        }

        return Read(root, definitions);
    }

    private static SpecSchema Read(JsonElement element, Dictionary<string, SpecSchema> definitions)
    {
        if (element.TryGetProperty("$ref", out var reference))
        {
            const string prefix = "#/definitions/";
            var target = reference.GetString() ?? string.Empty;
            return target.StartsWith(prefix, StringComparison.Ordinal) && definitions.TryGetValue(target[prefix.Length..], out var schema)
                ? schema
                : throw new InvalidOperationException($"the monitoring schema refers to {target}, which it does not define");
        }

        var result = new SpecSchema();
        result.Fill(element, definitions);
        return result;
    }

    private void Fill(JsonElement element, Dictionary<string, SpecSchema> definitions)
    {
        foreach (var keyword in element.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"the monitoring schema uses '{keyword.Name}', which SpecSchema does not check");
            }
        }

        if (element.TryGetProperty("type", out var type))
        {
            Types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
        }

        Description = element.TryGetProperty("description", out var d) ? d.GetString() : null;
        Default = element.TryGetProperty("default", out var dv) && dv.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (dv.ValueKind == JsonValueKind.String ? dv.GetString() : dv.GetRawText())
            : null;
        if (element.TryGetProperty("properties", out var properties))
        {
            Properties = properties.EnumerateObject().Select(p => new KeyValuePair<string, SpecSchema>(p.Name, Read(p.Value, definitions))).ToArray();
        }

        if (element.TryGetProperty("required", out var required))
        {
            Required = required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        if (element.TryGetProperty("additionalProperties", out var additional))
        {
            if (additional.ValueKind == JsonValueKind.False)
            {
                AllowAdditional = false;
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                AdditionalSchema = Read(additional, definitions);
            }
        }

        if (element.TryGetProperty("enum", out var enumeration))
        {
            Enumeration = enumeration.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidOperationException("only string enums are checked")).ToArray();
        }

        if (element.TryGetProperty("pattern", out var pattern))
        {
            Pattern = new Regex(pattern.GetString()!, RegexOptions.CultureInvariant);
        }

        MinLength = element.TryGetProperty("minLength", out var minLength) ? minLength.GetInt32() : null;
        Items = element.TryGetProperty("items", out var items) ? Read(items, definitions) : null;
        UniqueItems = element.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean();
        Minimum = element.TryGetProperty("minimum", out var min) ? min.GetDecimal() : null;
        Maximum = element.TryGetProperty("maximum", out var max) ? max.GetDecimal() : null;
        ExclusiveMinimum = element.TryGetProperty("exclusiveMinimum", out var xmin) ? xmin.GetDecimal() : null;
        ExclusiveMaximum = element.TryGetProperty("exclusiveMaximum", out var xmax) ? xmax.GetDecimal() : null;
        MinProperties = element.TryGetProperty("minProperties", out var minProperties) ? minProperties.GetInt32() : null;
        MaxProperties = element.TryGetProperty("maxProperties", out var maxProperties) ? maxProperties.GetInt32() : null;
    }
}
