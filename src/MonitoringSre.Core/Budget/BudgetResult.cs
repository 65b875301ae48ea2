using MonitoringSre.Diagnostics;

namespace MonitoringSre.Budget;

/// <param name="Override">MonitoringBudgetOverride: why a release goes out through a frozen budget, or null.</param>
/// <param name="FailOpen">MonitoringBudgetFailOpen: when Prometheus cannot say, warn instead of failing.</param>
/// <param name="Now">The time the gate reads the budget at (the current calendar period starts before it); the clock when null.</param>
public sealed record BudgetGateOptions(string? Override = null, bool FailOpen = false, DateTimeOffset? Now = null);

/// <summary>The release gate's verdict: per SLO what it read and decided, and what the build reports.</summary>
public sealed record BudgetResult(string Source, IReadOnlyList<SloBudget> Slos, IReadOnlyList<Diagnostic> Diagnostics, BudgetGateOptions Options)
{
    public bool Passed => !Diagnostics.Any(d => d.IsError);

    /// <summary>For a calendar period, the start of the current one, which the budget was read from.</summary>
    public DateTimeOffset? CalendarStart { get; init; }
}
