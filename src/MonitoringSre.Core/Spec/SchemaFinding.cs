using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Text;

namespace MonitoringSre.Spec;

/// <summary>What the schema walk found, in the kinds NJsonSchema named, and where.</summary>
/// <param name="Node">Where it is reported: the value, or the key for an unknown key.</param>
/// <param name="Value">The value the finding is about.</param>
/// <param name="Property">The missing or unknown key.</param>
internal sealed record SchemaFinding(SchemaFinding.Kind What, SpecNode Node, SpecNode Value, SpecPath Path, SpecSchema Schema, string? Property = null)
{
    public enum Kind
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

    /// <summary>The finding as a diagnostic: a code of its own where the spec key has one (see <see cref="Specific"/>), else the kind's.</summary>
    public Diagnostic ToDiagnostic()
    {
        var location = Node.Location;
        var path = Path.Path;
        var display = path.Length == 0 ? "the top level" : path;
        var text = SpecText.Of(Value);
        var description = Schema.Description ?? string.Empty;

        var specific = Specific(WithoutIndices(path), What, location, text, display);
        if (specific is not null)
        {
            return specific;
        }

        switch (What)
        {
            case Kind.NoAdditionalPropertiesAllowed:
            {
                var allowed = Schema.Properties.Select(p => p.Key).ToList();
                var key = Property ?? string.Empty;
                var suggestion = NameCase.DidYouMean(key, allowed);
                var parent = Path.Owner.Length > 0 ? "'" + Path.Owner + "'" : "the top level";
                return Diagnostic.Create(DiagnosticCatalog.UnknownKey, location, key, parent,
                    suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?", string.Join(", ", allowed));
            }

            case Kind.PropertyRequired:
            {
                var missing = Property ?? string.Empty;
                var hint = Schema.Property(missing)?.Description ?? string.Empty;
                return Diagnostic.Create(DiagnosticCatalog.MissingKey, location, missing, display, hint);
            }

            case Kind.StringExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a string" + SuchAs(Schema), description);
            case Kind.NumberExpected:
            case Kind.IntegerExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a number" + SuchAs(Schema), description);
            case Kind.BooleanExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "true or false", description);
            case Kind.ObjectExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a mapping of keys to values", description);
            case Kind.ArrayExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a list", description);
            case Kind.NotInEnumeration:
                return Diagnostic.Create(DiagnosticCatalog.ValueNotAllowed, location, display, text, string.Join(", ", Schema.Enumeration));
            case Kind.PatternMismatch:
                return Diagnostic.Create(DiagnosticCatalog.PatternMismatch, location, display, text, description);
            case Kind.NumberTooSmall:
            case Kind.NumberTooBig:
                return Diagnostic.Create(DiagnosticCatalog.OutOfRange, location, display, text, description);
            default:
                return Diagnostic.Create(DiagnosticCatalog.SchemaOther, location, display, SplitWords(What.ToString()), description);
        }
    }

    /// <summary>
    /// ", such as 30d": a value of the right type to write instead, from the schema (its default, its first allowed
    /// value, or the example its description gives); nothing when it has none.
    /// </summary>
    private static string SuchAs(SpecSchema schema)
    {
        var example = schema.Default ?? schema.Enumeration.FirstOrDefault() ?? Example(schema.Description);
        return example is null ? string.Empty : ", such as " + example;
    }

    private static string? Example(string? description)
    {
        var at = description?.IndexOf("e.g. ", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var rest = description![(at + 5)..];
        var end = rest.IndexOfAny([' ', ',', ';', ')']);
        var word = (end < 0 ? rest : rest[..end]).TrimEnd('.');
        return word.Length == 0 ? null : word;
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
}
