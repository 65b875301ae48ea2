using System.Globalization;
using System.Text.RegularExpressions;

namespace MonitoringSre.Model;

/// <summary>
/// One row of the incident policy: what a priority means, whether it pages someone or becomes a ticket, how fast it is
/// answered, when its postmortem is due. Alert labels, slo.md, the incident plan and the Alertmanager configuration are
/// all written from these rows, so they cannot disagree.
/// </summary>
public sealed record PriorityLevel(string Priority, string Definition, bool Pages, string ResponseTime, string PostmortemDue)
{
    /// <summary>The alert's severity label: paging priorities are critical.</summary>
    public string Severity => Pages ? "critical" : "warning";

    /// <summary>"page" or "ticket": which receiver Alertmanager sends it to.</summary>
    public string Route => Pages ? "page" : "ticket";

    /// <summary>The response time as a duration (immediate = 0; "next business day" = 24h); null for free text.</summary>
    public TimeSpan? ResponseDuration => Priorities.ParseResponse(ResponseTime);
}

/// <summary>P0–P3 as the spec sets them (incidents.responseTimes, incidents.paging) over the defaults.</summary>
public sealed record Priorities(IReadOnlyList<PriorityLevel> Levels)
{
    public static readonly string[] Names = ["P0", "P1", "P2", "P3"];

    /// <summary>The policy when the spec says nothing: P0–P2 page (P2 is the slow-burn page tier), P3 is a ticket.</summary>
    public static Priorities Default { get; } = new(
    [
        new("P0", "Complete outage: the service is down for all users.", Pages: true, "immediate", "2 business days"),
        new("P1", "Major feature broken for many users.", Pages: true, "15m", "5 business days"),
        new("P2", "Degraded: slower or partly failing for some users.", Pages: true, "1h", "10 business days"),
        new("P3", "Minor: few users affected, a workaround exists.", Pages: false, "next business day", "optional"),
    ]);

    public PriorityLevel this[string priority] => Levels.First(l => l.Priority == priority);

    /// <summary>The defaults with the spec's response times and paging priorities applied.</summary>
    public Priorities With(IReadOnlyDictionary<string, string> responseTimes, IReadOnlyCollection<string>? paging) =>
        new(Levels.Select(l => l with
        {
            ResponseTime = responseTimes.TryGetValue(l.Priority, out var t) ? t : l.ResponseTime,
            Pages = paging?.Contains(l.Priority) ?? l.Pages,
        }).ToList());

    private static readonly Regex Duration = new(@"^\s*(\d+)\s*(s|m|min|h|d|w)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static TimeSpan? ParseResponse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is "immediate" or "immediately" or "now")
        {
            return TimeSpan.Zero;
        }

        if (t.Contains("business day", StringComparison.Ordinal))
        {
            return TimeSpan.FromHours(24);
        }

        var m = Duration.Match(t);
        if (!m.Success)
        {
            return null;
        }

        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value.ToLowerInvariant() switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" or "min" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
    }
}
