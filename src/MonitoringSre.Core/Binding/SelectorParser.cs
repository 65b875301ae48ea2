using System.Text;
using MonitoringSre.Model;

namespace MonitoringSre.Binding;

/// <summary>Parses PromQL label matchers: job="a", env=~"prod|staging" (braces optional).</summary>
public static class SelectorParser
{
    public static bool TryParse(string text, out IReadOnlyList<LabelMatcher> matchers, out string error)
    {
        var result = new List<LabelMatcher>();
        matchers = result;
        var s = text.Trim();
        if (s.StartsWith('{') && s.EndsWith('}'))
        {
            s = s[1..^1];
        }

        var i = 0;
        while (true)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            var name = s[nameStart..i];
            if (!IsLabelName(name))
            {
                error = $"expected a label name at position {nameStart + 1}";
                return false;
            }

            SkipSpace(s, ref i);
            string? op = null;
            foreach (var candidate in new[] { "=~", "!~", "!=", "=" })
            {
                if (string.CompareOrdinal(s, i, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    break;
                }
            }

            if (op is null)
            {
                error = $"expected =, !=, =~ or !~ after '{name}'";
                return false;
            }

            i += op.Length;
            SkipSpace(s, ref i);
            if (!TryReadString(s, ref i, out var value))
            {
                error = $"expected a quoted value after '{name}{op}'";
                return false;
            }

            result.Add(new LabelMatcher(name, op, value));
            SkipSpace(s, ref i);
            if (i < s.Length)
            {
                if (s[i] != ',')
                {
                    error = $"expected ',' between matchers at position {i + 1}";
                    return false;
                }

                i++;
            }
        }

        if (result.Count == 0)
        {
            error = "no matcher found";
            return false;
        }

        error = string.Empty;
        return true;
    }

    public static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }

    private static bool TryReadString(string s, ref int i, out string value)
    {
        value = string.Empty;
        if (i >= s.Length || (s[i] != '"' && s[i] != '\'' && s[i] != '`'))
        {
            return false;
        }

        var quote = s[i++];
        var sb = new StringBuilder();
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == quote)
            {
                value = sb.ToString();
                return true;
            }

            if (c == '\\' && quote != '`' && i < s.Length)
            {
                var e = s[i++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                continue;
            }

            sb.Append(c);
        }

        return false;
    }
}
