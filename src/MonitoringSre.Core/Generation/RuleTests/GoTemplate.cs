using System.Globalization;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.RuleTests;

/// <summary>
/// Prometheus expands alert labels and annotations as Go templates. Text from the spec goes in as a
/// <see cref="Literal"/>, so whatever it holds reaches a pager as written; the generator's own text uses only
/// {{ $value | humanizePercentage }}, {{ printf "%.1f" $value }} and a query of the budget left divided by the value,
/// shown with humanizeDuration. <see cref="TryExpand"/> predicts what Prometheus makes of all of them.
/// </summary>
public static class GoTemplate
{
    private const string OpenAction = "{{";

    /// <summary>An action that prints "{{": the only escape Go templates need, since "}}" outside an action is text.</summary>
    private const string EscapedOpen = "{{ \"{{\" }}";

    /// <summary>
    /// {{ with query (printf `(SELECTOR > 0) * N / %f` $value) }}LEFT{{ . | first | value | humanizeDuration }}{{ else }}SPENT{{ end }}:
    /// the budget left times N divided by the value, after LEFT; SPENT when no budget is left.
    /// </summary>
    internal const string BudgetLeftStart = "{{ with query (printf `(";
    internal const string BudgetLeftMiddle = " / %f` $value) }}";
    internal const string BudgetLeftDuration = "{{ . | first | value | humanizeDuration }}{{ else }}";
    internal const string BudgetLeftEnd = "{{ end }}";

    /// <summary><paramref name="text"/> as a template that expands to exactly <paramref name="text"/>.</summary>
    public static string Literal(string text) => text.Replace(OpenAction, EscapedOpen, StringComparison.Ordinal);

    /// <summary>Expands <paramref name="template"/>; null when it holds an action this cannot predict.</summary>
    /// <param name="budgetLeft">The fraction of the period's error budget left when the alert is evaluated, which a
    /// budget-left query reads; null when it is not known.</param>
    /// <remarks>
    /// A scan rather than regular expressions: this runs for every label and annotation of every expected alert, and a
    /// build's first Regex costs more to construct than all the expansions of a spec take.
    /// </remarks>
    public static string? TryExpand(string template, decimal value, decimal? budgetLeft = null)
    {
        var open = template.IndexOf(OpenAction, StringComparison.Ordinal);
        if (open < 0)
        {
            return template; // no action: most labels, and every literal without "{{"
        }

        using var sb = new PooledText(template.Length + 32);
        var text = template.AsSpan();
        while (open >= 0)
        {
            sb.Append(text[..open]);
            text = text[open..];
            if (TryBudgetLeft(text, value, budgetLeft, out var expanded, out var length) || TryAction(text, value, out expanded, out length))
            {
                sb.Append(expanded);
                text = text[length..];
            }
            else
            {
                return null;
            }

            open = text.IndexOf(OpenAction, StringComparison.Ordinal);
        }

        return sb.Append(text).ToString();
    }

    /// <summary>The budget-left query (<see cref="BudgetLeftStart"/>) at the start of <paramref name="text"/>, as Prometheus expands it.</summary>
    private static bool TryBudgetLeft(ReadOnlySpan<char> text, decimal value, decimal? budgetLeft, out string expanded, out int length)
    {
        expanded = string.Empty;
        length = 0;
        if (!text.StartsWith(BudgetLeftStart, StringComparison.Ordinal) || budgetLeft is not { } left)
        {
            return false;
        }

        // (SELECTOR > 0) * N / %f` $value) }}LEFT{{ . | first | ... }}{{ else }}SPENT{{ end }}
        var rest = text[BudgetLeftStart.Length..];
        var times = rest.IndexOf(" > 0) * ", StringComparison.Ordinal);
        var middle = rest.IndexOf(BudgetLeftMiddle, StringComparison.Ordinal);
        var duration = rest.IndexOf(BudgetLeftDuration, StringComparison.Ordinal);
        var end = rest.IndexOf(BudgetLeftEnd, StringComparison.Ordinal);
        if (times < 0 || middle < times || duration < middle || end < duration
            || !double.TryParse(rest[(times + 8)..middle], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var whenLeft = rest[(middle + BudgetLeftMiddle.Length)..duration];
        var whenSpent = rest[(duration + BudgetLeftDuration.Length)..end];
        if (whenLeft.Contains(OpenAction, StringComparison.Ordinal) || whenSpent.Contains(OpenAction, StringComparison.Ordinal))
        {
            return false;
        }

        if (left > 0m)
        {
            // Prometheus prints the value with %f (6 decimals) into the query and computes in float64.
            var divisor = double.Parse(Math.Round(value, 6, MidpointRounding.ToEven).ToString("0.000000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            expanded = whenLeft.ToString() + HumanizeDuration((double)left * seconds / divisor);
        }
        else
        {
            expanded = whenSpent.ToString();
        }

        length = BudgetLeftStart.Length + end + BudgetLeftEnd.Length;
        return true;
    }

    /// <summary>One action, "{{" to the first "}}" (trim markers and spaces inside): an escaped "{{", the value as a percentage or printf'd.</summary>
    private static bool TryAction(ReadOnlySpan<char> text, decimal value, out string expanded, out int length)
    {
        expanded = string.Empty;
        var close = text[OpenAction.Length..].IndexOf("}}", StringComparison.Ordinal);
        length = close < 0 ? 0 : OpenAction.Length + close + 2;
        if (close < 0)
        {
            return false;
        }

        if (text[..length].SequenceEqual(EscapedOpen))
        {
            expanded = OpenAction;
            return true;
        }

        var body = text.Slice(OpenAction.Length, close);
        body = (body.StartsWith('-') ? body[1..] : body).TrimStart();
        body = (body.EndsWith('-') ? body[..^1] : body).TrimEnd();
        if (IsValue(body, out var rest) && rest.TrimStart().StartsWith('|') && rest.TrimStart()[1..].TrimStart().SequenceEqual("humanizePercentage"))
        {
            expanded = FormatG4(value * 100m) + "%";
            return true;
        }

        // printf "%.Nf" $value
        const string printf = "printf \"%.";
        if (body.StartsWith(printf, StringComparison.Ordinal) && body.Length > printf.Length + 3 && char.IsAsciiDigit(body[printf.Length])
            && body[(printf.Length + 1)..].StartsWith("f\" ", StringComparison.Ordinal) && IsValue(body[(printf.Length + 4)..], out var after) && after.IsEmpty)
        {
            var decimals = body[printf.Length] - '0';
            expanded = Math.Round(value, decimals, MidpointRounding.ToEven).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> starts with $value or .Value; <paramref name="rest"/> is what follows.</summary>
    private static bool IsValue(ReadOnlySpan<char> text, out ReadOnlySpan<char> rest)
    {
        foreach (var name in (ReadOnlySpan<string>)["$value", ".Value"])
        {
            if (text.StartsWith(name, StringComparison.Ordinal))
            {
                rest = text[name.Length..];
                return true;
            }
        }

        rest = default;
        return false;
    }

    /// <summary>Prometheus' humanizeDuration: "7h 34m 44s", "2d 0h 0m 0s", "45.5s", "120ms".</summary>
    public static string HumanizeDuration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return double.IsNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
        }

        if (v == 0)
        {
            return "0s";
        }

        var sign = v < 0 ? "-" : string.Empty;
        v = Math.Abs(v);
        if (v >= 1)
        {
            var total = (long)v;
            long seconds = total % 60, minutes = total / 60 % 60, hours = total / 3600 % 24, days = total / 86400;
            return days != 0 ? $"{sign}{days}d {hours}h {minutes}m {seconds}s"
                : hours != 0 ? $"{sign}{hours}h {minutes}m {seconds}s"
                : minutes != 0 ? $"{sign}{minutes}m {seconds}s"
                : sign + FormatG4((decimal)v) + "s";
        }

        var prefix = string.Empty;
        foreach (var p in new[] { "m", "u", "n", "p", "f", "a", "z", "y" })
        {
            if (v >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return sign + FormatG4((decimal)v) + prefix + "s";
    }

    /// <summary>Go's fmt %.4g: four significant digits, trailing zeros dropped, exponent when it is below -4 or above 3.</summary>
    public static string FormatG4(decimal v)
    {
        if (v == 0)
        {
            return "0";
        }

        var rounded = PromQl.RoundSignificant(v, 4);
        var exponent = (int)Math.Floor(Math.Log10((double)Math.Abs(rounded)));
        if (exponent < -4 || exponent >= 4)
        {
            var mantissa = rounded / Pow10(exponent);
            var m = mantissa.ToString("0.###", CultureInfo.InvariantCulture);
            return m + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return rounded.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10m : result / 10m;
        }

        return result;
    }
}
