using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Model;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// An OpenSLO SLI's metrics, as PromQL over {{window}}: the errors (bad) or good events and the total of a ratioMetric,
/// its precomputed error ratio (raw), or a thresholdMetric's query as written (its objective says what is good).
/// </summary>
internal sealed record OpenSloMetrics(SourceLocation Location)
{
    public SpecScalar? Errors { get; init; }

    public SpecScalar? Good { get; init; }

    public SpecScalar? Total { get; init; }

    /// <summary>A ratioMetric's raw ratio as an error ratio (rawType success is turned into 1 − it).</summary>
    public SpecScalar? RawErrorRatio { get; init; }

    /// <summary>A thresholdMetric's query, as written.</summary>
    public SpecScalar? Threshold { get; init; }
}

/// <summary>
/// An OpenSLO SLO's indicator (inline, or an SLI named by indicatorRef). A query that names the window is taken as
/// written; one that does not is read over {{window}}: a counter (counter: true) as its rate, anything else (a gauge,
/// the default) as its average, both summed over the series it selects.
/// </summary>
internal static class OpenSloIndicator
{
    /// <summary>A bare selector: metric or metric{matchers}, which a range can follow as it is.</summary>
    private static readonly Regex Selector = new("^\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*(\\{[^{}]*\\})?\\s*$", RegexOptions.CultureInvariant);

    public static OpenSloMetrics? Read(SpecMapping slo, Dictionary<string, SpecMapping> slis, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        SpecMapping? spec = null;
        if (shape.Map(slo, "indicator", "spec.indicator") is { } inline)
        {
            shape.Keys(inline, "spec.indicator", "metadata", "spec");
            spec = shape.Map(inline, "spec", "spec.indicator.spec");
        }
        else if (slo["indicatorRef"] is SpecScalar reference)
        {
            if (!slis.TryGetValue(reference.Value, out spec))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloReference, reference.Location, reference.Value));
            }
        }

        if (spec is null)
        {
            return null;
        }

        shape.Keys(spec, "the SLI", "description", "ratioMetric", "thresholdMetric");
        if (spec["thresholdMetric"] is { } threshold)
        {
            return new OpenSloMetrics(threshold.Location) { Threshold = Query(threshold, "thresholdMetric", shape, diagnostics) };
        }

        if (shape.Map(spec, "ratioMetric", "ratioMetric") is not { } ratio)
        {
            return null;
        }

        shape.Keys(ratio, "ratioMetric", "counter", "good", "bad", "total", "rawType", "raw");
        var counter = ratio["counter"] is SpecScalar c && ScalarValue.Of(c).Value is true;
        if (ratio["raw"] is { } rawNode)
        {
            var query = Windowed(Query(rawNode, "ratioMetric.raw", shape, diagnostics), counter: false);
            var failure = (ratio["rawType"] as SpecScalar)?.Value != "success";
            return new OpenSloMetrics(rawNode.Location)
            {
                RawErrorRatio = query is null || failure ? query : SpecTreeBuilder.Text(query.Location, $"1 - ({query.Value})"),
            };
        }

        SpecScalar? Metric(string key) => ratio[key] is { } node ? Windowed(Query(node, "ratioMetric." + key, shape, diagnostics), counter) : null;
        return new OpenSloMetrics(ratio.Location) { Errors = Metric("bad"), Good = ratio["bad"] is null ? Metric("good") : null, Total = Metric("total") };
    }

    /// <summary>The metric's query; a source other than Prometheus is an error, except OpenSLO's "Any", read as PromQL with a warning.</summary>
    private static SpecScalar? Query(SpecNode metric, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (metric is not SpecMapping map)
        {
            shape.WrongType(metric, path, "a mapping", "Write metricSource under it.");
            return null;
        }

        shape.Keys(map, path, "metricSource");
        if (shape.Map(map, "metricSource", path + ".metricSource") is not { } source)
        {
            return null;
        }

        shape.Keys(source, path + ".metricSource", "metricSourceRef", "type", "spec");
        var type = source["type"] as SpecScalar;
        if (type is not null && !type.Value.Equals("Prometheus", StringComparison.OrdinalIgnoreCase) && type.Value != "Any")
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, type.Location, $"A metric source of type '{type.Value}'",
                "MonitoringSre writes Prometheus rules: give the metric as type: Prometheus with its PromQL under spec.query."));
            return null;
        }

        if ((shape.Map(source, "spec", path + ".metricSource.spec")?["query"]) is not SpecScalar query)
        {
            shape.Missing(source, "spec.query", path + ".metricSource", "Give the PromQL as spec: {query: ...}.");
            return null;
        }

        if (type?.Value == "Any")
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MetricSourceReadAsPromQl, type.Location, type.Value, query.Value));
        }

        return query;
    }

    /// <summary>The query over {{window}}: as written when it names the window; otherwise its rate (a counter) or average, summed.</summary>
    internal static SpecScalar? Windowed(SpecScalar? query, bool counter)
    {
        if (query is null || NamesWindow(query.Value))
        {
            return query;
        }

        var q = query.Value.Trim();
        var range = Selector.IsMatch(q) ? $"{q}[{RatioSli.WindowPlaceholder}]" : $"({q})[{RatioSli.WindowPlaceholder}:]";
        return SpecTreeBuilder.Text(query.Location, counter ? $"sum(rate({range}))" : $"sum(avg_over_time({range}))");
    }

    public static bool NamesWindow(string query) => RatioSli.WindowSpellings.Any(p => query.Contains(p, StringComparison.Ordinal));

    /// <summary>The query with every spelling of the window placeholder replaced by <paramref name="window"/>.</summary>
    public static string At(string query, string window) =>
        RatioSli.WindowSpellings.Aggregate(query, (q, spelling) => q.Replace(spelling, window, StringComparison.Ordinal));
}
