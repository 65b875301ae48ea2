using MonitoringSre.Diagnostics;

namespace MonitoringSre.Budget;

/// <param name="Override">MonitoringBudgetOverride: why a release goes out through a frozen budget, or null.</param>
/// <param name="FailOpen">MonitoringBudgetFailOpen: when Prometheus cannot say, warn instead of failing.</param>
public sealed record BudgetGateOptions(string? Override = null, bool FailOpen = false);

/// <summary>The release gate's verdict: per SLO what it read and decided, and what the build reports.</summary>
public sealed record BudgetResult(string Source, IReadOnlyList<SloBudget> Slos, IReadOnlyList<Diagnostic> Diagnostics, BudgetGateOptions Options)
{
    public bool Passed => !Diagnostics.Any(d => d.IsError);
}
