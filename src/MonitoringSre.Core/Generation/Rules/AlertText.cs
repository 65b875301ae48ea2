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

    /// <summary>The period divided by the measured burn rate, as Prometheus' humanizeDuration writes it ("7h 34m 44s").</summary>
    public static string TimeToExhaust(int periodDays) =>
        "{{ with query (printf \"" + (periodDays * 86400).ToString(CultureInfo.InvariantCulture) + " / %f\" $value) }}{{ . | first | value | humanizeDuration }}{{ end }}";

    public static string BurnSummary(MonitoringModel model, SloModel slo) =>
        $"{model.Service} {slo.Name} is burning its {model.PeriodDays}d error budget {BurnRate} times too fast; at this rate it is gone in {TimeToExhaust(model.PeriodDays)}.";

    public static string BurnDescription(MonitoringModel model, SloModel slo, BurnThreshold threshold)
    {
        var tier = threshold.Tier;
        // One interpolation: four joined with + built every part twice, for every alert.
        return $"Over the last {PromQl.Duration(tier.LongWindowMinutes)} {model.Service} {slo.Name} spent its error budget {BurnRate} times faster than the {model.PeriodDays}d period allows, and over the last {PromQl.Duration(tier.ShortWindowMinutes)} it still burns above {FactorText(threshold.BurnRate)} times, this tier's threshold. At this rate the whole budget is spent in {TimeToExhaust(model.PeriodDays)}. Objective {PromQl.Number(slo.Objective)}% over {model.PeriodDays}d: an error budget of {PromQl.Percent(slo.ErrorBudget)} of requests.";
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
