using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Binding;

/// <summary>Traffic as a team writes it: "10/h", "5/s", "1500/m", "200/d".</summary>
public static class TrafficParser
{
    private static readonly Regex Pattern = new(@"^(?<n>[0-9]+(\.[0-9]+)?)/(?<u>[smhd])$", RegexOptions.CultureInvariant);

    /// <summary>Events per second; null when the text is not of that form (the schema's pattern reports it).</summary>
    public static decimal? PerSecond(string text)
    {
        var m = Pattern.Match(text.Trim());
        if (!m.Success || !decimal.TryParse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return n / m.Groups["u"].Value switch { "s" => 1m, "m" => 60m, "h" => 3600m, _ => 86400m };
    }
}
