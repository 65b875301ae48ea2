namespace MonitoringSre.Model;

/// <param name="FreezeBelowPercent">errorBudgetPolicy.freezeBelow: releases freeze at or below this percentage of the budget left.</param>
/// <param name="WarnBurnRate">errorBudgetPolicy.warnBurnRate, or null for the 6h paging tier's burn rate.</param>
public sealed record ErrorBudgetPolicy(string? Exhausted, string? Burning, decimal FreezeBelowPercent = 0m, decimal? WarnBurnRate = null);
