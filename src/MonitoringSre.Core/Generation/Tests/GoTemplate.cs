using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Generation.Tests;

/// <summary>
/// Prometheus expands alert labels and annotations as Go templates. Text from the spec goes in as a
/// <see cref="Literal"/>, so whatever it holds reaches a pager as written; the generator's own text uses only
/// {{ $value | humanizePercentage }}. <see cref="TryExpand"/> predicts what Prometheus makes of both.
/// </summary>
public static class GoTemplate
{
    private const string OpenAction = "{{";

    /// <summary>An action that prints "{{": the only escape Go templates need, since "}}" outside an action is text.</summary>
    private const string EscapedOpen = "{{ \"{{\" }}";

    private static readonly Regex Action = new(@"\{\{-?\s*(?<body>.*?)\s*-?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex HumanizePercentage = new(@"^(\$value|\.Value)\s*\|\s*humanizePercentage$", RegexOptions.CultureInvariant);

    /// <summary><paramref name="text"/> as a template that expands to exactly <paramref name="text"/>.</summary>
    public static string Literal(string text) => text.Replace(OpenAction, EscapedOpen, StringComparison.Ordinal);

    /// <summary>Expands <paramref name="template"/>; null when it holds an action this cannot predict.</summary>
    public static string? TryExpand(string template, decimal value)
    {
        var failed = false;
        var result = Action.Replace(template, m =>
        {
            var body = m.Groups["body"].Value;
            if (HumanizePercentage.IsMatch(body))
            {
                return FormatG4(value * 100m) + "%";
            }

            if (m.Value == EscapedOpen)
            {
                return OpenAction;
            }

            failed = true;
            return string.Empty;
        });
        return failed ? null : result;
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
