using System.Globalization;
using MonitoringSre.Generation.Tests;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// Summaries and descriptions of the generated alerts. Descriptions use only {{ $value | humanizePercentage }}, which the
/// promtool test generator knows how to expand; spec text in them is a <see cref="GoTemplate.Literal"/>.
/// </summary>
internal static class AlertText
{
    public const string ValueTemplate = "{{ $value | humanizePercentage }}";

    public static string BurnSummary(MonitoringModel model, SloModel slo, BurnRateTier tier) =>
        $"{model.Service} {slo.Name} is burning its {model.PeriodDays}d error budget {FactorText(tier.Factor(model.PeriodDays))} times too fast.";

    public static string BurnDescription(MonitoringModel model, SloModel slo, BurnRateTier tier)
    {
        var factor = tier.Factor(model.PeriodDays);
        var threshold = factor * slo.ErrorBudget;
        var exhaust = model.PeriodDays * 24m / factor;
        return $"The error ratio of {model.Service} {slo.Name} is {ValueTemplate} over the last {PromQl.Duration(tier.LongWindowMinutes)} "
            + $"and above {PromQl.Percent(threshold)} over the last {PromQl.Duration(tier.ShortWindowMinutes)} as well: "
            + $"{FactorText(factor)} times the error budget of {PromQl.Percent(slo.ErrorBudget)} (objective {PromQl.Number(slo.Objective)}% over {model.PeriodDays}d). "
            + $"At this rate the whole budget is spent in {Hours(exhaust)}.";
    }

    public static string AbsentSummary(MonitoringModel model, SloModel slo) =>
        $"The SLI of {model.Service} {slo.Name} has no data.";

    public static string AbsentDescription(MonitoringModel model, SloModel slo) =>
        $"No series of the {slo.Name} SLI's total events has been recorded for 10 minutes, so its burn-rate alerts cannot fire. "
        + $"Check that {model.Service} is scraped and exports the metrics of the {model.Metrics.Preset.Name} preset with {GoTemplate.Literal(model.Metrics.Selector)}.";

    public static string DownSummary(MonitoringModel model) =>
        $"{model.Service} is down: no scrape target of {GoTemplate.Literal(model.Metrics.Selector)} is up.";

    public static string DownDescription(MonitoringModel model) =>
        $"Every target matching {GoTemplate.Literal("{" + model.Metrics.Selector + "}")} has been down or absent for 2 minutes.";

    private static string FactorText(decimal factor) =>
        PromQl.RoundSignificant(factor, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Hours(decimal hours) => hours >= 48m
        ? PromQl.RoundSignificant(hours / 24m, 3).ToString("0.##", CultureInfo.InvariantCulture) + " days"
        : PromQl.RoundSignificant(hours, 3).ToString("0.##", CultureInfo.InvariantCulture) + " hours";
}
