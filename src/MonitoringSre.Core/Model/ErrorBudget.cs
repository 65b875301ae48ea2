namespace MonitoringSre.Model;

/// <summary>
/// An SLO's error budget over its period, in the units people reason in. The one place the budget and a tier's
/// threshold are computed: the binder, the rules, their tests, the docs and the gate all read them from here.
/// </summary>
public sealed record ErrorBudget(decimal Objective, int PeriodDays)
{
    /// <summary>1 − objective/100, exact in decimal: 99.9 → 0.001.</summary>
    public static decimal RatioOf(decimal objective) => 1m - (objective / 100m);

    /// <summary>The ratio of events allowed to fail: <see cref="RatioOf"/> the objective.</summary>
    public decimal Ratio => RatioOf(Objective);

    /// <summary>Minutes of complete downtime the budget allows per period: 99.9% over 30d → 43.2.</summary>
    public decimal DowntimeMinutes => PeriodDays * 1440m * Ratio;

    /// <summary>Failed requests allowed per million: 99.9% → 1000.</summary>
    public decimal FailuresPerMillion => Ratio * 1_000_000m;

    /// <summary>Hours until the whole budget is spent when errors arrive at <paramref name="burnRate"/> times the budget.</summary>
    public decimal HoursToExhaust(decimal burnRate) => PeriodDays * 24m / burnRate;

    /// <summary>Where <paramref name="tier"/> fires for this budget.</summary>
    public BurnThreshold Threshold(BurnRateTier tier)
    {
        var burnRate = tier.Factor(PeriodDays);
        return new BurnThreshold(tier, burnRate, burnRate * Ratio, HoursToExhaust(burnRate));
    }
}

/// <summary>
/// A burn-rate tier applied to one SLO's budget.
/// </summary>
/// <param name="BurnRate">The tier's factor: how many times faster than the period allows the budget must burn.</param>
/// <param name="ErrorRatio">The error ratio at that burn rate (burn rate × budget): the tier fires above it over both windows.</param>
/// <param name="HoursToExhaust">How long the whole budget lasts at that burn rate.</param>
public sealed record BurnThreshold(BurnRateTier Tier, decimal BurnRate, decimal ErrorRatio, decimal HoursToExhaust);
