using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Generation.Tests;

/// <summary>
/// Prometheus expands alert labels and annotations as Go templates. Text from the spec goes in as a
/// <see cref="Literal"/>, so whatever it holds reaches a pager as written; the generator's own text uses only
/// {{ $value | humanizePercentage }}, {{ printf "%.1f" $value }} and a query dividing a number by the value, shown with
/// humanizeDuration. <see cref="TryExpand"/> predicts what Prometheus makes of all of them.
/// </summary>
public static class GoTemplate
{
    private const string OpenAction = "{{";

    /// <summary>An action that prints "{{": the only escape Go templates need, since "}}" outside an action is text.</summary>
    private const string EscapedOpen = "{{ \"{{\" }}";

    /// <summary>{{ with query (printf "N / %f" $value) }}{{ . | first | value | humanizeDuration }}{{ end }}: N divided by the value.</summary>
    private static readonly Regex DividedDuration = new(
        @"\{\{ with query \(printf ""(?<n>[0-9.]+) / %f"" \$value\) \}\}\{\{ \. \| first \| value \| humanizeDuration \}\}\{\{ end \}\}",
        RegexOptions.CultureInvariant);

    private static readonly Regex PrintfValue = new(@"^printf ""%\.(?<digits>\d)f"" (\$value|\.Value)$", RegexOptions.CultureInvariant);

    private static readonly Regex Action = new(@"\{\{-?\s*(?<body>.*?)\s*-?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex HumanizePercentage = new(@"^(\$value|\.Value)\s*\|\s*humanizePercentage$", RegexOptions.CultureInvariant);

    /// <summary><paramref name="text"/> as a template that expands to exactly <paramref name="text"/>.</summary>
    public static string Literal(string text) => text.Replace(OpenAction, EscapedOpen, StringComparison.Ordinal);

    /// <summary>Expands <paramref name="template"/>; null when it holds an action this cannot predict.</summary>
    public static string? TryExpand(string template, decimal value)
    {
        if (!template.Contains(OpenAction, StringComparison.Ordinal))
        {
            return template; // no action: most labels, and every literal without "{{"
        }

        var failed = false;
        template = DividedDuration.Replace(template, m =>
        {
            // Prometheus prints the value with %f (6 decimals) into the query and divides in float64.
            var divisor = double.Parse(Math.Round(value, 6, MidpointRounding.ToEven).ToString("0.000000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return HumanizeDuration(double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) / divisor);
        });
        var result = Action.Replace(template, m =>
        {
            var body = m.Groups["body"].Value;
            if (HumanizePercentage.IsMatch(body))
            {
                return FormatG4(value * 100m) + "%";
            }

            if (PrintfValue.Match(body) is { Success: true } printf)
            {
                var digits = int.Parse(printf.Groups["digits"].Value, CultureInfo.InvariantCulture);
                return Math.Round(value, digits, MidpointRounding.ToEven).ToString("F" + digits, CultureInfo.InvariantCulture);
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
