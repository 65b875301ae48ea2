using System.Globalization;
using K = MonitoringSre.Binding.PromQlTokenKind;
using SyntaxError = MonitoringSre.Binding.PromQlSyntaxError;
using Token = MonitoringSre.Binding.PromQlToken;

namespace MonitoringSre.Binding;

internal enum PromQlTokenKind
{
    Ident,
    Number,
    String,
    Duration,
    Punct,
    End,
}

/// <param name="Position">Where the token starts in the query, from 0.</param>
internal readonly record struct PromQlToken(PromQlTokenKind Kind, string Text, int Position)
{
    /// <summary>
    /// The token as the grammar reads it: a keyword, aggregation or set operator in lower case, whatever case it was
    /// written in (Prometheus' lexer looks them up lowercased, so <c>SUM BY (code) (x) OR ON() vector(0)</c> is valid);
    /// any other token as written (function, metric and label names are case-sensitive).
    /// </summary>
    public string Word => Kind == PromQlTokenKind.Ident && PromQlFunctions.IsKeywordIgnoringCase(Text) ? Text.ToLowerInvariant() : Text;
}

/// <summary>A query Prometheus would refuse, and where.</summary>
internal sealed class PromQlSyntaxError(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>
/// PromQL's tokens as Prometheus' lexer reads them: names, numbers, durations, Go strings with their escapes, comments,
/// punctuation. What reads PromQL text (the checker, the test synthesiser) reads it through these tokens. Whitespace is
/// Go's: space, tab, line feed and carriage return; any other space character is refused, as Prometheus refuses it.
/// </summary>
internal static class PromQlLexer
{
    /// <summary>Duration units from the largest to the smallest.</summary>
    private static readonly string[] DurationUnits = ["y", "w", "d", "h", "m", "s", "ms"];

    private static readonly string[] Punctuation = ["!=", "=~", "!~", "==", "<=", ">=", "(", ")", "{", "}", "[", "]", ",", ":", "=", "<", ">", "+", "-", "*", "/", "%", "^", "@"];

    /// <summary>The tokens of <paramref name="q"/>, ending with an End token; throws <see cref="PromQlSyntaxError"/>.</summary>
    public static List<Token> Lex(string q)
    {
        var tokens = new List<Token>();
        var i = 0;
        var inBrackets = false; // inside [..] a ':' separates a subquery's range and step; elsewhere it starts a name
        while (i < q.Length)
        {
            var c = q[i];
            if (c == ':' && inBrackets)
            {
                tokens.Add(new Token(K.Punct, ":", i++));
            }
            else if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }
            else if (c == '#' && tokens.Count > 0 && tokens[^1] is { Kind: K.Punct, Text: "[" })
            {
                // Prometheus reads a duration straight after '[', comment or not.
                throw new SyntaxError("a range or subquery starts with its duration, not a comment", i);
            }
            else if (c == '#')
            {
                while (i < q.Length && q[i] != '\n')
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < q.Length && (char.IsAsciiLetterOrDigit(q[i]) || q[i] is '_' or ':'))
                {
                    i++;
                }

                tokens.Add(new Token(K.Ident, q[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < q.Length && char.IsAsciiDigit(q[i + 1])))
            {
                tokens.Add(LexNumberOrDuration(q, ref i));
            }
            else if (c is '"' or '\'' or '`')
            {
                tokens.Add(LexString(q, ref i));
            }
            else if (Punctuation.FirstOrDefault(p => string.CompareOrdinal(q, i, p, 0, p.Length) == 0) is { } punct)
            {
                tokens.Add(new Token(K.Punct, punct, i));
                i += punct.Length;
                inBrackets = punct == "[" || (inBrackets && punct != "]");
            }
            else
            {
                throw new SyntaxError($"unexpected character '{c}'", i);
            }
        }

        tokens.Add(new Token(K.End, string.Empty, q.Length));
        return tokens;
    }

    private static Token LexNumberOrDuration(string q, ref int i)
    {
        var start = i;
        var units = new[] { "ms", "s", "m", "h", "d", "w", "y" }; // "ms" before "m" and "s", so it is read whole
        if (char.IsAsciiDigit(q[i]))
        {
            // A duration: one or more <digits><unit>, e.g. 5m or 1h30m.
            var j = i;
            var parts = 0;
            var lastUnit = -1;
            while (j < q.Length && char.IsAsciiDigit(q[j]))
            {
                var k = j;
                while (k < q.Length && char.IsAsciiDigit(q[k]))
                {
                    k++;
                }

                var unit = units.FirstOrDefault(u => string.CompareOrdinal(q, k, u, 0, u.Length) == 0);
                if (unit is null)
                {
                    break;
                }

                // Units go from the largest to the smallest, each at most once: 1h30m, not 30m1h or 1h1h.
                var rank = Array.IndexOf(DurationUnits, unit);
                if (rank <= lastUnit)
                {
                    throw new SyntaxError($"'{q[i..(k + unit.Length)]}' is not a valid duration", start);
                }

                lastUnit = rank;

                j = k + unit.Length;
                parts++;
            }

            if (parts > 0 && (j >= q.Length || !(char.IsAsciiLetterOrDigit(q[j]) || q[j] is '_' or '.')))
            {
                i = j;
                return new Token(K.Duration, q[start..j], start);
            }
        }

        if (q[i] == '0' && i + 1 < q.Length && q[i + 1] is 'x' or 'X')
        {
            i += 2;
            var digits = i;
            while (i < q.Length && char.IsAsciiHexDigit(q[i]))
            {
                i++;
            }

            return i > digits ? new Token(K.Number, q[start..i], start) : throw new SyntaxError("a hexadecimal number needs digits", start);
        }

        while (i < q.Length && char.IsAsciiDigit(q[i]))
        {
            i++;
        }

        if (i < q.Length && q[i] == '.')
        {
            i++;
            while (i < q.Length && char.IsAsciiDigit(q[i]))
            {
                i++;
            }
        }

        if (i < q.Length && q[i] is 'e' or 'E')
        {
            var mark = i++;
            if (i < q.Length && q[i] is '+' or '-')
            {
                i++;
            }

            if (i >= q.Length || !char.IsAsciiDigit(q[i]))
            {
                throw new SyntaxError("an exponent needs digits", mark);
            }

            while (i < q.Length && char.IsAsciiDigit(q[i]))
            {
                i++;
            }
        }

        if (i < q.Length && (char.IsAsciiLetter(q[i]) || q[i] is '_' or '.'))
        {
            throw new SyntaxError($"'{q[start..(i + 1)]}' is neither a number nor a duration", start);
        }

        return new Token(K.Number, q[start..i], start);
    }

    /// <summary>Go string syntax, as Prometheus reads it: escapes in "..." and '...', none in `...`.</summary>
    private static Token LexString(string q, ref int i)
    {
        var start = i;
        var quote = q[i++];
        while (i < q.Length && q[i] != quote)
        {
            if (q[i] == '\n' && quote != '`')
            {
                throw new SyntaxError("a string ends at a line break; close its quote", start);
            }

            if (q[i] == '\\' && quote != '`')
            {
                i++;
                if (i >= q.Length)
                {
                    break;
                }

                var e = q[i];
                var hex = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
                if (hex > 0)
                {
                    if (i + hex >= q.Length || !q.Substring(i + 1, hex).All(char.IsAsciiHexDigit))
                    {
                        throw new SyntaxError($"'\\{e}' needs {hex} hexadecimal digits", i - 1);
                    }

                    var code = long.Parse(q.AsSpan(i + 1, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (hex > 2 && (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF))
                    {
                        throw new SyntaxError($"'\\{e}{q.Substring(i + 1, hex)}' is not a Unicode character", i - 1);
                    }

                    i += hex;
                }
                else if (e is >= '0' and <= '7')
                {
                    if (i + 2 >= q.Length || !q.Substring(i, 3).All(d => d is >= '0' and <= '7') || q[i] > '3')
                    {
                        throw new SyntaxError("an octal escape needs three digits, at most \\377", i - 1);
                    }

                    i += 2;
                }
                else if (!(e is 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' || e == quote))
                {
                    throw new SyntaxError($"unknown escape '\\{e}' in a string (write '\\\\{e}' for a backslash)", i - 1);
                }
            }

            i++;
        }

        if (i >= q.Length)
        {
            throw new SyntaxError("a string is never closed", start);
        }

        i++;
        return new Token(K.String, q[start..i], start);
    }

    /// <summary>The value of a string token (its escapes were checked by the lexer).</summary>
    public static string Unquote(Token token)
    {
        var text = token.Text[1..^1];
        if (token.Text[0] == '`' || !text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                sb.Append(text[i]);
                continue;
            }

            var e = text[++i];
            var hex = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (hex > 0)
            {
                var code = long.Parse(text.AsSpan(i + 1, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                sb.Append(hex == 2 ? ((char)code).ToString() : char.ConvertFromUtf32((int)code));
                i += hex;
            }
            else if (e is >= '0' and <= '7')
            {
                sb.Append((char)Convert.ToInt32(text.Substring(i, 3), 8));
                i += 2;
            }
            else
            {
                sb.Append(e switch { 'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v', _ => e });
            }
        }

        return sb.ToString();
    }
}
