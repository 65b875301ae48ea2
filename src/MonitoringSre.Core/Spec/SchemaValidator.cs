using MonitoringSre.Text;
using MonitoringSre.Diagnostics;
using Kind = MonitoringSre.Spec.SchemaFinding.Kind;

namespace MonitoringSre.Spec;

/// <summary>
/// Validates a spec against schemas/monitoring.schema.json (embedded) and turns every schema error into a diagnostic
/// at the YAML position it came from. A few schema failures have a more specific code of their own (see
/// <see cref="SchemaFinding.ToDiagnostic"/>), so that e.g. a bad SLO name reads the same whether the schema or a later check found it.
/// </summary>
/// <remarks>
/// It walks the spec tree itself, with the rules of JSON Schema draft 7 as NJsonSchema applied them before (the same
/// findings, paths and order): a JSON Schema library, Newtonsoft.Json and a JSON copy of the spec took two thirds of
/// the first validation in a build, which every spec edit pays in a fresh node.
/// </remarks>
public static class SchemaValidator
{
    // Parsed once per build node: the schema is immutable.
    private static readonly Lazy<SpecSchema> Schema = new(() => SpecSchema.Parse(SchemaText()), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string SchemaText()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("MonitoringSre.monitoring.schema.json")
            ?? throw new InvalidOperationException("the embedded monitoring schema is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Whether aliases expand the spec past <see cref="SpecLoader.MaxExpandedNodes"/> nodes or
    /// <see cref="SpecLoader.MaxDepth"/> levels: a diagnostic (the spec is then not validated), else null.
    /// </summary>
    public static Diagnostic? CheckExpansion(SpecDocument document) =>
        document.More.Prepend(document.Root).Select(CheckExpansion).FirstOrDefault(d => d is not null);

    /// <summary>The same for one document's tree.</summary>
    public static Diagnostic? CheckExpansion(SpecNode root)
    {
        var nodes = 0;
        var stack = new Stack<(SpecNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (++nodes > SpecLoader.MaxExpandedNodes || depth > SpecLoader.MaxDepth)
            {
                return Diagnostic.Create(DiagnosticCatalog.TooComplex, node.Location, SpecLoader.MaxExpandedNodes, SpecLoader.MaxDepth);
            }

            switch (node)
            {
                case SpecSequence sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        stack.Push((sequence.Items[i], depth + 1));
                    }

                    break;
                case SpecMapping mapping:
                    for (var i = mapping.Entries.Count - 1; i >= 0; i--)
                    {
                        stack.Push((mapping.Entries[i].Value, depth + 1));
                    }

                    break;
            }
        }

        return null;
    }

    public static IReadOnlyList<Diagnostic> Validate(SpecDocument document)
    {
        var errors = new List<SchemaFinding>();
        Validate(document.Root, Schema.Value, new SpecPath(string.Empty, string.Empty), errors);
        return errors.Select(e => e.ToDiagnostic()).ToList();
    }


    private static void Validate(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaFinding> errors)
    {
        if (schema.Types.Count > 1)
        {
            // One type has to validate; what the others found is not reported.
            var failures = 0;
            foreach (var type in schema.Types)
            {
                var errorsOfType = new List<SchemaFinding>();
                ValidateType(node, schema, type, path, errorsOfType);
                failures += errorsOfType.Count > 0 ? 1 : 0;
            }

            if (failures == schema.Types.Count)
            {
                errors.Add(new(Kind.NoTypeValidates, node, node, path, schema));
            }
        }
        else
        {
            ValidateType(node, schema, schema.Types.Count == 1 ? schema.Types[0] : null, path, errors);
        }

        ValidateEnum(node, schema, path, errors);
        ValidateProperties(node, schema, path, errors);
    }

    private static void ValidateType(SpecNode node, SpecSchema schema, string? type, SpecPath path, List<SchemaFinding> errors)
    {
        var scalar = node is SpecScalar s ? ScalarValue.Of(s) : (ScalarValue?)null;

        // array
        if (node is SpecSequence sequence)
        {
            if (schema.UniqueItems && sequence.Items.Select(SpecText.Of).Distinct().Count() != sequence.Items.Count)
            {
                errors.Add(new(Kind.ItemsNotUnique, node, node, path, schema));
            }

            if (schema.Items is { } items)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Validate(sequence.Items[i], items, path.Item(i), errors);
                }
            }
        }
        else if (type == "array")
        {
            errors.Add(new(Kind.ArrayExpected, node, node, path, schema));
        }

        // string
        if (scalar is { Type: ScalarType.String, Value: string text })
        {
            if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
            {
                errors.Add(new(Kind.PatternMismatch, node, node, path, schema));
            }

            if (schema.MinLength is { } minLength && text.Length < minLength)
            {
                errors.Add(new(Kind.StringTooShort, node, node, path, schema));
            }
        }
        else if (type == "string")
        {
            errors.Add(new(Kind.StringExpected, node, node, path, schema));
        }

        // number
        if (type == "number" && scalar is not { IsNumber: true })
        {
            errors.Add(new(Kind.NumberExpected, node, node, path, schema));
        }

        if (scalar is { IsNumber: true } number)
        {
            var (tooSmall, tooBig) = OutOfRange(number.Value!, schema);
            if (tooSmall)
            {
                errors.Add(new(Kind.NumberTooSmall, node, node, path, schema));
            }

            if (tooBig)
            {
                errors.Add(new(Kind.NumberTooBig, node, node, path, schema));
            }
        }

        if (type == "integer" && scalar is not { Type: ScalarType.Integer })
        {
            errors.Add(new(Kind.IntegerExpected, node, node, path, schema));
        }

        if (type == "boolean" && scalar is not { Type: ScalarType.Boolean })
        {
            errors.Add(new(Kind.BooleanExpected, node, node, path, schema));
        }

        if (type == "null" && scalar is not { Type: ScalarType.Null })
        {
            errors.Add(new(Kind.NullExpected, node, node, path, schema));
        }

        if (type == "object" && node is not SpecMapping)
        {
            errors.Add(new(Kind.ObjectExpected, node, node, path, schema));
        }
    }

    /// <summary>minimum/maximum (inclusive), then exclusiveMinimum/exclusiveMaximum; each bound adds its own error.</summary>
    private static (bool TooSmall, bool TooBig) OutOfRange(object value, SpecSchema schema)
    {
        bool small = false, big = false;
        if (value is double d)
        {
            small |= schema.Minimum is { } min && d < (double)min;
            big |= schema.Maximum is { } max && d > (double)max;
            small |= schema.ExclusiveMinimum is { } xmin && d <= (double)xmin;
            big |= schema.ExclusiveMaximum is { } xmax && d >= (double)xmax;
            return (small, big);
        }

        var m = value is long l ? l : (decimal)value;
        small |= schema.Minimum is { } min2 && m < min2;
        big |= schema.Maximum is { } max2 && m > max2;
        small |= schema.ExclusiveMinimum is { } xmin2 && m <= xmin2;
        big |= schema.ExclusiveMaximum is { } xmax2 && m >= xmax2;
        return (small, big);
    }

    private static void ValidateEnum(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaFinding> errors)
    {
        if (schema.Enumeration.Count > 0 && !schema.Enumeration.Contains(SpecText.Of(node)))
        {
            errors.Add(new(Kind.NotInEnumeration, node, node, path, schema));
        }
    }

    private static void ValidateProperties(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaFinding> errors)
    {
        var mapping = node as SpecMapping;
        if (mapping is null && schema.Types.Contains("null"))
        {
            return;
        }

        // A misspelt required key is one mistake: the unknown key's did-you-mean names it, so it is not also "missing".
        var misspelt = mapping is null || schema.AllowAdditional
            ? new HashSet<string>(StringComparer.Ordinal)
            : mapping.Entries.Where(e => schema.Property(e.Key.Value) is null)
                .Select(e => NameCase.DidYouMean(e.Key.Value, schema.Properties.Select(p => p.Key)))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (name, propertySchema) in schema.Properties)
        {
            if (mapping?.Find(name) is { } entry)
            {
                Validate(entry.Value, propertySchema, path.Property(name), errors);
            }
            else if (schema.Required.Contains(name) && !misspelt.Contains(name))
            {
                errors.Add(new(Kind.PropertyRequired, node, node, path, schema, name));
            }
        }

        if (mapping is null)
        {
            return;
        }

        if (schema.MaxProperties is { } max && max > 0 && mapping.Entries.Count > max)
        {
            errors.Add(new(Kind.TooManyProperties, node, node, path, schema));
        }

        if (schema.MinProperties is { } min && min > 0 && mapping.Entries.Count < min)
        {
            errors.Add(new(Kind.TooFewProperties, node, node, path, schema));
        }

        foreach (var entry in mapping.Entries)
        {
            if (schema.Property(entry.Key.Value) is not null)
            {
                continue;
            }

            if (schema.AdditionalSchema is { } additional)
            {
                Validate(entry.Value, additional, path.Property(entry.Key.Value), errors);
            }
            else if (!schema.AllowAdditional)
            {
                errors.Add(new(Kind.NoAdditionalPropertiesAllowed, entry.Key, entry.Value, path.Property(entry.Key.Value) with { Owner = path.Owner }, schema, entry.Key.Value));
            }
        }
    }

}
