using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// A Sloth spec (<c>prometheus/v1</c>, or the <c>PrometheusServiceLevel</c> resource, whose keys are camelCase) as the
/// monitoring.yaml tree it stands for: events → sli.ratio, raw → sli.raw, page_alert/ticket_alert → alerting.page,
/// ticket, pageAlert and ticketAlert. Sloth's <c>{{.window}}</c> is read as is.
/// </summary>
internal static class SlothImporter
{
    private static readonly Names Plain = new("error_query", "total_query", "error_ratio_query", "page_alert", "ticket_alert");
    private static readonly Names Resource = new("errorQuery", "totalQuery", "errorRatioQuery", "pageAlert", "ticketAlert");

    public static SpecMapping Translate(SpecMapping root, SpecFormat format, List<Diagnostic> diagnostics)
    {
        var shape = new ImportedShape(SpecFormats.Described(format), diagnostics);
        var names = format == SpecFormat.SlothKubernetes ? Resource : Plain;
        var body = root;
        var prefix = string.Empty;
        if (format == SpecFormat.SlothKubernetes)
        {
            shape.Keys(root, "the document", "apiVersion", "kind", "metadata", "spec");
            if (root["kind"] is SpecScalar kind && kind.Value != "PrometheusServiceLevel")
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, kind.Location, $"A {SpecFormats.SlothApiVersion} resource of kind '{kind.Value}'",
                    "Only kind: PrometheusServiceLevel holds SLOs."));
            }

            body = shape.Map(root, "spec", "spec") ?? new SpecMapping(root.Location, []);
            if (root["spec"] is null)
            {
                shape.Missing(root, "spec", "the document", "A PrometheusServiceLevel holds its service and SLOs under spec.");
            }

            prefix = "spec.";
            shape.Keys(body, "spec", "service", "labels", "slos");
        }
        else
        {
            shape.Keys(root, "the document", "version", "service", "labels", "slos");
        }

        var slos = new List<SpecNode>();
        var items = shape.Seq(body, "slos", prefix + "slos");
        for (var i = 0; i < items.Count; i++)
        {
            var path = prefix + "slos[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (shape.Item(items[i], path) is { } slo)
            {
                slos.Add(Slo(slo, path, names, shape, diagnostics));
            }
        }

        var tree = new SpecTreeBuilder(body.Location).Add("service", body["service"]).Add("labels", body["labels"]);
        if (body["slos"] is SpecSequence list)
        {
            tree.Add("slos", new SpecSequence(list.Location, slos));
        }

        return tree.Build();
    }

    private static SpecMapping Slo(SpecMapping slo, string path, Names names, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        shape.Keys(slo, path, "name", "objective", "description", "labels", "sli", "alerting");
        var tree = new SpecTreeBuilder(slo.Location)
            .Add("name", slo["name"])
            .Add("description", slo["description"])
            .Add("objective", slo["objective"])
            .Add("labels", slo["labels"]);

        if (shape.Map(slo, "sli", path + ".sli") is { } sli)
        {
            tree.Add("sli", Sli(sli, path + ".sli", names, shape, diagnostics));
        }

        if (shape.Map(slo, "alerting", path + ".alerting") is { } alerting)
        {
            tree.Add("alerting", Alerting(alerting, path + ".alerting", names, shape));
        }

        return tree.Build();
    }

    private static SpecMapping Sli(SpecMapping sli, string path, Names names, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        shape.Keys(sli, path, "events", "raw", "plugin");
        var tree = new SpecTreeBuilder(sli.Location);
        if (shape.Map(sli, "events", path + ".events") is { } events)
        {
            shape.Keys(events, path + ".events", names.ErrorQuery, names.TotalQuery);
            tree.Add("ratio", new SpecTreeBuilder(events.Location).Add("errors", events[names.ErrorQuery]).Add("total", events[names.TotalQuery]).Build());
        }

        if (shape.Map(sli, "raw", path + ".raw") is { } raw)
        {
            shape.Keys(raw, path + ".raw", names.ErrorRatioQuery);
            tree.Add("raw", new SpecTreeBuilder(raw.Location).Add("errorRatio", raw[names.ErrorRatioQuery]).Build());
        }

        if (sli["plugin"] is { } plugin)
        {
            var id = (plugin as SpecMapping)?["id"] is SpecScalar s ? s.Value : "(no id)";
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SlothPlugin, plugin.Location, id));
        }

        return tree.Build();
    }

    private static SpecMapping Alerting(SpecMapping alerting, string path, Names names, ImportedShape shape)
    {
        shape.Keys(alerting, path, "name", "labels", "annotations", names.PageAlert, names.TicketAlert);
        var tree = new SpecTreeBuilder(alerting.Location)
            .Add("name", alerting["name"])
            .Add("labels", alerting["labels"])
            .Add("annotations", alerting["annotations"]);
        foreach (var (sloth, on, extras) in new[] { (names.PageAlert, "page", "pageAlert"), (names.TicketAlert, "ticket", "ticketAlert") })
        {
            if (shape.Map(alerting, sloth, path + "." + sloth) is not { } tier)
            {
                continue;
            }

            shape.Keys(tier, path + "." + sloth, "disable", "labels", "annotations");
            tree.Add(on, Enabled(tier["disable"], path + "." + sloth + ".disable", shape));
            tree.Add(extras, new SpecTreeBuilder(tier.Location).Add("labels", tier["labels"]).Add("annotations", tier["annotations"]));
        }

        return tree.Build();
    }

    /// <summary>Sloth's <c>disable: true</c> is our <c>page: false</c>.</summary>
    private static SpecNode? Enabled(SpecNode? disable, string path, ImportedShape shape)
    {
        if (disable is null)
        {
            return null;
        }

        if (disable is SpecScalar s && ScalarValue.Of(s).Value is bool b)
        {
            return SpecTreeBuilder.Plain(s.Location, b ? "false" : "true");
        }

        shape.WrongType(disable, path, "true or false", "Write disable: true to leave these alerts out.");
        return null;
    }

    private sealed record Names(string ErrorQuery, string TotalQuery, string ErrorRatioQuery, string PageAlert, string TicketAlert);
}
