using System.Globalization;
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
    public static string Quote(string value) => NeedsEscape(value) ? new QuotedLiteral(value).ToString() : "\"" + value + "\"";

    public static string Matcher(LabelMatcher m) => m.Name + m.Op + Quote(m.Value);

    /// <summary>metric{a="b",c=~"d"}; matchers keep their order.</summary>
    public static string Selector(string metric, IEnumerable<LabelMatcher> matchers)
    {
        var inner = string.Join(",", matchers.Select(Matcher));
        return inner.Length == 0 ? metric : metric + "{" + inner + "}";
    }

    /// <summary>Selector of a recording rule's output for one SLO: {service="a", slo="b"}.</summary>
    /// <remarks>The literals are formatted into the result, not made as strings of their own first: this runs per rule.</remarks>
    public static string SloSeries(string record, string service, string slo) =>
        $"{record}{{service={new QuotedLiteral(service)}, slo={new QuotedLiteral(slo)}}}";

    private static bool NeedsEscape(string value) => value.AsSpan().IndexOfAny('\\', '"', '\n') >= 0;

    /// <summary>The one way a value is written as a PromQL string literal, formatted straight into whatever holds it.</summary>
    private readonly struct QuotedLiteral(string value) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            charsWritten = 0;
            if (destination.Length < value.Length + 2)
            {
                return false;
            }

            var at = 0;
            destination[at++] = '"';
            foreach (var c in value)
            {
                var escaped = c switch { '\\' => '\\', '"' => '"', '\n' => 'n', _ => '\0' };
                if (destination.Length - at < (escaped == '\0' ? 1 : 2) + 1)
                {
                    return false;
                }

                if (escaped == '\0')
                {
                    destination[at++] = c;
                }
                else
                {
                    destination[at++] = '\\';
                    destination[at++] = escaped;
                }
            }

            destination[at++] = '"';
            charsWritten = at;
            return true;
        }

        public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

        public override string ToString()
        {
            var size = (value.Length * 2) + 2;
            var chars = size <= 256 ? stackalloc char[size] : new char[size];
            return TryFormat(chars, out var written, default, null) ? new string(chars[..written]) : throw new InvalidOperationException("buffer too small");
        }
    }

    /// <summary>A percentage for people: 0.001 → "0.1%", 0.0144 → "1.44%".</summary>
    public static string Percent(decimal ratio) =>
        RoundSignificant(ratio * 100m, 6).ToString("0.######", CultureInfo.InvariantCulture) + "%";
}
