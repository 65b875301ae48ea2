using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// What "the service is up" means for each way its metrics reach Prometheus, in one place: the Down alert's
/// expression, the series the promtool tests feed for a live service, and the words the alert, slo.md and the runbook
/// use. A scraped service has an up series per target. A pushed one has none (and no staleness marker when it stops);
/// every push writes its resource as target_info, so a service whose target_info stopped arriving is down.
/// </summary>
public static class ServiceLiveness
{
    /// <summary>How long the Down alert's expression must hold before it fires.</summary>
    public const int ForMinutes = 2;

    /// <summary>The series a live service has, one per instance: up (value 1) when scraped, target_info when pushed.</summary>
    public static string Series(MetricsConfig metrics) => metrics.Transport == MetricsTransport.Otlp ? "target_info" : "up";

    public static string DownExpr(MetricsConfig metrics) => metrics.Transport == MetricsTransport.Otlp
        ? $"absent_over_time({PromQl.Selector("target_info", metrics.Matchers)}[{Window(metrics)}])"
        : $"(max({PromQl.Selector("up", metrics.Matchers)}) or vector(0)) == 0";

    /// <summary>The labels the Down alert takes from its expression: absent_over_time keeps the selector's equality matchers.</summary>
    public static IReadOnlyList<Label> DownSeriesLabels(MetricsConfig metrics) => metrics.Transport == MetricsTransport.Otlp
        ? metrics.Matchers.Where(m => m.Op == "=").GroupBy(m => m.Name).Where(g => g.Count() == 1).Select(g => new Label(g.Key, g.Single().Value)).ToList()
        : [];

    /// <summary>A pushed service's absence window as a Prometheus duration: 2m, 90s.</summary>
    public static string Window(MetricsConfig metrics) => Seconds(metrics.AbsentAfterSeconds);

    /// <summary>How long nothing has arrived when Down fires: the window and the alert's `for`, in seconds.</summary>
    public static int SilentSeconds(MetricsConfig metrics) => metrics.AbsentAfterSeconds + ForMinutes * 60;

    /// <summary>Down's meaning as a clause that follows "fires when" (slo.md, the runbook, the alert's description).</summary>
    public static string Meaning(MonitoringModel model, Func<string, string> code) => model.Metrics.Transport == MetricsTransport.Otlp
        ? $"no instance matching {code(model.Metrics.Selector)} has pushed metrics over OTLP for {Words(SilentSeconds(model.Metrics))} "
            + $"(no {code("target_info")} sample, which every push writes; the service pushes every {Words(model.Metrics.PushIntervalSeconds)})"
        : $"every scrape target of {code(model.Metrics.Selector)} has been down or absent for {Words(ForMinutes * 60)}";

    /// <summary>The Down alert's summary.</summary>
    public static string Summary(MonitoringModel model) => model.Metrics.Transport == MetricsTransport.Otlp
        ? $"{model.Service} is down: nothing of {RuleTests.GoTemplate.Literal(model.Metrics.Selector)} has been pushed for {Words(SilentSeconds(model.Metrics))}."
        : $"{model.Service} is down: no scrape target of {RuleTests.GoTemplate.Literal(model.Metrics.Selector)} is up.";

    /// <summary>What Down means for users and for the SLOs, for the runbook.</summary>
    public static string Impact(MetricsConfig metrics) => metrics.Transport == MetricsTransport.Otlp
        ? "Most likely a complete outage (P0). Otherwise the service's pushes no longer reach Prometheus (the OTLP endpoint, a Collector on the way, the receiver) and every SLO is blind."
        : "Most likely a complete outage (P0). Otherwise Prometheus cannot reach the service and every SLO is blind.";

    /// <summary>How the service's metrics get to Prometheus, for "check that ..." advice.</summary>
    public static string Arrival(MonitoringModel model) => model.Metrics.Transport == MetricsTransport.Otlp
        ? $"{model.Service} pushes its metrics over OTLP to the Prometheus that evaluates these rules (OTEL_EXPORTER_OTLP_ENDPOINT)"
        : $"{model.Service} is scraped";

    /// <summary>The runbook's first query: which instances are there.</summary>
    public static (string Title, string Query) DiagnoseQuery(MetricsConfig metrics) => metrics.Transport == MetricsTransport.Otlp
        ? ("Pushes per instance over the last 15 minutes (an instance that stopped shows fewer, then none)", $"count_over_time({PromQl.Selector("target_info", metrics.Matchers)}[15m])")
        : ("Scrape targets up", PromQl.Selector("up", metrics.Matchers));

    /// <summary>Seconds in words: 2 minutes, 1 minute, 90 seconds.</summary>
    public static string Words(int seconds) => seconds % 60 == 0
        ? (seconds / 60).ToString(System.Globalization.CultureInfo.InvariantCulture) + (seconds == 60 ? " minute" : " minutes")
        : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + (seconds == 1 ? " second" : " seconds");

    /// <summary>Seconds as a Prometheus duration: whole minutes as 2m, else 90s.</summary>
    public static string Seconds(int seconds) => seconds % 60 == 0
        ? PromQl.Duration(seconds / 60)
        : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";
}
