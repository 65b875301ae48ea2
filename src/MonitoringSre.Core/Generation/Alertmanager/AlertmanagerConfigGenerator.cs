using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Generation.Alertmanager;

/// <summary>
/// alerts/&lt;service&gt;.alertmanager.yml: an Alertmanager configuration that `amtool check-config` accepts on its own;
/// its route (under `route.routes`), receivers and inhibit rules are what a team merges into its global configuration,
/// adding the receivers' integrations (PagerDuty, Slack, ...).
/// </summary>
public sealed class AlertmanagerConfigGenerator : IOutputGenerator
{
    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var routing = AlertRouting.For(context.Model, context.Rules);
        var doc = new YMapBuilder()
            .Set("route", new YMapBuilder()
                .Set("receiver", routing.TicketReceiver)
                .Set("group_by", new YSeq(routing.GroupBy.Select(g => (YNode)g).ToArray()))
                .Set("routes", new YSeq(routing.Routes.Select(r => (YNode)new YMapBuilder()
                    .Set("receiver", r.Receiver)
                    .Set("matchers", Matchers(r.Matchers))
                    .Set("group_wait", r.GroupWait)
                    .Set("group_interval", r.GroupInterval)
                    .Set("repeat_interval", r.RepeatInterval)
                    .Build()).ToArray()))
                .Build(), "Alerts of the service by priority (see the severity table of the incident plan); merge route.routes into yours.")
            .Set("receivers", new YSeq(new[] { routing.PageReceiver, routing.TicketReceiver }.Distinct()
                .Select(r => (YNode)new YMapBuilder().Set("name", r).Build()).ToArray()), "Add each receiver's integration (pagerduty_configs, slack_configs, webhook_configs, ...).")
            .Set("inhibit_rules", new YSeq(routing.Inhibitions.Select(i => (YNode)new YMapBuilder()
                .Set("source_matchers", Matchers(i.Source))
                .Set("target_matchers", Matchers(i.Target))
                .Set("equal", new YSeq(i.Equal.Select(e => (YNode)e).ToArray()))
                .Build()).ToArray()))
            .Build();
        yield return new GeneratedFile("alerts/" + context.Model.Service + ".alertmanager.yml", YamlText.Write(doc, PrometheusRulesGenerator.HeaderFor(context)));
    }

    private static YSeq Matchers(IReadOnlyList<AmMatcher> matchers) => new(matchers.Select(m => (YNode)m.ToString()).ToArray());
}
