using System.Globalization;
using System.Text;
using MonitoringSre.Model;

namespace MonitoringSre.Generation;

/// <summary>Writing PromQL pieces: numbers, durations, quoted label values and selectors. Invariant culture throughout.</summary>
public static class PromQl
{
    /// <summary>A decimal as PromQL reads it: no exponent, no trailing zeros, at most 15 significant digits.</summary>
    public static string Number(decimal value)
    {
        var rounded = RoundSignificant(value, 15);
        var text = rounded.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    public static decimal RoundSignificant(decimal value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var decimals = Math.Clamp(digits - 1 - magnitude, 0, 28);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Minutes as a Prometheus duration: 5m, 1h, 1d, 30d.</summary>
    public static string Duration(int minutes) =>
        minutes % 1440 == 0 ? (minutes / 1440).ToString(CultureInfo.InvariantCulture) + "d"
        : minutes % 60 == 0 ? (minutes / 60).ToString(CultureInfo.InvariantCulture) + "h"
        : minutes.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A double-quoted PromQL string literal.</summary>
    public static string Quote(string value)
    {
        if (!NeedsEscape(value))
        {
            return "\"" + value + "\"";
        }

        var sb = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append("\\n"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    public static string Matcher(LabelMatcher m) => m.Name + m.Op + Quote(m.Value);

    /// <summary>metric{a="b",c=~"d"}; matchers keep their order.</summary>
    public static string Selector(string metric, IEnumerable<LabelMatcher> matchers)
    {
        var inner = string.Join(",", matchers.Select(Matcher));
        return inner.Length == 0 ? metric : metric + "{" + inner + "}";
    }

    /// <summary>Selector of a recording rule's output for one SLO: {service="a", slo="b"}.</summary>
    public static string SloSeries(string record, string service, string slo) =>
        NeedsEscape(service) || NeedsEscape(slo)
            ? $"{record}{{service={Quote(service)}, slo={Quote(slo)}}}"
            : $"{record}{{service=\"{service}\", slo=\"{slo}\"}}"; // the same text, without two quoted copies per call

    private static bool NeedsEscape(string value) => value.AsSpan().IndexOfAny('\\', '"', '\n') >= 0;

    /// <summary>A percentage for people: 0.001 → "0.1%", 0.0144 → "1.44%".</summary>
    public static string Percent(decimal ratio) =>
        RoundSignificant(ratio * 100m, 6).ToString("0.######", CultureInfo.InvariantCulture) + "%";
}
