using System.Text.RegularExpressions;

namespace MonitoringSre.Text;

/// <summary>
/// A regex anchored at both ends, as Prometheus anchors =~ and !~ matchers. The timeout bounds a hostile pattern from a
/// spec. Throws ArgumentException for a pattern that does not parse.
/// </summary>
public static class FullMatch
{
    public static Regex Create(string pattern) =>
        new("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
