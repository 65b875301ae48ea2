using System.Globalization;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Alertmanager;

/// <summary>A label matcher as Alertmanager reads it: name, operator (=, !=, =~, !~) and value.</summary>
public sealed record AmMatcher(string Name, string Op, string Value)
{
    public override string ToString() => Name + Op + PromQl.Quote(Value);
}

/// <summary>Where one priority's alerts go, and how soon and how often they are sent.</summary>
public sealed record AmRoute(string Priority, string Receiver, IReadOnlyList<AmMatcher> Matchers, string GroupWait, string GroupInterval, string RepeatInterval);

/// <summary>While an alert matching <see cref="Source"/> fires, alerts matching <see cref="Target"/> with the same <see cref="Equal"/> labels are muted.</summary>
public sealed record AmInhibition(IReadOnlyList<AmMatcher> Source, IReadOnlyList<AmMatcher> Target, IReadOnlyList<string> Equal);

/// <summary>
/// Alertmanager routing and inhibition for one service, from its incident policy: each priority to the page or the ticket
/// receiver with timings from its response time; the Down alert mutes the service's other alerts, and a firing faster
/// burn-rate tier mutes the slower tiers of the same SLO, so one problem reaches a person once.
/// </summary>
public sealed record AlertRouting(string PageReceiver, string TicketReceiver, IReadOnlyList<string> GroupBy, IReadOnlyList<AmRoute> Routes, IReadOnlyList<AmInhibition> Inhibitions)
{
    public static AlertRouting For(MonitoringModel model, RuleSet rules)
    {
        var page = model.Incidents.OnCall ?? model.Service + "-page";
        var ticket = (model.Team ?? model.Service) + "-tickets";
        var service = new AmMatcher("service", "=", model.Service);
        var routes = model.Incidents.Priorities.Levels.Select(level =>
        {
            var response = level.ResponseDuration ?? (level.Pages ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(24));
            return new AmRoute(
                level.Priority,
                level.Pages ? page : ticket,
                [service, new AmMatcher("priority", "=", level.Priority)],
                GroupWait: level.Pages ? (response == TimeSpan.Zero ? "10s" : "30s") : "5m",
                GroupInterval: level.Pages ? "5m" : "1h",
                // Not answered within its response time: send it again.
                RepeatInterval: Duration(Max(response, level.Pages ? TimeSpan.FromMinutes(5) : TimeSpan.FromHours(1))));
        }).ToList();

        var inhibitions = new List<AmInhibition>
        {
            new([new AmMatcher("alertname", "=", model.DownAlertName), service], [service, new AmMatcher("alertname", "!=", model.DownAlertName)], ["service"]),
        };
        var windows = rules.BurnTiers.DistinctBy(t => t.Id).OrderBy(t => t.LongWindowMinutes).ToList();
        for (var i = 0; i < windows.Count - 1; i++)
        {
            var slower = windows.Skip(i + 1).Select(t => PromQl.Duration(t.LongWindowMinutes)).ToList();
            inhibitions.Add(new(
                [service, new AmMatcher("long_window", "=", PromQl.Duration(windows[i].LongWindowMinutes))],
                [service, new AmMatcher("long_window", slower.Count == 1 ? "=" : "=~", string.Join("|", slower))],
                ["service", "slo"]));
        }

        return new AlertRouting(page, ticket, ["alertname", "service", "slo"], routes, inhibitions);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A Go duration Alertmanager reads: 5m, 1h, 24h.</summary>
    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
        : ((int)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
