using System.Globalization;
using System.Text;

namespace MonitoringSre.Spec;

/// <summary>
/// Spec values as the schema diagnostics quote them, written as NJsonSchema and Newtonsoft.Json wrote them when they
/// did the validation, so messages kept their wording: scalars as written (True/False for booleans), mappings and lists
/// as indented JSON, and keys in paths quoted where JSON paths quote them.
/// </summary>
internal static class SpecText
{
    /// <summary>A value as the messages quote it: a scalar as written (True/False for booleans), a mapping or list as indented JSON.</summary>
    public static string Of(SpecNode node)
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

    /// <summary><paramref name="text"/> between <paramref name="quote"/>s, escaped as Newtonsoft.Json escaped JSON strings and path segments.</summary>
    public static string Quoted(string text, char quote) => AppendQuoted(new StringBuilder(text.Length + 2), text, quote).ToString();

    private static StringBuilder AppendQuoted(StringBuilder sb, string text, char quote = '"')
    {
        sb.Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' or '\'' when c == quote => sb.Append('\\').Append(c),
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

        return sb.Append(quote);
    }
}
