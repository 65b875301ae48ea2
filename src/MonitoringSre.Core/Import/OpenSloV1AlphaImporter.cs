using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// OpenSLO v1alpha SLO documents, the OpenSLO that Sloth reads (its examples' openslo-*.yml), as Sloth reads them: each
/// objective of an SLO is an SLO named <c>name-index</c> (Sloth's sloth_slo), its ratioMetrics' good (or bad) over total
/// is sli.ratio, and timeWindows' count of days or weeks is the period. Sloth writes no alerts for these; MonitoringSre
/// writes its own, as for any SLO.
/// </summary>
internal static class OpenSloV1AlphaImporter
{
    public const string ApiVersion = "openslo/v1alpha";

    public static SpecMapping Translate(SpecDocument document, ImportOptions options, List<Diagnostic> diagnostics)
    {
        var shape = new ImportedShape(SpecFormats.Described(SpecFormat.OpenSloV1Alpha), diagnostics);
        var slos = new List<(SpecMapping Spec, SpecScalar Name)>();
        var kinds = new List<string>();
        foreach (var doc in document.More.Prepend(document.Root))
        {
            shape.Keys(doc, "the document", "apiVersion", "kind", "metadata", "spec");
            if (doc["apiVersion"] is SpecScalar api && api.Value != ApiVersion)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, api.Location, $"A document of apiVersion '{api.Value}' in an OpenSLO v1alpha file",
                    "Give every document of the file the same apiVersion."));
                continue;
            }

            var kind = (doc["kind"] as SpecScalar)?.Value ?? "(no kind)";
            kinds.Add(kind);
            var metadata = shape.Map(doc, "metadata", "metadata") ?? new SpecMapping(doc.Location, []);
            shape.Keys(metadata, "metadata", "name", "displayName", "labels", "annotations");
            if (kind != "SLO")
            {
                continue;
            }

            if (metadata["name"] is not SpecScalar name)
            {
                shape.Missing(metadata, "name", "metadata", "Every OpenSLO document has a metadata.name.");
                continue;
            }

            slos.Add((shape.Map(doc, "spec", "spec") ?? new SpecMapping(doc.Location, []), name));
        }

        if (slos.Count == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NoSloDocument, document.Root.Location, "OpenSLO v1alpha", OpenSloImporter.Kinds(kinds),
                "Add a document of kind: SLO, or point MonitoringSpecFile at the file that holds the SLOs."));
            return new SpecTreeBuilder(document.Root.Location).Build();
        }

        var service = ServiceChoice.Choose(slos.Select(s => s.Spec["service"]).OfType<SpecScalar>().ToList(), options, "OpenSLO", diagnostics);
        var chosen = slos.Where(s => service is not null && (s.Spec["service"] as SpecScalar)?.Value == service.Value).ToList();
        var tree = new SpecTreeBuilder(document.Root.Location).Add("service", service);
        SpecScalar? period = null;
        var translated = new List<SpecNode>();
        foreach (var (spec, name) in chosen)
        {
            shape.Keys(spec, $"the SLO '{name.Value}'", "description", "service", "budgetingMethod", "objectives", "timeWindows");
            if (spec["budgetingMethod"] is SpecScalar method && method.Value != "Occurrences")
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, method.Location, $"budgetingMethod '{method.Value}' in OpenSLO v1alpha",
                    "Write Occurrences, as Sloth reads it, or write the SLO in OpenSLO v1, whose Timeslices MonitoringSre reads."));
            }

            period = Period(spec, period, shape, diagnostics) ?? period;
            var objectives = shape.Seq(spec, "objectives", "spec.objectives");
            for (var i = 0; i < objectives.Count; i++)
            {
                var path = $"spec.objectives[{i}]";
                if (shape.Item(objectives[i], path) is { } objective)
                {
                    translated.Add(Objective(objective, path, SpecTreeBuilder.Text(name.Location, name.Value + "-" + i.ToString(CultureInfo.InvariantCulture)), spec["description"], shape, diagnostics));
                }
            }
        }

        tree.Add("period", period);
        if (chosen.Count > 0)
        {
            tree.Add("slos", new SpecSequence(chosen[0].Spec.Location, translated));
        }

        return tree.Build();
    }

    private static SpecMapping Objective(SpecMapping objective, string path, SpecScalar name, SpecNode? description, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        shape.Keys(objective, path, "displayName", "target", "ratioMetrics");
        var tree = new SpecTreeBuilder(objective.Location)
            .Add("name", name)
            .Add("description", description ?? objective["displayName"])
            .Add("objective", OpenSloImporter.Percent(objective["target"]));

        if (shape.Map(objective, "ratioMetrics", path + ".ratioMetrics") is { } metrics)
        {
            shape.Keys(metrics, path + ".ratioMetrics", "good", "bad", "total", "incremental");
            var counted = metrics.Find("bad") ?? metrics.Find("good");
            var ratioTree = new SpecTreeBuilder(metrics.Location);
            if (counted is not null)
            {
                ratioTree.Add(counted.Key.Value == "bad" ? "errors" : "good", Query(counted.Value, path + ".ratioMetrics." + counted.Key.Value, shape, diagnostics));
            }

            ratioTree.Add("total", metrics["total"] is { } total ? Query(total, path + ".ratioMetrics.total", shape, diagnostics) : null);
            tree.Add("sli", new SpecTreeBuilder(metrics.Location).Add("ratio", ratioTree));
        }

        return tree.Build();
    }

    /// <summary>A metric's PromQL: source prometheus, queryType promql, and the query with Sloth's {{.window}}.</summary>
    private static SpecNode? Query(SpecNode node, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (node is not SpecMapping metric)
        {
            shape.WrongType(node, path, "a mapping", "Write source, queryType and query under it.");
            return null;
        }

        shape.Keys(metric, path, "source", "queryType", "query", "metadata");
        if (metric["source"] is SpecScalar source && !source.Value.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, source.Location, $"A metric source '{source.Value}'",
                "MonitoringSre writes Prometheus rules: write source: prometheus, queryType: promql and the PromQL under query."));
        }

        return metric["query"];
    }

    /// <summary>timeWindows[0] as a period: a count of days or weeks, one for every SLO of the service.</summary>
    private static SpecScalar? Period(SpecMapping spec, SpecScalar? earlier, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        var windows = shape.Seq(spec, "timeWindows", "spec.timeWindows");
        if (windows.Count == 0 || shape.Item(windows[0], "spec.timeWindows[0]") is not { } window)
        {
            return null;
        }

        shape.Keys(window, "spec.timeWindows[0]", "count", "unit", "isRolling", "calendar");
        if (window["calendar"] is { } calendar)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, calendar.Location, "A calendar time window in OpenSLO v1alpha",
                "Write a rolling window (count and unit), as Sloth reads it, or write the SLO in OpenSLO v1, whose calendar windows MonitoringSre reads."));
            return null;
        }

        if (window["count"] is not SpecScalar count || window["unit"] is not SpecScalar unit)
        {
            shape.Missing(window, window["count"] is null ? "count" : "unit", "spec.timeWindows[0]", "Write the window as count: 30 and unit: Day.");
            return null;
        }

        var suffix = unit.Value switch { "Day" => "d", "Week" => "w", _ => null };
        if (suffix is null || ScalarValue.Of(count).Value is not long)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, unit.Location, $"A time window of {count.Value} {unit.Value}",
                "Write the window in whole days or weeks (unit: Day or Week), 7 to 365 days."));
            return null;
        }

        var period = SpecTreeBuilder.Text(count.Location, count.Value + suffix);
        if (earlier is not null && earlier.Value != period.Value)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, count.Location, $"SLOs of one service with different time windows ({earlier.Value} and {period.Value})",
                "One period applies to all SLOs of a service: give them the same time window."));
        }

        return period;
    }
}
