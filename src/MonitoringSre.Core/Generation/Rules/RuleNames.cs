namespace MonitoringSre.Generation.Rules;

/// <summary>Names of the recorded series. Dashboards and docs read these, so they are part of the package's contract.</summary>
public static class RuleNames
{
    public const string ErrorEventsRate5m = "slo:sli_error_events:rate5m";
    public const string TotalEventsRate5m = "slo:sli_total_events:rate5m";
    public const string Objective = "slo:objective:ratio";
    public const string ErrorBudget = "slo:error_budget:ratio";
    public const string PeriodDays = "slo:time_period:days";
    public const string CurrentBurnRate = "slo:current_burn_rate:ratio";
    public const string PeriodBurnRate = "slo:period_burn_rate:ratio";
    public const string BudgetRemaining = "slo:period_error_budget_remaining:ratio";

    /// <summary>slo:sli_error:ratio_rate5m, …_rate1h, …_rate30d.</summary>
    public static string ErrorRatio(string window) => "slo:sli_error:ratio_rate" + window;
}
