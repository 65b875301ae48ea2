using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// PromQL the dashboards share, built from the preset's data and the spec's selector. Every rate uses
/// $__rate_interval, so panels stay correct whatever the scrape interval and zoom.
/// </summary>
public static class DashboardQueries
{
    public const string RateInterval = "$__rate_interval";

    public static string Selector(MonitoringModel model, string metric, params LabelMatcher[] extra) =>
        PromQl.Selector(metric, model.Metrics.Matchers.Concat(extra));

    public static string Count(MonitoringModel model) => model.Metrics.Preset.DurationMetric + "_count";

    /// <summary>The error statuses of the first availability SLO, else the contract's default 5xx.</summary>
    public static string ErrorStatus(MonitoringModel model) =>
        model.Slos.Select(s => s.Sli).OfType<AvailabilitySli>().FirstOrDefault()?.ErrorStatus ?? "5..";

    public static string RequestRate(MonitoringModel model, string? by = null) =>
        $"sum{By(by)}(rate({Selector(model, Count(model))}[{RateInterval}]))";

    public static string ErrorRatio(MonitoringModel model, string? by = null)
    {
        var errors = Selector(model, Count(model), new LabelMatcher(model.Metrics.Preset.StatusLabel, "=~", ErrorStatus(model)));
        // No requests is no ratio, not NaN: the panel shows a gap.
        return $"(sum{By(by)}(rate({errors}[{RateInterval}])) or {RequestRate(model, by)} * 0)\n/\n({RequestRate(model, by)} > 0)";
    }

    public static string Quantile(MonitoringModel model, string quantile, string? by = null)
    {
        var bucket = Selector(model, model.Metrics.Preset.DurationMetric + "_bucket");
        var labels = by is null ? "le" : "le, " + by;
        // Without requests every bucket's rate is 0 and the quantile NaN: dropped, so the panel shows a gap.
        return $"histogram_quantile({quantile}, sum by ({labels}) (rate({bucket}[{RateInterval}]))) >= 0";
    }

    /// <summary>Series whose version label value appeared within the last 5 minutes: a deployment.</summary>
    public static string? NewVersion(MonitoringModel model)
    {
        if (model.Metrics.Preset.Version is not { } version)
        {
            return null;
        }

        var info = Selector(model, version.Metric);
        return $"count by ({version.Label}) ({info}) unless count by ({version.Label}) ({info} offset 5m)";
    }

    public static string SloSeries(MonitoringModel model, SloModel slo, string record) =>
        PromQl.SloSeries(record, model.Service, slo.Name);

    public static string BurnRate(MonitoringModel model, SloModel slo, string window) =>
        $"{SloSeries(model, slo, RuleNames.ErrorRatio(window))} / {PromQl.Number(slo.ErrorBudget)}";

    private static string By(string? by) => by is null ? string.Empty : $" by ({by}) ";
}
