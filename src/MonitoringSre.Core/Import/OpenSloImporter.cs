using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Text;

namespace MonitoringSre.Import;

/// <summary>
/// OpenSLO v1 documents (Service, SLI, SLO) as the monitoring.yaml tree of one service: each objective of an SLO
/// becomes an SLO, a ratioMetric becomes sli.ratio (good or bad over total) or sli.raw, the rolling timeWindow the
/// period. What has no equivalent (threshold metrics, timeslices, calendar windows, other metric sources) is an error
/// at its line; alert policies are a warning, since every SLO gets the package's own burn-rate alerts.
/// </summary>
internal static class OpenSloImporter
{
    private static readonly Regex Duration = new("^[0-9]+[dw]$", RegexOptions.CultureInvariant);

    /// <summary>A bare selector, which counter: true asks to read as a rate: metric or metric{matchers}.</summary>
    private static readonly Regex Selector = new("^\\s*[a-zA-Z_:][a-zA-Z0-9_:]*\\s*(\\{[^{}]*\\})?\\s*$", RegexOptions.CultureInvariant);

    public static SpecMapping Translate(SpecDocument document, ImportOptions options, List<Diagnostic> diagnostics)
    {
        var shape = new ImportedShape(SpecFormats.Described(SpecFormat.OpenSlo), diagnostics);
        var services = new Dictionary<string, SpecMapping>(StringComparer.Ordinal);
        var slis = new Dictionary<string, SpecMapping>(StringComparer.Ordinal);
        var slos = new List<(SpecMapping Spec, SpecScalar Name, SpecMapping Metadata)>();
        foreach (var doc in document.More.Prepend(document.Root))
        {
            shape.Keys(doc, "the document", "apiVersion", "kind", "metadata", "spec");
            if (doc["apiVersion"] is SpecScalar api && api.Value != SpecFormats.OpenSloApiVersion)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, api.Location, $"A document of apiVersion '{api.Value}' in an OpenSLO file",
                    "Give every document of the file apiVersion: openslo/v1."));
                continue;
            }

            var metadata = shape.Map(doc, "metadata", "metadata") ?? new SpecMapping(doc.Location, []);
            var spec = shape.Map(doc, "spec", "spec") ?? new SpecMapping(doc.Location, []);
            var kind = doc["kind"] as SpecScalar;
            if (metadata["name"] is not SpecScalar name)
            {
                shape.Missing(metadata, "name", "metadata", "Every OpenSLO document has a metadata.name.");
                continue;
            }

            switch (kind?.Value)
            {
                case "Service":
                    services[name.Value] = spec;
                    break;
                case "SLI":
                    slis[name.Value] = spec;
                    break;
                case "SLO":
                    slos.Add((spec, name, metadata));
                    break;
                case "AlertPolicy":
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloAlertPolicy, kind.Location, $"The AlertPolicy '{name.Value}'"));
                    break;
                case "AlertCondition" or "AlertNotificationTarget" or "DataSource":
                    break;
                default:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, (kind ?? (SpecNode)doc).Location,
                        $"An OpenSLO document of kind '{kind?.Value}'", "MonitoringSre reads Service, SLI and SLO documents (and passes over DataSource and alerting ones)."));
                    break;
            }
        }

        var service = ChooseService(slos, services, options, document.Root.Location, diagnostics);
        var chosen = slos.Where(s => service is not null && (s.Spec["service"] as SpecScalar)?.Value == service.Value).ToList();
        var tree = new SpecTreeBuilder(document.Root.Location).Add("service", service);
        if (service is not null && services.TryGetValue(service.Value, out var serviceSpec))
        {
            tree.Add("description", serviceSpec["description"]);
        }

        tree.Add("period", Period(chosen.Select(s => s.Spec), shape, diagnostics));
        var translated = new List<SpecNode>();
        foreach (var (spec, name, metadata) in chosen)
        {
            translated.AddRange(Slo(spec, name, metadata, slis, shape, diagnostics));
        }

        if (chosen.Count > 0)
        {
            tree.Add("slos", new SpecSequence(chosen[0].Spec.Location, translated));
        }

        return tree.Build();
    }

    /// <summary>The service the project is: the only one the SLOs name, or the one MonitoringService names.</summary>
    private static SpecScalar? ChooseService(List<(SpecMapping Spec, SpecScalar Name, SpecMapping Metadata)> slos,
        Dictionary<string, SpecMapping> services, ImportOptions options, SourceLocation file, List<Diagnostic> diagnostics)
    {
        var named = slos.Select(s => s.Spec["service"]).OfType<SpecScalar>().GroupBy(s => s.Value).Select(g => g.First()).ToList();
        if (named.Count == 1)
        {
            return named[0];
        }

        if (named.Count == 0)
        {
            // No SLO yet: the file's one Service, if it has one, is still the service (the build warns that nothing has an SLO).
            return services.Count == 1 ? SpecTreeBuilder.Text(file, services.Keys.Single()) : null;
        }

        if (options.Service is { } wanted && named.FirstOrDefault(s => s.Value == wanted) is { } match)
        {
            return match;
        }

        var list = string.Join(", ", named.Select(s => s.Value));
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloService, named[1].Location,
            options.Service is null
                ? $"The OpenSLO file holds SLOs of {named.Count} services ({list}); a project is one service"
                : $"MonitoringService '{options.Service}' is none of the services of the OpenSLO file ({list})",
            $"Choose the one this project is: -p:MonitoringService={named[0].Value}, or <MonitoringService>{named[0].Value}</MonitoringService> in the project file."));
        return null;
    }

    /// <summary>The SLOs' rolling window, which must be one for all: the period applies to every SLO of a service.</summary>
    private static SpecScalar? Period(IEnumerable<SpecMapping> slos, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        SpecScalar? period = null;
        foreach (var slo in slos)
        {
            var windows = shape.Seq(slo, "timeWindow", "spec.timeWindow");
            if (windows.Count == 0 || shape.Item(windows[0], "spec.timeWindow[0]") is not { } window)
            {
                continue;
            }

            shape.Keys(window, "spec.timeWindow[0]", "duration", "isRolling", "calendar");
            if (window["calendar"] is { } calendar || (window["isRolling"] is SpecScalar rolling && ScalarValue.Of(rolling).Value is false))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, (window["calendar"] ?? window["isRolling"])!.Location, "A calendar time window",
                    "MonitoringSre's SLOs have rolling windows: write isRolling: true with a duration such as 28d."));
                continue;
            }

            if (window["duration"] is not SpecScalar duration)
            {
                continue;
            }

            if (!Duration.IsMatch(duration.Value))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, duration.Location, $"A time window of '{duration.Value}'",
                    "Write the duration in whole days or weeks, 7d to 365d, e.g. 28d or 4w."));
            }
            else if (period is not null && period.Value != duration.Value)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, duration.Location, $"SLOs of one service with different time windows ({period.Value} and {duration.Value})",
                    "One period applies to all SLOs of a service: give them the same duration."));
            }

            period ??= duration;
        }

        return period;
    }

    private static IEnumerable<SpecMapping> Slo(SpecMapping spec, SpecScalar name, SpecMapping metadata, Dictionary<string, SpecMapping> slis,
        ImportedShape shape, List<Diagnostic> diagnostics)
    {
        shape.Keys(spec, $"the SLO '{name.Value}'", "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
        if (spec["budgetingMethod"] is SpecScalar method && method.Value != "Occurrences")
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, method.Location, $"budgetingMethod '{method.Value}'",
                "Only Occurrences is read: every event counts against the budget."));
        }

        if (spec.Find("alertPolicies") is { } policies)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloAlertPolicy, policies.Key.Location, $"The alert policies of the SLO '{name.Value}'"));
        }

        var sli = Indicator(spec, slis, shape, diagnostics);
        var objectives = shape.Seq(spec, "objectives", "spec.objectives");
        var description = spec["description"] ?? metadata["displayName"];
        for (var i = 0; i < objectives.Count; i++)
        {
            if (shape.Item(objectives[i], $"spec.objectives[{i}]") is not { } objective)
            {
                continue;
            }

            shape.Keys(objective, $"spec.objectives[{i}]", "displayName", "name", "target", "targetPercent", "op", "value", "timeSliceTarget", "timeSliceWindow",
                "indicator", "indicatorRef", "compositeWeight");
            if ((objective.Find("timeSliceTarget") ?? objective.Find("timeSliceWindow") ?? objective.Find("op") ?? objective.Find("value")) is { } threshold)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, threshold.Key.Location, $"An objective with {threshold.Key.Value}",
                    "MonitoringSre reads ratio objectives of Occurrences: a target (0 to 1) or targetPercent over the SLO's ratioMetric."));
                continue;
            }

            if ((objective.Find("indicator") ?? objective.Find("indicatorRef")) is { } composite)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, composite.Key.Location, "A composite SLO (an indicator per objective)",
                    "Write each indicator as an SLO of its own."));
                continue;
            }

            var sloName = objectives.Count == 1 ? name
                : SpecTreeBuilder.Text(name.Location, name.Value + "-" + NameCase.ToKebab((objective["name"] as SpecScalar)?.Value
                    ?? (objective["displayName"] as SpecScalar)?.Value ?? (i + 1).ToString(CultureInfo.InvariantCulture)));
            yield return new SpecTreeBuilder(objective.Location)
                .Add("name", sloName)
                .Add("description", description)
                .Add("objective", Objective(objective))
                .Add("sli", sli)
                .Build();
        }
    }

    /// <summary>targetPercent as is; target (a ratio) in percent.</summary>
    private static SpecNode? Objective(SpecMapping objective)
    {
        if (objective["targetPercent"] is { } percent)
        {
            return percent;
        }

        return objective["target"] is SpecScalar target && ScalarValue.Of(target).Value is decimal or long
            && decimal.TryParse(target.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
            ? SpecTreeBuilder.Plain(target.Location, (ratio * 100m).ToString("0.############", CultureInfo.InvariantCulture))
            : objective["target"];
    }

    private static SpecMapping? Indicator(SpecMapping slo, Dictionary<string, SpecMapping> slis, ImportedShape shape, List<Diagnostic> diagnostics)
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
