using System.Globalization;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Model;

/// <summary>
/// The evidence a burn-rate tier needs before it fires: at least this many failed events in its long window. At low
/// traffic one failure is a burn rate of many times the budget's; the floor keeps it from paging, and at the traffic
/// where the burn rate alone needs more failures than the floor, it changes nothing (docs/outputs.md#low-traffic).
/// </summary>
public static class FailedEventsFloor
{
    /// <summary>
    /// The smallest floor at which each paging tier of an SLO that just meets its objective, its failures arriving at
    /// random, fires by chance less than once a year at any traffic (the 6h tier: 0.86 a year at 6, 2.3 at 5).
    /// </summary>
    public const int Default = 6;

    /// <summary>The schema's maximum: a floor no window of a real service reaches is a typo.</summary>
    public const int Maximum = 1_000_000;

    /// <summary>
    /// Failed events are counted from the 5m error-rate recording at this step over a tier's long window. Every minute,
    /// over every window: a coarser step lags by up to a step, and at 5 minutes delayed the 6h tier's page by 4 minutes
    /// at 1,000 requests a second. A 3d window is 4,320 points of one recorded series.
    /// </summary>
    public const int CountStepSeconds = 60;

    /// <summary>
    /// Failed events a tier's long window holds at the moment its burn rate is first reached: the tier's share of the
    /// period's budget. Below <paramref name="floor"/> the floor, not the burn rate, decides when it fires.
    /// </summary>
    public static decimal AtThreshold(BurnRateTier tier, decimal budgetEvents) => tier.BudgetSpent * budgetEvents;

    /// <summary>The period's error budget in events at <paramref name="eventsPerSecond"/>.</summary>
    public static decimal BudgetEvents(ErrorBudget budget, decimal eventsPerSecond) => budget.Ratio * eventsPerSecond * budget.PeriodDays * 86400m;
}

/// <summary>
/// An SLO whose traffic is too low for its pages to follow the burn rate: the fastest paging tier's burn rate is
/// reached with fewer failed events than a page needs. Found from the traffic a spec declares (the build) or the
/// traffic Prometheus measured (the release gate); reported as MON080.
/// </summary>
public sealed record LowTrafficPaging(SloModel Slo, int PeriodDays, decimal EventsPerSecond, BurnRateTier Tier, decimal BudgetEvents, int Needed)
{
    /// <summary>The finding for <paramref name="slo"/> at <paramref name="eventsPerSecond"/>, or null when its pages follow the burn rate.</summary>
    public static LowTrafficPaging? Check(SloModel slo, int periodDays, decimal eventsPerSecond)
    {
        var fastest = slo.Alerting.Tiers.Where(t => t.IsPage).OrderBy(t => t.LongWindowMinutes).FirstOrDefault();
        if (fastest is null)
        {
            return null;
        }

        var budgetEvents = FailedEventsFloor.BudgetEvents(slo.Budget(periodDays), eventsPerSecond);
        var needed = Math.Max(slo.Sli is RawSli ? 0 : slo.Alerting.MinFailedEvents, 1);
        return FailedEventsFloor.AtThreshold(fastest, budgetEvents) < needed
            ? new LowTrafficPaging(slo, periodDays, eventsPerSecond, fastest, budgetEvents, needed)
            : null;
    }

    /// <param name="source">Where the traffic comes from, e.g. "alerting.expectedTraffic".</param>
    public Diagnostic ToDiagnostic(string source, SourceLocation at) => Diagnostic.Create(
        DiagnosticCatalog.LowTrafficPaging, at,
        Slo.Name,
        Traffic(EventsPerSecond),
        source,
        PeriodDays.ToString(CultureInfo.InvariantCulture) + "d",
        Slo.Objective.ToString(CultureInfo.InvariantCulture),
        Events(BudgetEvents),
        Needed.ToString(CultureInfo.InvariantCulture),
        Window(Tier.LongWindowMinutes),
        BudgetEvents == 0m ? "all" : Math.Round(Needed / BudgetEvents * 100m).ToString("0", CultureInfo.InvariantCulture) + "%",
        (PeriodDays * 1440).ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>Events per second as a person reads them: per second from 1/s up, per hour below (0.0028 → "10/h").</summary>
    public static string Traffic(decimal perSecond) => perSecond >= 1m
        ? Math.Round(perSecond, 2).ToString("0.##", CultureInfo.InvariantCulture) + "/s"
        : Math.Round(perSecond * 3600m, 1).ToString("0.#", CultureInfo.InvariantCulture) + "/h";

    private static string Events(decimal n) =>
        n < 10m ? Math.Round(n, 2).ToString("0.##", CultureInfo.InvariantCulture)
        : n < 100m ? Math.Round(n, 1).ToString("0.#", CultureInfo.InvariantCulture)
        : Math.Round(n).ToString("N0", CultureInfo.InvariantCulture);

    private static string Window(int minutes) =>
        minutes % 1440 == 0 ? (minutes / 1440).ToString(CultureInfo.InvariantCulture) + "d"
        : minutes % 60 == 0 ? (minutes / 60).ToString(CultureInfo.InvariantCulture) + "h"
        : minutes.ToString(CultureInfo.InvariantCulture) + "m";
}
