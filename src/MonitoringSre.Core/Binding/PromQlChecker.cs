using System.Globalization;
using MonitoringSre.Text;

namespace MonitoringSre.Binding;

/// <summary>
/// Checks a PromQL expression the way Prometheus' parser would before the rules reach it: tokens, string escapes,
/// brackets, durations, known functions and aggregations, and the value types they take and give (a rate needs a range,
/// a comparison of two scalars needs bool, and so on). A spec's custom queries go into the generated rules as written,
/// so one that Prometheus would refuse must be an error in the build, not a rule file that fails to load.
/// </summary>
public sealed class PromQlChecker
{
    private enum T { Scalar, Vector, Matrix, String }

    private enum K { Ident, Number, String, Duration, Punct, End }

    private readonly record struct Token(K Kind, string Text, int Position);

    /// <summary>Functions with their argument types (a trailing '?' marks an optional one, '*' any number more) and result.</summary>
    private static readonly Dictionary<string, (string Args, T Result)> Functions = BuildFunctions();

    private static readonly HashSet<string> Aggregations =
        ["sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio"];

    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "atan2"];

    /// <summary>Keywords Prometheus' grammar never takes for a metric name (the others, such as offset or sum, it does).</summary>
    private static readonly HashSet<string> NeverMetrics = ["on", "ignoring", "group_left", "group_right", "bool", "atan2"];

    /// <summary>Duration units from the largest to the smallest.</summary>
    private static readonly string[] DurationUnits = ["y", "w", "d", "h", "m", "s", "ms"];

    private static readonly string[] Punctuation = ["!=", "=~", "!~", "==", "<=", ">=", "(", ")", "{", "}", "[", "]", ",", ":", "=", "<", ">", "+", "-", "*", "/", "%", "^", "@"];

    private readonly List<Token> _tokens;
    private int _i;

    private PromQlChecker(List<Token> tokens) => _tokens = tokens;

    /// <summary>Whether <paramref name="query"/> is an instant-vector expression Prometheus accepts.</summary>
    public static bool TryCheck(string query, out string error)
    {
        try
        {
            var checker = new PromQlChecker(Lex(query));
            var type = checker.Expression();
            if (checker.Peek.Kind != K.End)
            {
                throw Fail(checker.Peek, $"unexpected '{checker.Peek.Text}'");
            }

            if (type != T.Vector)
            {
                throw new SyntaxError($"the expression gives a {Name(type)}; an SLI query must give an instant vector", 0);
            }

            error = string.Empty;
            return true;
        }
        catch (SyntaxError e)
        {
            error = $"{e.Message} (at character {e.Position + 1})";
            return false;
        }
    }

    private Token Peek => _tokens[_i];

    private Token Next() => _tokens[_i++];

    private bool At(string text) => Peek.Kind is K.Punct or K.Ident && Peek.Text == text;

    private bool Accept(string text)
    {
        if (!At(text))
        {
            return false;
        }

        _i++;
        return true;
    }

    private Token Expect(string text) => At(text) ? Next() : throw Fail(Peek, $"expected '{text}' but found {Describe(Peek)}");

    private static SyntaxError Fail(Token at, string message) => new(message, at.Position);

    private static string Describe(Token t) => t.Kind == K.End ? "the end of the query" : $"'{t.Text}'";

    private static string Name(T type) => type switch
    {
        T.Scalar => "scalar",
        T.Vector => "instant vector",
        T.Matrix => "range vector",
        _ => "string",
    };

    // Binary operators, lowest precedence first; '^' binds right.
    private static readonly string[][] Levels = [["or"], ["and", "unless"], ["==", "!=", "<=", "<", ">=", ">"], ["+", "-"], ["*", "/", "%", "atan2"], ["^"]];

    private T Expression(int level = 0)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }

        var left = Expression(level + 1);
        while (Levels[level].FirstOrDefault(At) is { } op)
        {
            var opToken = Next();
            var returnBool = Accept("bool");
            if (returnBool && level != 2)
            {
                throw Fail(opToken, "bool goes only with a comparison");
            }

            VectorMatching();
            var right = op == "^" ? Expression(level) : Expression(level + 1);
            left = Binary(opToken, left, right, level, returnBool);
            if (op == "^")
            {
                break;
            }
        }

        return left;
    }

    private void VectorMatching()
    {
        if (Accept("on") || Accept("ignoring"))
        {
            LabelList();
            if (Accept("group_left") || Accept("group_right"))
            {
                if (At("("))
                {
                    LabelList();
                }
            }
        }
    }

    private static T Binary(Token op, T left, T right, int level, bool returnBool)
    {
        foreach (var side in new[] { left, right })
        {
            if (side is T.Matrix or T.String)
            {
                throw Fail(op, $"'{op.Text}' cannot take a {Name(side)}");
            }
        }

        if (level <= 1 && (left != T.Vector || right != T.Vector))
        {
            throw Fail(op, $"'{op.Text}' needs an instant vector on both sides");
        }

        if (level == 2 && left == T.Scalar && right == T.Scalar && !returnBool)
        {
            throw Fail(op, "a comparison of two scalars needs 'bool'");
        }

        return left == T.Vector || right == T.Vector ? T.Vector : T.Scalar;
    }

    private T Unary()
    {
        if (At("+") || At("-"))
        {
            var sign = Next();
            var operand = Unary();
            return operand is T.Scalar or T.Vector ? operand : throw Fail(sign, $"a sign cannot apply to a {Name(operand)}");
        }

        return Postfix();
    }

    private T Postfix()
    {
        var (type, isSelector) = Primary();
        var modifiable = isSelector; // offset and @ follow a selector or a subquery, once each
        var (offset, at) = (false, false);
        while (true)
        {
            if (At("["))
            {
                var open = Next();
                if (offset || at)
                {
                    throw Fail(open, "a range comes before offset and @");
                }

                Duration();
                if (Accept(":"))
                {
                    if (Peek.Kind == K.Duration)
                    {
                        Duration();
                    }

                    Expect("]");
                    type = type == T.Vector ? T.Matrix : throw Fail(open, $"a subquery needs an instant vector, not a {Name(type)}");
                }
                else
                {
                    Expect("]");
                    type = isSelector && type == T.Vector ? T.Matrix : throw Fail(open, "a range [..] can only follow a series selector");
                }

                isSelector = false;
                modifiable = true;
            }
            else if (At("offset") || At("@"))
            {
                var modifier = Next();
                if (!modifiable || (modifier.Text == "offset" ? offset : at))
                {
                    throw Fail(modifier, $"'{modifier.Text}' must follow a selector or a subquery, once");
                }

                if (modifier.Text == "offset")
                {
                    offset = true;
                    Accept("-");
                    Duration();
                }
                else
                {
                    at = true;
                    if ((Accept("start") || Accept("end")) && Accept("("))
                    {
                        Expect(")");
                    }
                    else
                    {
                        Accept("-");
                        Number();
                    }
                }
            }
            else
            {
                return type;
            }
        }
    }

    private (T Type, bool IsSelector) Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case K.Number:
                Next();
                return (T.Scalar, false);
            case K.String:
                Next();
                return (T.String, false);
            case K.Punct when t.Text == "(":
            {
                Next();
                var inner = Expression();
                Expect(")");
                return (inner, false);
            }

            case K.Punct when t.Text == "{":
                Matchers(hasMetricName: false);
                return (T.Vector, true);
            case K.Ident when Aggregations.Contains(t.Text) && _tokens[_i + 1] is { Kind: K.Punct, Text: "(" } or { Kind: K.Ident, Text: "by" or "without" }:
                return (Aggregation(), false);
            case K.Ident when _tokens[_i + 1] is { Kind: K.Punct, Text: "(" }:
                return (Call(), false);
            case K.Ident when t.Text.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("nan", StringComparison.OrdinalIgnoreCase):
                Next();
                return (T.Scalar, false);
            case K.Ident when !NeverMetrics.Contains(t.Text):
                Next();
                if (At("{"))
                {
                    Matchers(hasMetricName: true);
                }

                return (T.Vector, true);
            default:
                throw Fail(t, $"expected an expression but found {Describe(t)}");
        }
    }

    private T Aggregation()
    {
        var name = Next();
        var grouped = false;
        if (At("by") || At("without"))
        {
            Next();
            LabelList();
            grouped = true;
        }

        Expect("(");
        if (name.Text is "topk" or "bottomk" or "quantile" or "limitk" or "limit_ratio" or "count_values")
        {
            var parameter = Expression();
            var wanted = name.Text == "count_values" ? T.String : T.Scalar;
            if (parameter != wanted)
            {
                throw Fail(name, $"{name.Text} takes a {Name(wanted)} first, not a {Name(parameter)}");
            }

            Expect(",");
        }

        var argument = Expression();
        if (argument != T.Vector)
        {
            throw Fail(name, $"{name.Text} aggregates an instant vector, not a {Name(argument)}");
        }

        Expect(")");
        if (!grouped && (At("by") || At("without")))
        {
            Next();
            LabelList();
        }

        return T.Vector;
    }

    private T Call()
    {
        var name = Next();
        if (!Functions.TryGetValue(name.Text, out var signature))
        {
            throw Fail(name, $"unknown function '{name.Text}'");
        }

        Expect("(");
        var args = new List<(T Type, Token At)>();
        if (!At(")"))
        {
            do
            {
                var at = Peek;
                args.Add((Expression(), at));
            }
            while (Accept(","));
        }

        Expect(")");
        var wanted = signature.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var required = wanted.Count(w => !w.EndsWith('?') && !w.EndsWith('*'));
        var variadic = wanted.Any(w => w.EndsWith('*'));
        if (args.Count < required || (!variadic && args.Count > wanted.Length))
        {
            throw Fail(name, $"{name.Text}() takes {(variadic ? "at least " + required : required == wanted.Length ? required.ToString(CultureInfo.InvariantCulture) : required + " to " + wanted.Length)} argument(s), not {args.Count}");
        }

        for (var i = 0; i < args.Count; i++)
        {
            var expected = Parse(wanted[Math.Min(i, wanted.Length - 1)].TrimEnd('?', '*'));
            if (args[i].Type != expected)
            {
                throw Fail(args[i].At, $"{name.Text}() takes a {Name(expected)} as argument {i + 1}, not a {Name(args[i].Type)}");
            }
        }

        return signature.Result;
    }

    private void LabelList()
    {
        Expect("(");
        while (!At(")"))
        {
            var label = Next();
            if (label.Kind != K.Ident || !SelectorParser.IsLabelName(label.Text))
            {
                throw Fail(label, $"expected a label name but found {Describe(label)}");
            }

            if (!Accept(","))
            {
                break;
            }
        }

        Expect(")");
    }

    private void Matchers(bool hasMetricName)
    {
        var open = Expect("{");
        var any = false;
        var named = hasMetricName;
        while (!At("}"))
        {
            var label = Next();
            // Quoted metric and label names ({"my.metric"}) are Prometheus 3's; the 2.x that promtool tests run on refuses them.
            if (label.Kind == K.Ident && (SelectorParser.IsLabelName(label.Text) || Keywords.Contains(label.Text)))
            {
                if (!(At("=") || At("!=") || At("=~") || At("!~")) || _tokens[_i + 1] is not { Kind: K.String })
                {
                    throw Fail(label, $"expected a matcher such as {label.Text}=\"value\"");
                }
                else if (label.Text == "__name__" && named)
                {
                    throw Fail(label, "the metric name is given twice");
                }
                else
                {
                    var op = Next().Text;
                    var value = Unquote(Next());
                    any |= !MatchesEmpty(op, value, label);
                    named |= label.Text == "__name__";
                }
            }
            else
            {
                throw Fail(label, $"expected a label name but found {Describe(label)}");
            }

            if (!Accept(","))
            {
                break;
            }
        }

        Expect("}");
        if (!hasMetricName && !any)
        {
            throw Fail(open, "a selector needs a metric name or a matcher that does not match the empty string");
        }
    }

    /// <summary>Whether the matcher selects series without the label; also checks that a regex compiles as RE2.</summary>
    private static bool MatchesEmpty(string op, string value, Token at)
    {
        if (op is "=" or "!=")
        {
            return (value.Length == 0) == (op == "=");
        }

        if (!FullMatch.TryCreate(value, out var regex, out var problem))
        {
            throw Fail(at, $"the regex of '{at.Text}' is not valid: {problem}");
        }

        return regex!.IsMatch(string.Empty) == (op == "=~");
    }

    /// <summary>The value of a string token (its escapes were checked by the lexer).</summary>
    private static string Unquote(Token token)
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

    private void Duration()
    {
        if (Peek.Kind != K.Duration)
        {
            throw Fail(Peek, $"expected a duration such as 5m but found {Describe(Peek)}");
        }

        var duration = Next();
        if (duration.Text.All(c => c == '0' || char.IsAsciiLetter(c)))
        {
            throw Fail(duration, "a duration must be longer than 0");
        }
    }

    private void Number()
    {
        if (Peek.Kind != K.Number)
        {
            throw Fail(Peek, $"expected a number but found {Describe(Peek)}");
        }

        Next();
    }

    /// <summary>Argument codes of the function table: s scalar, v instant vector, m range vector, t string.</summary>
    private static T Parse(string type) => type switch
    {
        "s" => T.Scalar,
        "v" => T.Vector,
        "m" => T.Matrix,
        "t" => T.String,
        _ => throw new ArgumentException("unknown argument type " + type, nameof(type)),
    };

    private static List<Token> Lex(string q)
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
            else if (char.IsWhiteSpace(c))
            {
                i++;
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

    private static Dictionary<string, (string, T)> BuildFunctions()
    {
        var table = new Dictionary<string, (string, T)>(StringComparer.Ordinal);
        void Add(string args, T result, params string[] names)
        {
            foreach (var name in names)
            {
                table[name] = (args, result);
            }
        }

        Add("v", T.Vector, "abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg", "exp", "floor", "ln",
            "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp", "histogram_count", "histogram_sum",
            "histogram_stddev", "histogram_stdvar", "histogram_avg");
        Add("v?", T.Vector, "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year");
        Add("m", T.Vector, "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta", "increase", "irate",
            "last_over_time", "mad_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "ts_of_max_over_time", "ts_of_min_over_time", "ts_of_last_over_time");
        Add("s m", T.Vector, "quantile_over_time");
        Add("m s", T.Vector, "predict_linear");
        Add("m s s", T.Vector, "holt_winters", "double_exponential_smoothing");
        Add("s v", T.Vector, "histogram_quantile");
        Add("s s v", T.Vector, "histogram_fraction");
        Add("v s s", T.Vector, "clamp");
        Add("v s", T.Vector, "clamp_max", "clamp_min");
        Add("v s?", T.Vector, "round");
        Add("v t t t t", T.Vector, "label_replace");
        Add("v t t t*", T.Vector, "label_join");
        Add("v t*", T.Vector, "sort_by_label", "sort_by_label_desc");
        Add("v", T.Scalar, "scalar");
        Add("s", T.Vector, "vector");
        Add(string.Empty, T.Scalar, "pi", "time");
        return table;
    }

    private sealed class SyntaxError(string message, int position) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
