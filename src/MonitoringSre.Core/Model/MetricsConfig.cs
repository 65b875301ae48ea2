namespace MonitoringSre.Model;

/// <param name="ExcludedRoutes">Routes whose requests are no user traffic (the scrape endpoint, health checks): globs, left out of every preset SLI.</param>
public sealed record MetricsConfig(MetricsPreset Preset, string Selector, IReadOnlyList<LabelMatcher> Matchers, IReadOnlyList<BusinessMetric> Business, IReadOnlyList<string> ExcludedRoutes)
{
    /// <summary>What a spec without metrics.excludeRoutes leaves out: the scrape endpoint and the usual health checks.</summary>
    public static IReadOnlyList<string> DefaultExcludedRoutes { get; } = ["/metrics", "/health*", "/healthz", "/alive"];

    /// <summary>The matcher that leaves the excluded routes out, or null when none are.</summary>
    public LabelMatcher? RouteExclusion => ExcludedRoutes.Count == 0 ? null
        : new LabelMatcher(Preset.RouteLabel, "!~", string.Join("|", ExcludedRoutes.Select(r => string.Join(".*", r.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)))));
}

/// <summary>A business KPI: one panel on the business dashboard.</summary>
public sealed record BusinessMetric(string Metric, string Title, string Kind, string Unit);
