using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Text;

namespace MonitoringSre.Import;

/// <summary>
/// OpenSLO v1 documents (Service, SLI, SLO) as the monitoring.yaml tree of one service: each objective of an SLO
/// becomes an SLO, its indicator under the budgeting method its sli (<see cref="OpenSloBudgeting"/>), the timeWindow
/// the period and calendar (<see cref="OpenSloTimeWindow"/>). What has no equivalent (composite SLOs, other metric
/// sources) is an error at its line; alert policies are a warning, since every SLO gets the package's own burn-rate alerts.
/// </summary>
internal static class OpenSloImporter
{

    public static SpecMapping Translate(SpecDocument document, ImportOptions options, List<Diagnostic> diagnostics)
    {
        var shape = new ImportedShape(SpecFormats.Described(SpecFormat.OpenSlo), diagnostics);
        var services = new Dictionary<string, SpecMapping>(StringComparer.Ordinal);
        var slis = new Dictionary<string, SpecMapping>(StringComparer.Ordinal);
        var slos = new List<(SpecMapping Spec, SpecScalar Name, SpecMapping Metadata)>();
        var held = new List<string>();
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

            held.Add($"{kind?.Value ?? "(no kind)"} '{name.Value}'");
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

        if (slos.Count == 0 && held.Count > 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NoSloDocument, document.Root.Location, "OpenSLO", Kinds(held),
                "Add a document of kind: SLO (its spec names the service, an indicator and objectives), or point MonitoringSpecFile at the file that holds the SLOs."));
            return new SpecTreeBuilder(document.Root.Location).Build();
        }

        var service = ChooseService(slos, services, options, document.Root.Location, diagnostics);
        var chosen = slos.Where(s => service is not null && (s.Spec["service"] as SpecScalar)?.Value == service.Value).ToList();
        var tree = new SpecTreeBuilder(document.Root.Location).Add("service", service);
        if (service is not null && services.TryGetValue(service.Value, out var serviceSpec))
        {
            tree.Add("description", serviceSpec["description"]);
        }

        var (period, calendar) = OpenSloTimeWindow.Read(chosen.Select(s => s.Spec), shape, diagnostics);
        tree.Add("period", period).Add("calendar", calendar);
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

    /// <summary>What a file holds, for a message: "DataSource 'prometheus', SLI 'latency' and AlertPolicy 'fast'".</summary>
    internal static string Kinds(IReadOnlyList<string> held) =>
        held.Count <= 1 ? string.Concat(held) : string.Join(", ", held.Take(held.Count - 1)) + " and " + held[^1];

    /// <summary>The service the project is: the only one the SLOs name, or the one MonitoringService names.</summary>
    private static SpecScalar? ChooseService(List<(SpecMapping Spec, SpecScalar Name, SpecMapping Metadata)> slos,
        Dictionary<string, SpecMapping> services, ImportOptions options, SourceLocation file, List<Diagnostic> diagnostics)
    {
        var named = slos.Select(s => s.Spec["service"]).OfType<SpecScalar>().GroupBy(s => s.Value).Select(g => g.First()).ToList();
        if (named.Count == 0)
        {
            // The SLOs name no service: the file's one Service document, if it has one, is theirs.
            return services.Count == 1 ? SpecTreeBuilder.Text(file, services.Keys.Single()) : null;
        }

        return ServiceChoice.Choose(named, options, "OpenSLO", diagnostics);
    }

    private static IEnumerable<SpecMapping> Slo(SpecMapping spec, SpecScalar name, SpecMapping metadata, Dictionary<string, SpecMapping> slis,
        ImportedShape shape, List<Diagnostic> diagnostics)
    {
        shape.Keys(spec, $"the SLO '{name.Value}'", "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
        if (spec.Find("alertPolicies") is { } policies)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloAlertPolicy, policies.Key.Location, $"The alert policies of the SLO '{name.Value}'"));
        }

        var metrics = OpenSloIndicator.Read(spec, slis, shape, diagnostics);
        var method = spec["budgetingMethod"] as SpecScalar;
        var objectives = shape.Seq(spec, "objectives", "spec.objectives");
        var description = spec["description"] ?? metadata["displayName"];
        for (var i = 0; i < objectives.Count; i++)
        {
            var path = $"spec.objectives[{i}]";
            if (shape.Item(objectives[i], path) is not { } objective)
            {
                continue;
            }

            shape.Keys(objective, path, "displayName", "name", "target", "targetPercent", "op", "value", "timeSliceTarget", "timeSliceWindow",
                "indicator", "indicatorRef", "compositeWeight");
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
                .Add("sli", metrics is null ? null : OpenSloBudgeting.Sli(metrics, method, objective, path, shape, diagnostics))
                .Build();
        }
    }

    /// <summary>targetPercent as is; target (a ratio) in percent.</summary>
    private static SpecNode? Objective(SpecMapping objective) => objective["targetPercent"] ?? Percent(objective["target"]);

    /// <summary>An OpenSLO target, a ratio, in percent (0.999 → 99.9); anything but a number as written, for the schema to report.</summary>
    internal static SpecNode? Percent(SpecNode? target) =>
        target is SpecScalar ratioText && ScalarValue.Of(ratioText).Value is decimal or long
            && decimal.TryParse(ratioText.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
            ? SpecTreeBuilder.Plain(ratioText.Location, (ratio * 100m).ToString("0.############", CultureInfo.InvariantCulture))
            : target;
}
