namespace MonitoringSre.Model;

/// <summary>An SLO's error budget over its period, in the units people reason in.</summary>
public sealed record ErrorBudget(decimal Objective, int PeriodDays)
{
    /// <summary>1 − objective/100: 99.9 → 0.001.</summary>
    public decimal Ratio => 1m - (Objective / 100m);

    /// <summary>Minutes of complete downtime the budget allows per period: 99.9% over 30d → 43.2.</summary>
    public decimal DowntimeMinutes => PeriodDays * 1440m * Ratio;

    /// <summary>Failed requests allowed per million: 99.9% → 1000.</summary>
    public decimal FailuresPerMillion => Ratio * 1_000_000m;

    /// <summary>Hours until the whole budget is spent when errors arrive at <paramref name="burnRate"/> times the budget.</summary>
    public decimal HoursToExhaust(decimal burnRate) => PeriodDays * 24m / burnRate;
}
