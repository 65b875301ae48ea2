using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>What a chain of Sloth SLO plugins adds to the SLOs it applies to.</summary>
/// <param name="OverridePrevious">The chain replaces the chains before it (Sloth's defaults, the file's).</param>
internal sealed record SlothPluginEffects(SpecNode? EvaluationInterval, SpecMapping? InfoLabels, bool OverridePrevious)
{
    public static SlothPluginEffects None { get; } = new(null, null, false);

    /// <summary>These effects over <paramref name="earlier"/> (the file's chain under an SLO's): an SLO's own plugin wins.</summary>
    public SlothPluginEffects Over(SlothPluginEffects earlier) => OverridePrevious
        ? this
        : new(EvaluationInterval ?? earlier.EvaluationInterval, InfoLabels ?? earlier.InfoLabels, false);
}

/// <summary>
/// A Sloth plugin block (<c>slo_plugins</c>/<c>sloPlugins</c> of the file, <c>plugins</c> of an SLO): each plugin of its
/// chain is told apart by its id (<see cref="SlothPlugins"/>), said as native, mapped or refused where its id is written.
/// </summary>
internal static class SlothPluginImporter
{
    private const string InfoSeries = "slo:objective:ratio, slo:error_budget:ratio, slo:time_period:days";

    /// <param name="said">The ids of native plugins already said in this file: each is said once, where it first appears.</param>
    public static SlothPluginEffects Read(SpecNode? node, string path, ImportedShape shape, ISet<string> said, List<Diagnostic> diagnostics)
    {
        if (node is null)
        {
            return SlothPluginEffects.None;
        }

        if (node is not SpecMapping block)
        {
            shape.WrongType(node, path, "a mapping", "Write the plugins under chain:, one '- id: ...' each.");
            return SlothPluginEffects.None;
        }

        shape.Keys(block, path, "overridePrevious", "chain");
        var overridePrevious = block["overridePrevious"] is SpecScalar o && ScalarValue.Of(o).Value is true;
        SpecNode? interval = null;
        SpecMapping? infoLabels = null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var chain = shape.Seq(block, "chain", path + ".chain");
        for (var i = 0; i < chain.Count; i++)
        {
            var itemPath = path + ".chain[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (shape.Item(chain[i], itemPath) is not { } item)
            {
                continue;
            }

            shape.Keys(item, itemPath, "id", "priority", "config");
            if (item["id"] is not SpecScalar id)
            {
                shape.Missing(item, "id", itemPath, "Name the plugin, e.g. id: sloth.dev/contrib/rule_intervals/v1.");
                continue;
            }

            ids.Add(id.Value);
            var plugin = SlothPlugins.Find(id.Value);
            var config = item["config"] as SpecMapping;
            switch (plugin.Use)
            {
                case SlothPluginUse.Native when !said.Add(id.Value):
                    break;
                case SlothPluginUse.Native:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SlothPluginMapped, id.Location, id.Value, plugin.Says));
                    break;
                case SlothPluginUse.Refused:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SlothPluginRefused, id.Location, id.Value, plugin.Says, plugin.Help));
                    break;
                case SlothPluginUse.Mapped when id.Value == SlothPlugins.RuleIntervals:
                    interval = RuleInterval(config, item, itemPath, shape, diagnostics) ?? interval;
                    if (interval is SpecScalar every)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SlothPluginMapped, id.Location, id.Value, string.Format(CultureInfo.InvariantCulture, plugin.Says, every.Value)));
                    }

                    break;
                case SlothPluginUse.Mapped:
                    infoLabels = Labels(config, item, itemPath, shape, diagnostics) ?? infoLabels;
                    if (infoLabels is not null)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SlothPluginMapped, id.Location, id.Value, string.Format(CultureInfo.InvariantCulture, plugin.Says, InfoSeries)));
                    }

                    break;
            }
        }

        var missing = new[] { SlothPlugins.SliRules, SlothPlugins.MetadataRules, SlothPlugins.AlertRules }.Where(p => !ids.Contains(p)).ToList();
        if (overridePrevious && missing.Count > 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, block.Find("overridePrevious")!.Key.Location,
                $"A plugin chain with overridePrevious: true and without {string.Join(" and ", missing)} (Sloth would leave out what they write)",
                "MonitoringSre always writes the SLI recordings, the metadata and the alerts: list those core plugins in the chain, or remove overridePrevious."));
        }

        return new SlothPluginEffects(interval, infoLabels, overridePrevious);
    }

    /// <summary>rule_intervals' interval.default; other intervals must agree with it, as an SLO's groups share one interval here.</summary>
    private static SpecNode? RuleInterval(SpecMapping? config, SpecMapping item, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        var intervals = config is null ? null : shape.Map(config, "interval", path + ".config.interval");
        if (config is not null)
        {
            shape.Keys(config, path + ".config", "interval");
        }

        if (intervals?["default"] is not SpecScalar every)
        {
            shape.Missing(intervals ?? config ?? item, "default", path + ".config.interval", "Sloth's rule_intervals needs interval.default, e.g. default: 1m.");
            return null;
        }

        shape.Keys(intervals, path + ".config.interval", "default", "sliError", "metadata", "alert");
        foreach (var other in intervals.Entries.Where(e => e.Key.Value != "default" && e.Value is SpecScalar s && s.Value != every.Value))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, other.Key.Location,
                $"An interval for Sloth's {other.Key.Value} rules other than the default ({((SpecScalar)other.Value).Value}, not {every.Value})",
                "MonitoringSre evaluates all of an SLO's rule groups at one interval: keep only interval.default."));
        }

        return SpecTreeBuilder.Text(every.Location, every.Value);
    }

    /// <summary>info_labels' config.labels, as strings; another metricName than sloth_slo_info is refused.</summary>
    private static SpecMapping? Labels(SpecMapping? config, SpecMapping item, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (config is not null)
        {
            shape.Keys(config, path + ".config", "labels", "metricName");
            if (config["metricName"] is SpecScalar metric && metric.Value != "sloth_slo_info")
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, metric.Location, $"Labelling the series '{metric.Value}'",
                    $"MonitoringSre puts info labels on its SLO metadata series ({InfoSeries}): leave metricName out."));
            }
        }

        if ((config is null ? null : shape.Map(config, "labels", path + ".config.labels")) is not { Entries.Count: > 0 } labels)
        {
            shape.Missing(config ?? item, "labels", path + ".config", "Sloth's info_labels needs at least one label under config.labels.");
            return null;
        }

        return SlothLabels.AsStrings(labels) as SpecMapping;
    }
}
