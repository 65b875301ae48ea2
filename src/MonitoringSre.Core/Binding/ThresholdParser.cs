using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Binding;

/// <summary>Latency thresholds: "250ms", "0.25s", "1s". Exact in decimal so bucket comparisons are exact.</summary>
public static class ThresholdParser
{
    private static readonly Regex Pattern = new(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<u>ms|s)$", RegexOptions.CultureInvariant);

    public static bool TryParseSeconds(string text, out decimal seconds)
    {
        seconds = 0;
        var m = Pattern.Match(text.Trim());
        if (!m.Success || !decimal.TryParse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        seconds = m.Groups["u"].Value == "ms" ? n / 1000m : n;
        return seconds > 0;
    }

    /// <summary>Seconds as a person writes them: 0.25 → "250ms", 2.5 → "2.5s".</summary>
    public static string Format(decimal seconds) => seconds < 1m
        ? (seconds * 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
        : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
