using K = MonitoringSre.Binding.PromQlTokenKind;
using SyntaxError = MonitoringSre.Binding.PromQlSyntaxError;
using T = MonitoringSre.Binding.PromQlType;
using Token = MonitoringSre.Binding.PromQlToken;

namespace MonitoringSre.Binding;

/// <summary>
/// Checks a PromQL expression the way Prometheus' parser would before the rules reach it: tokens, string escapes,
/// brackets, durations, known functions and aggregations, and the value types they take and give (a rate needs a range,
/// a comparison of two scalars needs bool, and so on). A spec's custom queries go into the generated rules as written,
/// so one that Prometheus would refuse must be an error in the build, not a rule file that fails to load.
/// </summary>
public sealed partial class PromQlChecker
{
    private readonly List<Token> _tokens;
    private int _i;

    private PromQlChecker(List<Token> tokens) => _tokens = tokens;

    /// <summary>Whether <paramref name="query"/> is an instant-vector expression Prometheus accepts.</summary>
    public static bool TryCheck(string query, out string error)
    {
        try
        {
            var checker = new PromQlChecker(PromQlLexer.Lex(query));
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

    private bool At(string text) => Peek.Kind is K.Punct or K.Ident && Peek.Word == text;

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
                if (!modifiable || (modifier.Word == "offset" ? offset : at))
                {
                    throw Fail(modifier, $"'{modifier.Text}' must follow a selector or a subquery, once");
                }

                if (modifier.Word == "offset")
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
            case K.Ident when PromQlFunctions.Aggregations.Contains(t.Word) && (_tokens[_i + 1] is { Kind: K.Punct, Text: "(" } || _tokens[_i + 1].Word is "by" or "without"):
                return (Aggregation(), false);
            case K.Ident when _tokens[_i + 1] is { Kind: K.Punct, Text: "(" }:
                return (Call(), false);
            case K.Ident when t.Text.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("nan", StringComparison.OrdinalIgnoreCase):
                Next();
                return (T.Scalar, false);
            case K.Ident when !PromQlFunctions.NeverMetrics.Contains(t.Word):
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
}
