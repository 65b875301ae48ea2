using MonitoringSre.Model;

namespace MonitoringSre.Budget;

public enum BudgetDecision
{
    /// <summary>Budget left and not burning fast: the release may go.</summary>
    Release,

    /// <summary>Budget left, but burning faster than the policy allows: the release goes with a warning.</summary>
    Burning,

    /// <summary>At or below the freeze: the build fails.</summary>
    Frozen,

    /// <summary>Frozen, let through by MonitoringBudgetOverride.</summary>
    Overridden,

    /// <summary>Prometheus could not say: the build fails, or warns when told to fail open.</summary>
    Unknown,
}

/// <summary>What the gate read and decided for one SLO, with the queries it used, for the report.</summary>
/// <param name="Remaining">The period's error budget left, as a ratio (1 = untouched, below 0 = overspent).</param>
/// <param name="BurnRate">Error ratio over <paramref name="BurnWindow"/> divided by the budget.</param>
public sealed record SloBudget(
    SloModel Slo,
    decimal? Remaining,
    decimal? BurnRate,
    string BurnWindow,
    decimal BurnThreshold,
    BudgetDecision Decision,
    string RemainingQuery,
    string BurnQuery,
    string? Problem);
