using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Binding;

/// <summary>Latency thresholds: "250ms", "0.25s", "1s". Exact in decimal so bucket comparisons are exact.</summary>
public static class ThresholdParser
{
    private static readonly Regex Pattern = new(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<u>ms|s)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The threshold in seconds; null when the text is not a number followed by ms or s (the schema's pattern, which
    /// reports it). Zero, or a number too large for a decimal, is written right and still no threshold: the caller's to report.
    /// </summary>
    public static decimal? Seconds(string text)
    {
        var m = Pattern.Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        return decimal.TryParse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? (m.Groups["u"].Value == "ms" ? n / 1000m : n)
            : 0m;
    }

    /// <summary>Seconds as a person writes them: 0.25 → "250ms", 2.5 → "2.5s".</summary>
    public static string Format(decimal seconds) => seconds < 1m
        ? (seconds * 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
        : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
