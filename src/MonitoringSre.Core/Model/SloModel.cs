using MonitoringSre.Diagnostics;

namespace MonitoringSre.Model;

public sealed record SloModel(
    string Name,
    string? Description,
    decimal Objective,
    SliDefinition Sli,
    AlertingPolicy Alerting,
    SourceLocation Location)
{
    /// <summary>slos[].labels: on every rule of this SLO, after the spec's labels.</summary>
    public IReadOnlyList<Label> Labels { get; init; } = [];

    /// <summary>slos[].infoLabels: on the SLO's metadata series only, after <see cref="Labels"/>.</summary>
    public IReadOnlyList<Label> InfoLabels { get; init; } = [];

    /// <summary>slos[].evaluationInterval in seconds: the interval of this SLO's rule groups; null leaves it to the server.</summary>
    public int? EvaluationIntervalSeconds { get; init; }

    /// <summary>The longest evaluation interval an SLO may ask for: its 5m error rate is the shortest window the alerts read.</summary>
    public const int MaxEvaluationIntervalSeconds = 300;

    /// <summary>Allowed error ratio: 1 − objective/100, exact in decimal (99.9 → 0.001).</summary>
    public decimal ErrorBudget => Model.ErrorBudget.RatioOf(Objective);

    /// <summary>This SLO's budget over <paramref name="periodDays"/>, with its tiers' thresholds.</summary>
    public ErrorBudget Budget(int periodDays) => new(Objective, periodDays);
}

/// <param name="Tiers">The burn-rate tiers generated: turned on by page/ticket and able to fire at this objective.</param>
public sealed record AlertingPolicy(
    string Name,
    bool Page,
    bool Ticket,
    IReadOnlyList<Label> Labels,
    IReadOnlyList<Label> Annotations,
    IReadOnlyList<BurnRateTier> Tiers)
{
    /// <summary>alerting.pageAlert: labels and annotations of the paging tiers only, over <see cref="Labels"/> and <see cref="Annotations"/>.</summary>
    public TierExtras PageAlert { get; init; } = TierExtras.None;

    /// <summary>alerting.ticketAlert: the same for the ticket tiers.</summary>
    public TierExtras TicketAlert { get; init; } = TierExtras.None;

    public TierExtras For(BurnRateTier tier) => tier.IsPage ? PageAlert : TicketAlert;

    /// <summary>alerting.minFailedEvents: the failed events a tier's long window must hold before it fires; 0 is no floor.</summary>
    public int MinFailedEvents { get; init; } = FailedEventsFloor.Default;

    /// <summary>alerting.expectedTraffic in events per second, when the spec declares it.</summary>
    public decimal? ExpectedEventsPerSecond { get; init; }

    /// <summary>alerting.windows: where the 30m to 3d error ratios are computed from.</summary>
    public WindowSource Windows { get; init; } = WindowSource.Recorded;
}

/// <summary>alerting.windows: what the error ratios over 30m and longer are computed from.</summary>
public enum WindowSource
{
    /// <summary>
    /// From the recorded 5m rates: the raw series are read once per evaluation, whatever the window, so the rules'
    /// cost does not grow with the windows' length times the raw series' cardinality.
    /// </summary>
    Recorded,

    /// <summary>From the raw series over each window, as Sloth writes them: exact, and as costly as the windows are long.</summary>
    Raw,
}

/// <summary>Labels and annotations that only one kind of tier (page or ticket) carries.</summary>
public sealed record TierExtras(IReadOnlyList<Label> Labels, IReadOnlyList<Label> Annotations)
{
    public static TierExtras None { get; } = new([], []);
}
