namespace MonitoringSre.Model;

/// <param name="ExcludedRoutes">Routes whose requests are no user traffic (the scrape endpoint, health checks): globs, left out of every preset SLI.</param>
public sealed record MetricsConfig(MetricsPreset Preset, string Selector, IReadOnlyList<LabelMatcher> Matchers, IReadOnlyList<BusinessMetric> Business, IReadOnlyList<string> ExcludedRoutes)
{
    /// <summary>OpenTelemetry's default metric export interval (OTEL_METRIC_EXPORT_INTERVAL, 60000 ms).</summary>
    public const int DefaultPushIntervalSeconds = 60;

    /// <summary>The longest push interval the SLIs can read: their shortest rate window, 5m, needs two samples.</summary>
    public const int MaxPushIntervalSeconds = 150;

    /// <summary>The name of the one OTLP translation strategy the generated queries fit: Prometheus' default.</summary>
    public const string OtlpTranslation = "UnderscoreEscapingWithSuffixes";

    public MetricsTransport Transport { get; init; } = MetricsTransport.Scrape;

    /// <summary>With <see cref="MetricsTransport.Otlp"/>: how often the service pushes.</summary>
    public int PushIntervalSeconds { get; init; } = DefaultPushIntervalSeconds;

    /// <summary>
    /// A pushed service is down once its target_info has been missing this long: two pushes in a row, and never less
    /// than a minute, so one late push or a slow receiver does not count.
    /// </summary>
    public int AbsentAfterSeconds => Math.Max(60, 2 * PushIntervalSeconds);

    /// <summary>What a spec without metrics.excludeRoutes leaves out: the scrape endpoint and the usual health checks.</summary>
    public static IReadOnlyList<string> DefaultExcludedRoutes { get; } = ["/metrics", "/health*", "/healthz", "/alive"];

    /// <summary>The matcher that leaves the excluded routes out, or null when none are.</summary>
    public LabelMatcher? RouteExclusion => ExcludedRoutes.Count == 0 ? null
        : new LabelMatcher(Preset.RouteLabel, "!~", string.Join("|", ExcludedRoutes.Select(r => string.Join(".*", r.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)))));
}

/// <summary>A business KPI: one panel on the business dashboard.</summary>
public sealed record BusinessMetric(string Metric, string Title, string Kind, string Unit);
