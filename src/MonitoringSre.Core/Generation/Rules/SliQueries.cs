using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// The PromQL for an SLO's bad and total event rates over a window. Presets are read as data; the selector is
/// added to every preset query, and the scrape and health-check routes are left out of it (they are no user traffic,
/// and at low traffic their successes would hide an outage).
/// </summary>
public sealed class SliQueries(MetricsConfig metrics, SliDefinition sli)
{
    /// <summary>The route exclusion is built from globs: once per SLO, not once per query.</summary>
    private readonly LabelMatcher? _excluded = metrics.RouteExclusion;

    public string Errors(string window) => sli switch
    {
        AvailabilitySli a => Sum(metrics.Preset.DurationMetric + "_count", window,
            new LabelMatcher(metrics.Preset.StatusLabel, "=~", a.ErrorStatus)),
        LatencySli l => $"{Total(window)} - {Sum(metrics.Preset.DurationMetric + "_bucket", window, LeMatcher(l.ThresholdSeconds))}",
        RatioSli r => r.Errors.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal),
        _ => throw new InvalidOperationException("unknown SLI " + sli.GetType().Name),
    };

    public string Total(string window) => sli switch
    {
        AvailabilitySli or LatencySli => Sum(metrics.Preset.DurationMetric + "_count", window),
        RatioSli r => r.Total.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal),
        _ => throw new InvalidOperationException("unknown SLI " + sli.GetType().Name),
    };

    /// <summary>
    /// Exporters write whole-number bounds as "1" or "1.0"; both must match, or a latency SLI reads no data.
    /// </summary>
    public static LabelMatcher LeMatcher(decimal bound)
    {
        var text = PromQl.Number(bound);
        return decimal.Truncate(bound) == bound
            ? new LabelMatcher("le", "=~", text + "|" + text + ".0")
            : new LabelMatcher("le", "=", text);
    }

    /// <summary>A preset query: the selector, the SLI's own matchers, and the routes that are no user traffic left out.</summary>
    private string Sum(string metric, string window, params LabelMatcher[] extra) =>
        $"sum(rate({PromQl.Selector(metric, metrics.Matchers.Concat(extra).Concat(_excluded is { } r ? [r] : []))}[{window}]))";
}
