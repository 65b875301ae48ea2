using System.Globalization;
using MonitoringSre.Text;
using K = MonitoringSre.Binding.PromQlTokenKind;
using T = MonitoringSre.Binding.PromQlType;
using Token = MonitoringSre.Binding.PromQlToken;

namespace MonitoringSre.Binding;

/// <summary>The checker's calls and selectors: aggregations, functions with their argument types, label matchers, durations.</summary>
public sealed partial class PromQlChecker
{
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
        if (name.Word is "topk" or "bottomk" or "quantile" or "limitk" or "limit_ratio" or "count_values")
        {
            var parameter = Expression();
            var wanted = name.Word == "count_values" ? T.String : T.Scalar;
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
        if (!PromQlFunctions.Table.TryGetValue(name.Text, out var signature))
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
            var expected = PromQlFunctions.ArgumentType(wanted[Math.Min(i, wanted.Length - 1)].TrimEnd('?', '*'));
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
            if (label.Kind == K.Ident && (SelectorParser.IsLabelName(label.Text) || PromQlFunctions.Keywords.Contains(label.Word)))
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
                    var value = PromQlLexer.Unquote(Next());
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
}
