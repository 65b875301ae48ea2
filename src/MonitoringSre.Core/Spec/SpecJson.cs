using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using Newtonsoft.Json.Linq;

namespace MonitoringSre.Spec;

/// <summary>
/// Converts the spec tree to JSON for schema validation, remembering which YAML node each JSON token came from so that
/// schema errors point at the YAML line and column. Plain scalars are typed by YAML 1.2's core schema.
/// </summary>
public sealed class SpecJson
{
    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private readonly Dictionary<JToken, SpecNode> _origins = new(ReferenceEqualityComparer.Instance);
    private int _nodes;

    private SpecJson()
    {
    }

    public JToken Root { get; private set; } = JValue.CreateNull();

    /// <summary>Converts <paramref name="root"/>; null and a diagnostic when aliases expand it past the limits.</summary>
    public static (SpecJson? Json, Diagnostic? Error) Convert(SpecNode root)
    {
        var json = new SpecJson();
        try
        {
            json.Root = json.ToToken(root, depth: 0);
            return (json, null);
        }
        catch (ExpansionLimitException e)
        {
            return (null, Diagnostic.Create(DiagnosticCatalog.TooComplex, e.Node.Location, SpecLoader.MaxExpandedNodes, SpecLoader.MaxDepth));
        }
    }

    /// <summary>The YAML node a JSON token (or the property holding it) came from.</summary>
    public SpecNode? OriginOf(JToken? token)
    {
        for (var t = token; t is not null; t = t.Parent)
        {
            if (_origins.TryGetValue(t, out var node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Types a plain scalar: null, bool, integer, float, else string.</summary>
    public static JValue ScalarValue(SpecScalar scalar)
    {
        var v = scalar.Value;
        var tag = scalar.Tag;
        if (tag is "tag:yaml.org,2002:str" or "!!str")
        {
            return new JValue(v);
        }

        if (!scalar.IsPlain)
        {
            return new JValue(v);
        }

        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return JValue.CreateNull();
            case "true" or "True" or "TRUE":
                return new JValue(true);
            case "false" or "False" or "FALSE":
                return new JValue(false);
        }

        if (IntPattern.IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new JValue(l);
        }

        // Decimal where it fits, so 99.99999999999999 stays below 100 (a double would round it up when the validator
        // compares it as a decimal); double only for magnitudes a decimal cannot hold.
        if (FloatPattern.IsMatch(v) && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            return new JValue(m);
        }

        if (FloatPattern.IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return new JValue(d);
        }

        return new JValue(v);
    }

    private JToken ToToken(SpecNode node, int depth)
    {
        if (++_nodes > SpecLoader.MaxExpandedNodes || depth > SpecLoader.MaxDepth)
        {
            throw new ExpansionLimitException(node);
        }

        JToken token;
        switch (node)
        {
            case SpecScalar scalar:
                token = ScalarValue(scalar);
                break;
            case SpecSequence sequence:
            {
                var array = new JArray();
                foreach (var item in sequence.Items)
                {
                    array.Add(ToToken(item, depth + 1));
                }

                token = array;
                break;
            }

            case SpecMapping mapping:
            {
                var obj = new JObject();
                foreach (var entry in mapping.Entries)
                {
                    var property = new JProperty(entry.Key.Value, ToToken(entry.Value, depth + 1));
                    _origins[property] = entry.Key;
                    obj.Add(property);
                }

                token = obj;
                break;
            }

            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }

        _origins[token] = node;
        return token;
    }

    private sealed class ExpansionLimitException(SpecNode node) : Exception
    {
        public SpecNode Node { get; } = node;
    }
}
