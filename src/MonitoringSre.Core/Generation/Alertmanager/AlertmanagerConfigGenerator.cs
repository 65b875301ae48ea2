using MonitoringSre.Generation.Rules;
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
        var (route, receivers, inhibit) = AlertRoutingYaml.Build(AlertRouting.For(context.Model, context.Rules), operatorSpelling: false);
        var doc = new YMapBuilder()
            .Set("route", route, "Alerts of the service by priority (see the severity table of the incident plan); merge route.routes into yours.")
            .Set("receivers", receivers, "Add each receiver's integration (pagerduty_configs, slack_configs, webhook_configs, ...).")
            .Set("inhibit_rules", inhibit)
            .Build();
        yield return YamlText.WriteFile("alerts/" + context.Model.Service + ".alertmanager.yml", doc, PrometheusRulesGenerator.HeaderFor(context));
    }
}
