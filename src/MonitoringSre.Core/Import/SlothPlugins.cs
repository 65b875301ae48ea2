namespace MonitoringSre.Import;

/// <summary>What becomes of a Sloth SLO plugin in a build.</summary>
internal enum SlothPluginUse
{
    /// <summary>MonitoringSre does what the plugin does, or the plugin changes no rule: nothing to carry over.</summary>
    Native,

    /// <summary>Its configuration becomes keys of the SLO (<see cref="SlothPluginImporter"/> reads it).</summary>
    Mapped,

    /// <summary>MonitoringSre cannot do what it does: a coded error says what it would have changed.</summary>
    Refused,
}

/// <param name="Says">For Native and Mapped, the rest of "The Sloth SLO plugin 'id' …"; for Refused, the rest of "… it would have …".</param>
/// <param name="Help">For Refused, what to write instead.</param>
internal sealed record SlothPlugin(string Id, SlothPluginUse Use, string Says, string Help = "");

/// <summary>
/// Sloth's own SLO plugins (sloth v0.16, internal/plugin/slo) by id, and what each one is here. The table is the one
/// place that knows them; docs/importing.md lists it.
/// </summary>
internal static class SlothPlugins
{
    public const string SliRules = "sloth.dev/core/sli_rules/v1";
    public const string MetadataRules = "sloth.dev/core/metadata_rules/v1";
    public const string AlertRules = "sloth.dev/core/alert_rules/v1";
    public const string RuleIntervals = "sloth.dev/contrib/rule_intervals/v1";
    public const string InfoLabels = "sloth.dev/contrib/info_labels/v1";

    public static IReadOnlyList<SlothPlugin> All { get; } =
    [
        new("sloth.dev/core/debug/v1", SlothPluginUse.Native, "only logs the SLO while Sloth generates its rules: there is nothing to carry over"),
        new("sloth.dev/core/noop/v1", SlothPluginUse.Native, "changes nothing: there is nothing to carry over"),
        new("sloth.dev/core/validate/v1", SlothPluginUse.Native, "validates the SLO, as MonitoringSre validates every spec it builds"),
        new(SliRules, SlothPluginUse.Native, "writes the SLI's error ratios over the alert windows, which MonitoringSre writes itself (slo:sli_error:ratio_rate5m to _rate3d)"),
        new(MetadataRules, SlothPluginUse.Native, "writes the SLO's objective, budget and burn-rate series, which MonitoringSre writes itself (slo:objective:ratio, slo:period_error_budget_remaining:ratio and the others)"),
        new(AlertRules, SlothPluginUse.Native, "writes the multi-window, multi-burn-rate page and ticket alerts, which MonitoringSre writes itself (P1 and P2 page, P3 tickets)"),
        new("sloth.dev/contrib/denominator_corrected_rules/v1", SlothPluginUse.Native,
            "corrects the error ratio of windows with little traffic; MonitoringSre keeps low traffic from paging its own way, and it is on for this SLO: a burn-rate alert fires only once its long window holds alerting.minFailedEvents failed events (6 unless set). The two differ: Sloth scales a window's ratio by that window's share of the period's traffic, the floor keeps the ratio and counts the failures"),
        new(RuleIntervals, SlothPluginUse.Mapped, "sets how often the SLO's rule groups are evaluated: mapped to evaluationInterval: {0}"),
        new(InfoLabels, SlothPluginUse.Mapped, "labels Sloth's sloth_slo_info series: mapped to infoLabels, which label this SLO's metadata series ({0})"),
        new("sloth.dev/contrib/validate_victoria_metrics/v1", SlothPluginUse.Refused,
            "checked the queries as VictoriaMetrics' MetricsQL instead of PromQL; MonitoringSre writes rules for Prometheus and checks every query as Prometheus reads it",
            "Write the queries in PromQL and remove the plugin, or keep generating this file's rules with Sloth for VictoriaMetrics."),
        new("sloth.dev/contrib/error_budget_exhausted_alert/v1", SlothPluginUse.Refused,
            "added an alert (ErrorBudgetExhausted by default) that fires once the period's error budget is spent",
            "Remove the plugin: MonitoringSre's burn-rate alerts page well before the budget is spent, and its release gate (MonitoringBudgetGate) stops releases once it is; a rule file of your own can hold the alert on slo:period_error_budget_remaining:ratio <= 0."),
        new("sloth.dev/contrib/remove_labels/v1", SlothPluginUse.Refused,
            "removed the SLO's labels from its recording rules",
            "Remove the plugin: MonitoringSre's recordings carry the labels the spec gives them; move labels that only alerts should carry under alerting.labels."),
    ];

    /// <summary>The plugin of <paramref name="id"/>; an id Sloth does not ship is refused.</summary>
    public static SlothPlugin Find(string id) => All.FirstOrDefault(p => p.Id == id)
        ?? new SlothPlugin(id, SlothPluginUse.Refused,
            "changed the rules Sloth generates for the SLO, in a way MonitoringSre cannot know: it is none of Sloth's own plugins",
            "Remove it from the chain and write what it adds in monitoring.yaml (labels, alerting), or keep generating this file's rules with Sloth.");
}
