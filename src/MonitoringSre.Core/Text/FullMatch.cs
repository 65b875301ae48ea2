using System.Text.RegularExpressions;

namespace MonitoringSre.Text;

/// <summary>
/// A regex anchored at both ends, as Prometheus anchors =~ and !~ matchers. The timeout bounds a hostile pattern from a
/// spec. Prometheus compiles patterns with Go's RE2, which refuses some constructs .NET accepts (look-arounds,
/// back-references, atomic groups): those are refused here too, so what the build accepts Prometheus loads.
/// </summary>
public static class FullMatch
{
    /// <summary>
    /// Look-arounds, atomic groups, conditionals, comments, .NET-style named groups, back-references, \Z and \G, and the inline
    /// options n and x: constructs RE2 lacks. The look-behind makes a match start outside any escape, so "\\(?=" is text.
    /// </summary>
    private static readonly Regex NotInRe2 = new(
        @"(?<=^(?:[^\\]|\\.)*)(?:\(\?(?:[=!>('#]|<)|\(\?[imsU-]*[nx][imsUnx-]*[:)]|\\[1-9kZG])", RegexOptions.CultureInvariant);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static Regex Create(string pattern) => new(Anchored(pattern), RegexOptions.CultureInvariant, Timeout);

    /// <summary>
    /// Whether the anchored pattern matches a value, through the runtime's cache of recently used regexes (the same few
    /// patterns recur for every SLO). The pattern is anchored once, not once per value tried.
    /// </summary>
    public static Func<string, bool> Matcher(string pattern)
    {
        var anchored = Anchored(pattern);
        return value => Regex.IsMatch(value, anchored, RegexOptions.CultureInvariant, Timeout);
    }

    private static string Anchored(string pattern) => "^(?:" + pattern + ")$";

    /// <summary>The anchored regex, or why Prometheus would refuse the pattern.</summary>
    public static bool TryCreate(string pattern, out Regex? regex, out string problem)
    {
        regex = null;
        if (NotInRe2.Match(pattern) is { Success: true } construct)
        {
            problem = $"'{construct.Value}' is not supported by Prometheus' regex engine (RE2)";
            return false;
        }

        try
        {
            // The pattern alone first: anchored, "a)|(b" would close the anchor's group and open another, and pass.
            _ = new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
            regex = Create(pattern);
            problem = string.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
