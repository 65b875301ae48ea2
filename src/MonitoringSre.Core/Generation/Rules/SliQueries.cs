using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// The PromQL for an SLO's bad and total event rates over a window. Presets are read as data; the selector is
/// added to every preset query, and the scrape and health-check routes are left out of it (they are no user traffic,
/// and at low traffic their successes would hide an outage).
/// </summary>
public sealed class SliQueries
{
    private readonly SliDefinition _sli;

    /// <summary>The selectors do not depend on the window: built once per SLO, not once per query.</summary>
    private readonly string? _total;
    private readonly string? _errors;

    public SliQueries(MetricsConfig metrics, SliDefinition sli)
    {
        _sli = sli;
        var excluded = metrics.RouteExclusion is { } r ? new[] { r } : [];
        string Selector(string metric, params LabelMatcher[] extra) =>
            PromQl.Selector(metric, metrics.Matchers.Concat(extra).Concat(excluded));
        var count = metrics.Preset.DurationMetric + "_count";
        switch (sli)
        {
            case AvailabilitySli a:
                _total = Selector(count);
                _errors = Selector(count, new LabelMatcher(metrics.Preset.StatusLabel, "=~", a.ErrorStatus));
                break;
            case LatencySli l:
                _total = Selector(count);
                _errors = Selector(metrics.Preset.DurationMetric + "_bucket", LeMatcher(l.ThresholdSeconds));
                break;
            case RatioSli or RawSli:
                break;
            default:
                throw new InvalidOperationException("unknown SLI " + sli.GetType().Name);
        }
    }

    /// <summary>Whether the SLI gives its error ratio itself (<see cref="RawSli"/>) rather than bad and total events.</summary>
    public bool IsRaw => _sli is RawSli;

    /// <summary>A raw SLI's error ratio over a window.</summary>
    public string Ratio(string window) => ((RawSli)_sli).ErrorRatio.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal);

    /// <param name="total">The total over the same window, as the caller has it: a latency SLI's errors are the total less the fast ones.</param>
    public string Errors(string window, string total) => _sli switch
    {
        AvailabilitySli => Sum(_errors!, window),
        LatencySli => $"{total} - {Sum(_errors!, window)}",
        RatioSli { CountsGood: true } r => $"({Total(window)}) - ({r.Errors.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal)})",
        RatioSli r => r.Errors.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal),
        _ => throw new InvalidOperationException("unknown SLI " + _sli.GetType().Name),
    };

    public string Total(string window) => _sli switch
    {
        RatioSli r => r.Total.Replace(RatioSli.WindowPlaceholder, window, StringComparison.Ordinal),
        _ => Sum(_total!, window),
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

    /// <summary>A preset query: the selector (with the SLI's own matchers and the routes that are no user traffic left out) over a window.</summary>
    private static string Sum(string selector, string window) => $"sum(rate({selector}[{window}]))";
}
