using System.Globalization;
using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Text;

namespace MonitoringSre.Spec;

/// <summary>
/// Validates a spec against schemas/monitoring.schema.json (embedded) and turns every schema error into a diagnostic
/// at the YAML position it came from. A few schema failures have a more specific code of their own (see
/// <see cref="Specific"/>), so that e.g. a bad SLO name reads the same whether the schema or a later check found it.
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
        var errors = new List<SchemaError>();
        Validate(document.Root, Schema.Value, new SpecPath(string.Empty, string.Empty), errors);
        return errors.Select(e => ToDiagnostic(document, e)).ToList();
    }

    private enum Kind
    {
        StringExpected,
        NumberExpected,
        IntegerExpected,
        BooleanExpected,
        NullExpected,
        ObjectExpected,
        ArrayExpected,
        NoTypeValidates,
        NotInEnumeration,
        PatternMismatch,
        StringTooShort,
        NumberTooSmall,
        NumberTooBig,
        ItemsNotUnique,
        PropertyRequired,
        TooManyProperties,
        TooFewProperties,
        NoAdditionalPropertiesAllowed,
    }

    /// <summary>Where a node is, as JSON paths write it (slos[0].name), and the path of the node's container's owner.</summary>
    /// <param name="Owner">What an unknown key is reported "in": the path of the mapping, or of the list holding it.</param>
    private readonly record struct SpecPath(string Path, string Owner)
    {
        public SpecPath Property(string name) => new(Join(Path, name), Join(Path, name));

        /// <summary>An item's mappings are reported in the list: their unknown keys are "in 'slos'".</summary>
        public SpecPath Item(int index) => new(Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", Path);

        private static string Join(string path, string name) =>
            name.AsSpan().IndexOfAny(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029") >= 0 ? path + "['" + Escaped(name) + "']"
            : path.Length > 0 ? path + "." + name
            : name;

        private static string Escaped(string name)
        {
            var sb = new StringBuilder(name.Length + 4);
            foreach (var c in name)
            {
                _ = c switch
                {
                    '\'' => sb.Append("\\'"),
                    '\\' => sb.Append("\\\\"),
                    '\t' => sb.Append("\\t"),
                    '\n' => sb.Append("\\n"),
                    '\r' => sb.Append("\\r"),
                    '\f' => sb.Append("\\f"),
                    '\b' => sb.Append("\\b"),
                    < ' ' or '\u0085' or '\u2028' or '\u2029' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                    _ => sb.Append(c),
                };
            }

            return sb.ToString();
        }
    }

    /// <param name="Node">Where it is reported: the value, or the key for an unknown key.</param>
    /// <param name="Value">The value the error is about.</param>
    /// <param name="Property">The missing or unknown key.</param>
    private sealed record SchemaError(Kind Kind, SpecNode Node, SpecNode Value, SpecPath Path, SpecSchema Schema, string? Property = null);

    private static void Validate(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaError> errors)
    {
        if (schema.Types.Count > 1)
        {
            // One type has to validate; what the others found is not reported.
            var failures = 0;
            foreach (var type in schema.Types)
            {
                var errorsOfType = new List<SchemaError>();
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

    private static void ValidateType(SpecNode node, SpecSchema schema, string? type, SpecPath path, List<SchemaError> errors)
    {
        var scalar = node is SpecScalar s ? ScalarValue.Of(s) : (ScalarValue?)null;

        // array
        if (node is SpecSequence sequence)
        {
            if (schema.UniqueItems && sequence.Items.Select(Text).Distinct().Count() != sequence.Items.Count)
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

    private static void ValidateEnum(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaError> errors)
    {
        if (schema.Enumeration.Count > 0 && !schema.Enumeration.Contains(Text(node)))
        {
            errors.Add(new(Kind.NotInEnumeration, node, node, path, schema));
        }
    }

    private static void ValidateProperties(SpecNode node, SpecSchema schema, SpecPath path, List<SchemaError> errors)
    {
        var mapping = node as SpecMapping;
        if (mapping is null && schema.Types.Contains("null"))
        {
            return;
        }

        foreach (var (name, propertySchema) in schema.Properties)
        {
            if (mapping?.Find(name) is { } entry)
            {
                Validate(entry.Value, propertySchema, path.Property(name), errors);
            }
            else if (schema.Required.Contains(name))
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

    private static Diagnostic ToDiagnostic(SpecDocument document, SchemaError error)
    {
        var location = error.Node.Location;
        var path = error.Path.Path;
        var display = path.Length == 0 ? "the top level" : path;
        var text = Text(error.Value);
        var description = error.Schema.Description ?? string.Empty;

        var specific = Specific(WithoutIndices(path), error.Kind, location, text, display);
        if (specific is not null)
        {
            return specific;
        }

        switch (error.Kind)
        {
            case Kind.NoAdditionalPropertiesAllowed:
            {
                var allowed = error.Schema.Properties.Select(p => p.Key).ToList();
                var key = error.Property ?? string.Empty;
                var suggestion = NameCase.DidYouMean(key, allowed);
                var parent = error.Path.Owner.Length > 0 ? "'" + error.Path.Owner + "'" : "the top level";
                return Diagnostic.Create(DiagnosticCatalog.UnknownKey, location, key, parent,
                    suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?", string.Join(", ", allowed));
            }

            case Kind.PropertyRequired:
            {
                var missing = error.Property ?? string.Empty;
                var hint = error.Schema.Property(missing)?.Description ?? string.Empty;
                return Diagnostic.Create(DiagnosticCatalog.MissingKey, location, missing, display, hint);
            }

            case Kind.StringExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a string", description);
            case Kind.NumberExpected:
            case Kind.IntegerExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a number", description);
            case Kind.BooleanExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "true or false", description);
            case Kind.ObjectExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a mapping of keys to values", description);
            case Kind.ArrayExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a list", description);
            case Kind.NotInEnumeration:
                return Diagnostic.Create(DiagnosticCatalog.ValueNotAllowed, location, display, text, string.Join(", ", error.Schema.Enumeration));
            case Kind.PatternMismatch:
                return Diagnostic.Create(DiagnosticCatalog.PatternMismatch, location, display, text, description);
            case Kind.NumberTooSmall:
            case Kind.NumberTooBig:
                return Diagnostic.Create(DiagnosticCatalog.OutOfRange, location, display, text, description);
            default:
                return Diagnostic.Create(DiagnosticCatalog.SchemaOther, location, display, SplitWords(error.Kind.ToString()), description);
        }
    }

    /// <summary>Schema failures that have a code of their own, keyed by path with list indices removed.</summary>
    private static Diagnostic? Specific(string path, Kind kind, SourceLocation at, string value, string display) => (path, kind) switch
    {
        ("service", Kind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidServiceName, at, value, Suggest(value, "orders-api")),
        ("slos[].name", Kind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidSloName, at, value, Suggest(value, "availability")),
        ("slos[].objective", Kind.NumberTooSmall or Kind.NumberTooBig) =>
            Diagnostic.Create(DiagnosticCatalog.ObjectiveOutOfRange, at, value),
        ("period", Kind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidPeriod, at, value),
        ("slos[].sli.latency.threshold", Kind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidDuration, at, value),
        ("slos[].sli", Kind.TooManyProperties or Kind.TooFewProperties) =>
            Diagnostic.Create(DiagnosticCatalog.SliKind, at, display),
        _ => null,
    };

    /// <summary>slos[0].sli → slos[].sli</summary>
    private static string WithoutIndices(string path)
    {
        if (!path.Contains('[', StringComparison.Ordinal))
        {
            return path;
        }

        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            sb.Append(path[i]);
            if (path[i] == '[' && i + 1 < path.Length && char.IsAsciiDigit(path[i + 1]))
            {
                var end = path.AsSpan(i + 1).IndexOfAnyExceptInRange('0', '9');
                if (end > 0 && path[i + 1 + end] == ']')
                {
                    i += end;
                }
            }
        }

        return sb.ToString();
    }

    private static string Suggest(string value, string fallback)
    {
        var kebab = NameCase.ToKebab(value);
        return kebab.Length > 0 ? kebab : fallback;
    }

    /// <summary>NoTypeValidates → "no type validates".</summary>
    private static string SplitWords(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterUpper(pascal[i]) && char.IsAsciiLetterLower(pascal[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    /// <summary>A value as the messages quote it: a scalar as written (True/False for booleans), a mapping or list as indented JSON.</summary>
    private static string Text(SpecNode node)
    {
        if (node is SpecScalar scalar)
        {
            return ScalarValue.Of(scalar).Value switch
            {
                null => string.Empty,
                bool b => b ? "True" : "False",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? string.Empty,
            };
        }

        var sb = new StringBuilder();
        WriteJson(sb, node, 0);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, SpecNode node, int indent)
    {
        switch (node)
        {
            case SpecScalar scalar:
                var value = ScalarValue.Of(scalar).Value;
                _ = value switch
                {
                    null => sb.Append("null"),
                    bool b => sb.Append(b ? "true" : "false"),
                    long l => sb.Append(l.ToString(CultureInfo.InvariantCulture)),
                    decimal m => sb.Append(WithDecimalPlace(m.ToString(CultureInfo.InvariantCulture))),
                    double d => sb.Append(WithDecimalPlace(d.ToString("R", CultureInfo.InvariantCulture))),
                    _ => AppendQuoted(sb, (string)value),
                };
                break;
            case SpecSequence { Items.Count: 0 }:
                sb.Append("[]");
                break;
            case SpecMapping { Entries.Count: 0 }:
                sb.Append("{}");
                break;
            case SpecSequence sequence:
                sb.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2);
                    WriteJson(sb, sequence.Items[i], indent + 2);
                }

                sb.Append('\n').Append(' ', indent).Append(']');
                break;
            case SpecMapping mapping:
                sb.Append('{');
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2);
                    AppendQuoted(sb, mapping.Entries[i].Key.Value).Append(": ");
                    WriteJson(sb, mapping.Entries[i].Value, indent + 2);
                }

                sb.Append('\n').Append(' ', indent).Append('}');
                break;
        }
    }

    private static string WithDecimalPlace(string number) =>
        number.AsSpan().IndexOfAny(".eE") >= 0 || number is "NaN" or "Infinity" or "-Infinity" ? number : number + ".0";

    private static StringBuilder AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\t' => sb.Append("\\t"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\f' => sb.Append("\\f"),
                '\b' => sb.Append("\\b"),
                < ' ' or '\u0085' or '\u2028' or '\u2029' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"');
    }
}
