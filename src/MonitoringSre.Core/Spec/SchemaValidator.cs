using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Text;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MonitoringSre.Spec;

/// <summary>
/// Validates a spec against schemas/monitoring.schema.json (embedded) and turns every schema error into a diagnostic
/// at the YAML position it came from. A few schema failures have a more specific code of their own (see
/// <see cref="Specific"/>), so that e.g. a bad SLO name reads the same whether the schema or a later check found it.
/// </summary>
public static class SchemaValidator
{
    // Parsing the schema costs tens of milliseconds; it is immutable once parsed, so one copy serves every build in a node.
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Regex Index = new(@"\[\d+\]", RegexOptions.CultureInvariant);

    public static string SchemaText()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("MonitoringSre.monitoring.schema.json")
            ?? throw new InvalidOperationException("the embedded monitoring schema is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<Diagnostic> Validate(SpecDocument document, SpecJson json)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var error in Flatten(Schema.Value.Validate(json.Root)))
        {
            diagnostics.Add(ToDiagnostic(document, json, error));
        }

        return diagnostics;
    }

    private static JsonSchema LoadSchema() =>
        JsonSchema.FromJsonAsync(SchemaText()).GetAwaiter().GetResult();

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static Diagnostic ToDiagnostic(SpecDocument document, SpecJson json, ValidationError error)
    {
        var origin = json.OriginOf(error.Token);
        var location = origin?.Location ?? SourceLocation.WholeFile(document.File);
        var path = error.Token is JProperty p ? p.Path : error.Token?.Path ?? string.Empty;
        var display = path.Length == 0 ? "the top level" : path;
        var value = error.Token is JProperty prop ? prop.Value : error.Token;
        var text = value is JValue v ? System.Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "null" : value?.ToString() ?? string.Empty;
        var description = error.Schema?.Description ?? string.Empty;

        var specific = Specific(Index.Replace(path, "[]"), error.Kind, location, text, display);
        if (specific is not null)
        {
            return specific;
        }

        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var allowed = error.Schema?.ActualProperties.Keys.ToList() ?? [];
                var key = error.Property ?? string.Empty;
                var suggestion = NameCase.DidYouMean(key, allowed);
                var parent = error.Token?.Parent?.Parent is { } owner && owner.Path.Length > 0 ? "'" + owner.Path + "'" : "the top level";
                return Diagnostic.Create(DiagnosticCatalog.UnknownKey, location, key, parent,
                    suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?", string.Join(", ", allowed));
            }

            case ValidationErrorKind.PropertyRequired:
            {
                var missing = error.Property ?? string.Empty;
                var hint = error.Schema?.ActualProperties.TryGetValue(missing, out var ps) == true ? ps.Description ?? string.Empty : string.Empty;
                return Diagnostic.Create(DiagnosticCatalog.MissingKey, location, missing, display, hint);
            }

            case ValidationErrorKind.StringExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a string", description);
            case ValidationErrorKind.NumberExpected:
            case ValidationErrorKind.IntegerExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a number", description);
            case ValidationErrorKind.BooleanExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "true or false", description);
            case ValidationErrorKind.ObjectExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a mapping of keys to values", description);
            case ValidationErrorKind.ArrayExpected:
                return Diagnostic.Create(DiagnosticCatalog.WrongType, location, display, "a list", description);
            case ValidationErrorKind.NotInEnumeration:
            {
                var options = error.Schema?.Enumeration.Select(o => System.Convert.ToString(o, CultureInfo.InvariantCulture)) ?? [];
                return Diagnostic.Create(DiagnosticCatalog.ValueNotAllowed, location, display, text, string.Join(", ", options));
            }

            case ValidationErrorKind.PatternMismatch:
                return Diagnostic.Create(DiagnosticCatalog.PatternMismatch, location, display, text, description);
            case ValidationErrorKind.NumberTooSmall:
            case ValidationErrorKind.NumberTooBig:
                return Diagnostic.Create(DiagnosticCatalog.OutOfRange, location, display, text, description);
            default:
                return Diagnostic.Create(DiagnosticCatalog.SchemaOther, location, display, SplitWords(error.Kind.ToString()), description);
        }
    }

    /// <summary>Schema failures that have a code of their own, keyed by path with list indices removed.</summary>
    private static Diagnostic? Specific(string path, ValidationErrorKind kind, SourceLocation at, string value, string display) => (path, kind) switch
    {
        ("service", ValidationErrorKind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidServiceName, at, value, Suggest(value, "orders-api")),
        ("slos[].name", ValidationErrorKind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidSloName, at, value, Suggest(value, "availability")),
        ("slos[].objective", ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig) =>
            Diagnostic.Create(DiagnosticCatalog.ObjectiveOutOfRange, at, value),
        ("period", ValidationErrorKind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidPeriod, at, value),
        ("slos[].sli.latency.threshold", ValidationErrorKind.PatternMismatch) =>
            Diagnostic.Create(DiagnosticCatalog.InvalidDuration, at, value),
        ("slos[].sli", ValidationErrorKind.TooManyProperties or ValidationErrorKind.TooFewProperties) =>
            Diagnostic.Create(DiagnosticCatalog.SliKind, at, display),
        _ => null,
    };

    private static string Suggest(string value, string fallback)
    {
        var kebab = NameCase.ToKebab(value);
        return kebab.Length > 0 ? kebab : fallback;
    }

    private static string SplitWords(string pascal) =>
        Regex.Replace(pascal, "(?<=[a-z])(?=[A-Z])", " ", RegexOptions.CultureInvariant).ToLowerInvariant();
}
