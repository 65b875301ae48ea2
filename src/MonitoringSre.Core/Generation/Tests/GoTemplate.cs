using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Tests;

/// <summary>
/// Expands the few Prometheus annotation templates whose output the test generator can predict:
/// {{ $value | humanizePercentage }} and {{ $labels.name }}.
/// </summary>
public static class GoTemplate
{
    private static readonly Regex Action = new(@"\{\{-?\s*(?<body>.*?)\s*-?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex LabelRef = new(@"^(\$labels|\.Labels)\.(?<name>[a-zA-Z_][a-zA-Z0-9_]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex HumanizePercentage = new(@"^(\$value|\.Value)\s*\|\s*humanizePercentage$", RegexOptions.CultureInvariant);

    /// <summary>Expands <paramref name="template"/>; null when it holds an action this cannot predict.</summary>
    public static string? TryExpand(string template, decimal value, IReadOnlyList<Label> labels)
    {
        var failed = false;
        var result = Action.Replace(template, m =>
        {
            var body = m.Groups["body"].Value;
            if (HumanizePercentage.IsMatch(body))
            {
                return FormatG4(value * 100m) + "%";
            }

            var label = LabelRef.Match(body);
            if (label.Success)
            {
                return labels.FirstOrDefault(l => l.Name == label.Groups["name"].Value)?.Value ?? string.Empty;
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
