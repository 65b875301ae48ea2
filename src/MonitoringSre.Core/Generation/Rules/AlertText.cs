using System.Globalization;
using MonitoringSre.Generation.RuleTests;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// Summaries and descriptions of the generated alerts. A burn-rate alert's value is the burn rate measured over its long
/// window, so its text says how fast the budget burns now and when it will be gone at that rate, not the tier's threshold.
/// Only these templates are used, which the promtool test generator knows how to expand; spec text in them is a
/// <see cref="GoTemplate.Literal"/>.
/// </summary>
internal static class AlertText
{
    /// <summary>The measured burn rate: the alert's value.</summary>
    public const string BurnRate = "{{ printf \"%.1f\" $value }}";

    /// <summary>
    /// When what is left of the period's budget is gone at the measured burn rate (the budget left, a fraction, times
    /// the period, divided by the alert's value), shown as Prometheus' humanizeDuration writes it ("7h 34m 44s"), after
    /// <paramref name="whenLeft"/>; <paramref name="whenSpent"/> once nothing is left, so the text never promises time
    /// that is not there.
    /// </summary>
    public static string BudgetLeft(MonitoringModel model, SloModel slo, string whenLeft, string whenSpent) =>
        GoTemplate.BudgetLeftStart + PromQl.SloSeries(RuleNames.BudgetRemaining, model.Service, slo.Name) + " > 0) * "
        + (model.PeriodDays * 86400).ToString(CultureInfo.InvariantCulture) + GoTemplate.BudgetLeftMiddle
        + whenLeft + GoTemplate.BudgetLeftDuration + whenSpent + GoTemplate.BudgetLeftEnd;

    public static string BurnSummary(MonitoringModel model, SloModel slo) =>
        $"{model.Service} {slo.Name} is burning its {model.PeriodDays}d error budget {BurnRate} times too fast; "
        + BudgetLeft(model, slo, "at this rate what is left of it is gone in ", "it is already spent") + ".";

    public static string BurnDescription(MonitoringModel model, SloModel slo, BurnThreshold threshold)
    {
        var tier = threshold.Tier;
        var evidence = slo.Sli is RawSli || slo.Alerting.MinFailedEvents == 0
            ? string.Empty
            : $" ({slo.Alerting.MinFailedEvents.ToString(CultureInfo.InvariantCulture)} failed events or more)";
        return $"Over the last {PromQl.Duration(tier.LongWindowMinutes)} {model.Service} {slo.Name} spent its error budget {BurnRate} times faster than the {model.PeriodDays}d period allows{evidence}, and over the last {PromQl.Duration(tier.ShortWindowMinutes)} it still burns above {FactorText(threshold.BurnRate)} times, this tier's threshold, or has had no events. "
            + BudgetLeft(model, slo, "At this rate what is left of the budget is gone in ", "The period's budget is already spent")
            + $". Objective {PromQl.Number(slo.Objective)}% over {model.PeriodDays}d: an error budget of {PromQl.Percent(slo.ErrorBudget)} of requests.";
    }

    public static string AbsentSummary(MonitoringModel model, SloModel slo) =>
        $"The SLI of {model.Service} {slo.Name} has no data.";

    public static string AbsentDescription(MonitoringModel model, SloModel slo) =>
        $"No series of the {slo.Name} SLI's total events has been recorded for 10 minutes, so its burn-rate alerts cannot fire. "
        + $"Check that {ServiceLiveness.Arrival(model)} and exports the metrics of the {model.Metrics.Preset.Name} preset with {GoTemplate.Literal(model.Metrics.Selector)}.";

    public static string DownSummary(MonitoringModel model) => ServiceLiveness.Summary(model);

    public static string DownDescription(MonitoringModel model) =>
        $"{model.DownAlertName} fires when {ServiceLiveness.Meaning(model, text => GoTemplate.Literal(text == model.Metrics.Selector ? "{" + text + "}" : text))}.";

    private static string FactorText(decimal factor) =>
        PromQl.RoundSignificant(factor, 4).ToString("0.####", CultureInfo.InvariantCulture);

}
