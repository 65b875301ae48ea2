using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// A Sloth spec (<c>prometheus/v1</c>, or the <c>PrometheusServiceLevel</c> resource, whose keys are camelCase) as the
/// monitoring.yaml tree it stands for: events → sli.ratio, raw → sli.raw, page_alert/ticket_alert → alerting.page,
/// ticket, pageAlert and ticketAlert, SLO plugins by their ids (<see cref="SlothPluginImporter"/>). Sloth's
/// <c>{{.window}}</c> is read as is, and labels and annotations as strings whatever they look like, as Sloth reads them.
/// </summary>
internal static class SlothImporter
{
    private static readonly Names Plain = new("error_query", "total_query", "error_ratio_query", "page_alert", "ticket_alert", "slo_plugins");
    private static readonly Names Resource = new("errorQuery", "totalQuery", "errorRatioQuery", "pageAlert", "ticketAlert", "sloPlugins");

    /// <summary>
    /// The file's documents (a Sloth file may hold several services, or one service's SLOs in several groups) as the
    /// spec of one service: the only one, or the one MonitoringService names. Each group's labels go on its own SLOs.
    /// </summary>
    public static SpecMapping Translate(SpecDocument document, ImportOptions options, List<Diagnostic> diagnostics)
    {
        var groups = new List<Group>();
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in document.More.Prepend(document.Root))
        {
            var format = SpecFormats.Recognize(doc, out var unsupported);
            if (unsupported is not null)
            {
                diagnostics.Add(unsupported);
            }
            else if (format is not (SpecFormat.Sloth or SpecFormat.SlothKubernetes))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, doc.Location, $"{SpecFormats.Described(format)} in a Sloth file",
                    "Keep one format per file: every document of a Sloth file starts with version: prometheus/v1 or apiVersion: sloth.slok.dev/v1."));
            }
            else
            {
                groups.Add(Read(doc, format, said, diagnostics));
            }
        }

        var services = groups.Select(g => g.Service).OfType<SpecScalar>().ToList();
        var service = ServiceChoice.Choose(services, options, "Sloth", diagnostics);
        var chosen = groups.Count == 1 ? groups : groups.Where(g => service is not null && (g.Service as SpecScalar)?.Value == service.Value).ToList();
        if (chosen.Count == 0)
        {
            return new SpecTreeBuilder(document.Root.Location).Build();
        }

        var first = chosen[0];
        var tree = new SpecTreeBuilder(first.Body.Location).Add("service", chosen.Count == 1 ? first.Service : service);
        if (chosen.Count == 1)
        {
            tree.Add("labels", first.Labels).Add("slos", first.Slos);
        }
        else
        {
            // Groups of one service may label their SLOs differently: each group's labels go on its own SLOs.
            var slos = chosen.SelectMany(g => g.Slos?.Items.OfType<SpecMapping>().Select(slo => WithLabels(slo, g.Labels)) ?? []).ToList<SpecNode>();
            tree.Add("slos", new SpecSequence(first.Body.Location, slos));
        }

        return tree.Build();
    }

    /// <summary>One document: its service, labels and translated SLOs.</summary>
    private static Group Read(SpecMapping root, SpecFormat format, ISet<string> said, List<Diagnostic> diagnostics)
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
            shape.Keys(body, "spec", "service", "labels", "sloPlugins", "slos");
        }
        else
        {
            shape.Keys(root, "the document", "version", "service", "labels", "slo_plugins", "slos");
        }

        var filePlugins = SlothPluginImporter.Read(body[names.SloPlugins], prefix + names.SloPlugins, shape, said, diagnostics);
        var slos = new List<SpecNode>();
        var items = shape.Seq(body, "slos", prefix + "slos");
        for (var i = 0; i < items.Count; i++)
        {
            var path = prefix + "slos[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (shape.Item(items[i], path) is { } slo)
            {
                slos.Add(Slo(slo, path, names, filePlugins, shape, said, diagnostics));
            }
        }

        var list = body["slos"] is SpecSequence seq ? new SpecSequence(seq.Location, slos) : null;
        return new Group(body, body["service"], SlothLabels.AsStrings(body["labels"]), list);
    }

    /// <summary>The SLO with its group's labels under its own (its own win).</summary>
    private static SpecMapping WithLabels(SpecMapping slo, SpecNode? groupLabels)
    {
        if (groupLabels is not SpecMapping group || group.Entries.Count == 0)
        {
            return slo;
        }

        var own = slo["labels"] as SpecMapping;
        var merged = group.Entries.Where(e => own?.Find(e.Key.Value) is null).Concat(own?.Entries ?? []).ToList();
        var entries = slo.Entries.Where(e => e.Key.Value != "labels").Append(new SpecEntry(SpecTreeBuilder.Plain(group.Location, "labels"), new SpecMapping(group.Location, merged)));
        return new SpecMapping(slo.Location, entries.ToList());
    }

    private static SpecMapping Slo(SpecMapping slo, string path, Names names, SlothPluginEffects filePlugins, ImportedShape shape, ISet<string> said, List<Diagnostic> diagnostics)
    {
        shape.Keys(slo, path, "name", "objective", "description", "labels", "plugins", "sli", "alerting");
        var plugins = SlothPluginImporter.Read(slo["plugins"], path + ".plugins", shape, said, diagnostics).Over(filePlugins);
        var tree = new SpecTreeBuilder(slo.Location)
            .Add("name", slo["name"])
            .Add("description", slo["description"])
            .Add("objective", slo["objective"])
            .Add("labels", SlothLabels.AsStrings(slo["labels"]))
            .Add("infoLabels", plugins.InfoLabels)
            .Add("evaluationInterval", plugins.EvaluationInterval);

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
            .Add("labels", SlothLabels.AsStrings(alerting["labels"]))
            .Add("annotations", SlothLabels.AsStrings(alerting["annotations"]));
        foreach (var (sloth, on, extras) in new[] { (names.PageAlert, "page", "pageAlert"), (names.TicketAlert, "ticket", "ticketAlert") })
        {
            if (shape.Map(alerting, sloth, path + "." + sloth) is not { } tier)
            {
                continue;
            }

            shape.Keys(tier, path + "." + sloth, "disable", "labels", "annotations");
            tree.Add(on, Enabled(tier["disable"], path + "." + sloth + ".disable", shape));
            tree.Add(extras, new SpecTreeBuilder(tier.Location).Add("labels", SlothLabels.AsStrings(tier["labels"])).Add("annotations", SlothLabels.AsStrings(tier["annotations"])));
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

    private sealed record Names(string ErrorQuery, string TotalQuery, string ErrorRatioQuery, string PageAlert, string TicketAlert, string SloPlugins);

    /// <param name="Body">The mapping that holds service, labels and slos (the resource's spec).</param>
    private sealed record Group(SpecMapping Body, SpecNode? Service, SpecNode? Labels, SpecSequence? Slos);
}
