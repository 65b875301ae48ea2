using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// An OpenSLO SLO's indicator (inline, or an SLI named by indicatorRef) as the sli of monitoring.yaml: a ratioMetric
/// of good or bad over total becomes sli.ratio, a raw one sli.raw; a counter given as a bare selector is read as its rate.
/// </summary>
internal static class OpenSloIndicator
{
    /// <summary>A bare selector, which counter: true asks to read as a rate: metric or metric{matchers}.</summary>
    private static readonly Regex Selector = new("^\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*(\\{[^{}]*\\})?\\s*$", RegexOptions.CultureInvariant);

    public static SpecMapping? Translate(SpecMapping slo, Dictionary<string, SpecMapping> slis, ImportedShape shape, List<Diagnostic> diagnostics)
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
        if (spec.Find("thresholdMetric") is { } threshold)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, threshold.Key.Location, "A thresholdMetric SLI",
                "Write it as a ratioMetric: good (or bad) events over total events."));
            return null;
        }

        if (shape.Map(spec, "ratioMetric", "ratioMetric") is not { } ratio)
        {
            return null;
        }

        shape.Keys(ratio, "ratioMetric", "counter", "good", "bad", "total", "rawType", "raw");
        var counter = ratio["counter"] is SpecScalar c && ScalarValue.Of(c).Value is true;
        if (ratio["raw"] is { } rawNode)
        {
            var query = Query(rawNode, "ratioMetric.raw", counter: false, shape, diagnostics);
            var failure = (ratio["rawType"] as SpecScalar)?.Value != "success";
            var errorRatio = query is null || failure ? query : SpecTreeBuilder.Text(query.Location, $"1 - ({query.Value})");
            return new SpecTreeBuilder(spec.Location)
                .Add("raw", new SpecTreeBuilder(rawNode.Location).Add("errorRatio", errorRatio))
                .Build();
        }

        var counted = ratio.Find("bad") ?? ratio.Find("good");
        var body = new SpecTreeBuilder(ratio.Location);
        if (counted is not null)
        {
            body.Add(counted.Key.Value == "bad" ? "errors" : "good", Query(counted.Value, "ratioMetric." + counted.Key.Value, counter, shape, diagnostics));
        }

        if (ratio["total"] is { } total)
        {
            body.Add("total", Query(total, "ratioMetric.total", counter, shape, diagnostics));
        }

        return new SpecTreeBuilder(spec.Location).Add("ratio", body.Build()).Build();
    }

    /// <summary>
    /// A metric's Prometheus query over {{window}}: as written when it names the window; a bare selector of a counter
    /// (counter: true) as its rate, summed; anything else as written, for the binder to say it lacks the window.
    /// </summary>
    private static SpecScalar? Query(SpecNode metric, string path, bool counter, ImportedShape shape, List<Diagnostic> diagnostics)
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
        if (source["type"] is SpecScalar type && !type.Value.Equals("Prometheus", StringComparison.OrdinalIgnoreCase))
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

        if (Model.RatioSli.WindowSpellings.Any(p => query.Value.Contains(p, StringComparison.Ordinal)) || !counter || !Selector.IsMatch(query.Value))
        {
            return query;
        }

        return SpecTreeBuilder.Text(query.Location, $"sum(rate({query.Value.Trim()}[{{{{window}}}}]))");
    }
}
