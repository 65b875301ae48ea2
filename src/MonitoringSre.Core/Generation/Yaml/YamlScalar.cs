using System.Buffers;
using System.Globalization;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.Yaml;

/// <summary>
/// The one quoting decision every scalar goes through: plain only when no YAML 1.1 or 1.2 reader could take it for
/// anything but that string; single quotes for values with double quotes; a literal block for multi-line text; double
/// quotes with escapes for everything else. Text that is not well-formed UTF-16 is repaired first.
/// </summary>
internal static class YamlScalar
{
    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    };


    /// <summary>Printable ASCII but for the quote characters: a value of only these needs no look at each character.</summary>
    private static readonly SearchValues<char> UnremarkableAscii = SearchValues.Create(
        " !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>What may follow the first character of a plain scalar.</summary>
    private static readonly SearchValues<char> PlainTail = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./$: ");

    /// <summary>Printable ASCII that a double-quoted scalar holds unescaped: all but the double quote and the backslash.</summary>
    private static readonly SearchValues<char> UnescapedAscii = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>A mapping key: on one line, so never a literal block.</summary>
    internal static void AppendKey(PooledText sb, string key) => Append(sb, key, block: false, blockIndent: -1);

    internal static void Append(PooledText sb, string value, bool block, int blockIndent)
    {
        value = WellFormed(value);

        // One pass over the value decides its style; this runs for every scalar of every generated file. Most values
        // are printable ASCII without quotes or line breaks, which a vectorised search finds without the loop.
        bool printable = true, newline = false, doubleQuote = false, singleQuote = false;
        var remarkable = value.AsSpan().IndexOfAnyExcept(UnremarkableAscii);
        foreach (var c in remarkable < 0 ? [] : value.AsSpan(remarkable))
        {
            if (!IsPrintable(c))
            {
                printable = false;
            }

            switch (c)
            {
                case '\n': newline = true; break;
                case '"': doubleQuote = true; break;
                case '\'': singleQuote = true; break;
            }
        }

        // A literal block reads back unchanged only when it starts with text: leading spaces or line breaks would be
        // taken for indentation or dropped, and a value of nothing but line breaks reads back as empty.
        if (blockIndent >= 0 && (block || newline) && printable
            && value.Length > 0 && value[0] is not (' ' or '\n' or '\t') && value[^1] is not (' ' or '\t'))
        {
            AppendLiteral(sb, value, blockIndent);
            return;
        }

        if (IsSafePlain(value))
        {
            sb.Append(value);
            return;
        }

        // Single quotes read better for values holding double quotes (PromQL matchers) and need no escapes.
        if (doubleQuote && !singleQuote && printable && !newline)
        {
            sb.Append('\'').Append(value).Append('\'');
            return;
        }

        AppendDoubleQuoted(sb, value);
    }

    /// <summary>
    /// Plain only when no YAML 1.1 or 1.2 reader could take it for anything but that string: a letter, '_', '/' or '$'
    /// first, then letters, digits and "_-./$: " only, no ": " inside, no ':' or ' ' at the end, and no YAML 1.1 word.
    /// </summary>
    private static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiLetter(value[0]) || value[0] is '_' or '/' or '$'))
        {
            return false;
        }

        if (value.AsSpan(1).ContainsAnyExcept(PlainTail) || value.Contains(": ", StringComparison.Ordinal))
        {
            return false;
        }

        return value[^1] is not (' ' or ':') && !(value.Length <= 5 && Yaml11Words.Contains(value));
    }

    /// <summary>"|" with the chomping that keeps the value's trailing line breaks, the lines indented below the key.</summary>
    private static void AppendLiteral(PooledText sb, string value, int indent)
    {
        var text = value.AsSpan();
        var body = text.TrimEnd('\n');
        var trailing = text.Length - body.Length;
        sb.Append(trailing switch { 0 => "|-", 1 => "|", _ => "|+" });
        var lines = trailing == 0 ? body : text[..^1]; // after a final '\n' there is no line to write
        while (true)
        {
            var end = lines.IndexOf('\n');
            var line = end < 0 ? lines : lines[..end];
            sb.Append('\n');
            if (line.Length > 0)
            {
                sb.Append(' ', indent).Append(line);
            }

            if (end < 0)
            {
                break;
            }

            lines = lines[(end + 1)..];
        }
    }

    private static void AppendDoubleQuoted(PooledText sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            // The run up to the next character that needs a look, appended at once.
            var run = value.AsSpan(i).IndexOfAnyExcept(UnescapedAscii);
            if (run != 0)
            {
                sb.Append(run < 0 ? value.AsSpan(i) : value.AsSpan(i, run));
                if (run < 0)
                {
                    break;
                }

                i += run;
            }

            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\n': sb.Append("\\n"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\x1b': sb.Append("\\e"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                    {
                        sb.Append("\\U").Append(char.ConvertToUtf32(c, value[++i]).ToString("X8", CultureInfo.InvariantCulture));
                    }
                    else if (!IsPrintable(c))
                    {
                        sb.Append(c <= '\xFF' ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>
    /// A string cut in the middle of a surrogate pair (a shortened title, say) cannot be written as UTF-8; the half
    /// character becomes U+FFFD, as a UTF-8 encoder would make of it, instead of failing the build.
    /// </summary>
    private static string WellFormed(string value)
    {
        if (value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return value;
        }

        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(value, i++, 2);
            }
            else
            {
                sb.Append(char.IsSurrogate(value[i]) ? '\uFFFD' : value[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// What YAML readers (Go's, which Prometheus uses, included) accept raw inside a scalar and read back unchanged: no
    /// control characters, no byte order mark, no U+2028/U+2029 (YAML 1.1 line breaks). Anything else is written
    /// double-quoted, escaped.
    /// </summary>
    private static bool IsPrintable(char c) =>
        c is '\n' or '\t' or (>= ' ' and <= '~') || (c >= '\u00A0' && c != '\u2028' && c != '\u2029' && c != '\uFEFF' && c is < '\uFFFE' && !char.IsControl(c));
}
