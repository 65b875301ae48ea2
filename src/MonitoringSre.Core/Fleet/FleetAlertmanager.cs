using MonitoringSre.Generation;
using MonitoringSre.Generation.Alertmanager;
using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Fleet;

/// <summary>
/// alertmanager.yml for the whole fleet: a route per team (or per service that names none) holding its services'
/// routes by priority, each service's receivers once, and every service's inhibit rules. What each service's build
/// writes beside its rules, merged, so that `amtool check-config` accepts the fleet's as it accepts each one's.
/// </summary>
public static class FleetAlertmanager
{
    public const string DefaultReceiver = "fleet-unrouted";

    public static GeneratedFile Generate(IReadOnlyList<FleetService> services, string header)
    {
        var routings = services.Select(s => (Service: s, Yaml: AlertRoutingYaml.Build(AlertRouting.For(s.Model, s.Rules), operatorSpelling: false))).ToList();
        var teams = new List<YNode>();
        foreach (var owner in routings.GroupBy(r => r.Service.Model.Team ?? "\0" + r.Service.Model.Service, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // A team's alerts carry its team label; a service without a team is matched by its service label.
            var first = owner.First().Service.Model;
            var matcher = first.Team is { } team ? "team=" + PromQl.Quote(team) : "service=" + PromQl.Quote(first.Service);
            teams.Add(new YMapBuilder()
                .Set("receiver", ((YScalar)Get(owner.First().Yaml.Route, "receiver")).Value)
                .Set("matchers", new YSeq((YNode)matcher))
                .Set("routes", new YSeq([.. owner.SelectMany(r => ((YSeq)Get(r.Yaml.Route, "routes")).Items)]))
                .Build());
        }

        var receivers = routings.SelectMany(r => r.Yaml.Receivers.Items)
            .Append(new YMapBuilder().Set("name", DefaultReceiver).Build())
            .DistinctBy(r => ((YScalar)Get((YMap)r, "name")).Value, StringComparer.Ordinal)
            .ToArray();
        var doc = new YMapBuilder()
            .Set("route", new YMapBuilder()
                .Set("receiver", DefaultReceiver)
                .Set("group_by", new YSeq("alertname", "service", "slo"))
                .Set("routes", new YSeq([.. teams]))
                .Build(), "Each team's services by priority; an alert no service claims goes to fleet-unrouted.")
            .Set("receivers", new YSeq(receivers), "Add each receiver's integration (pagerduty_configs, slack_configs, webhook_configs, ...).")
            .Set("inhibit_rules", new YSeq([.. routings.SelectMany(r => r.Yaml.InhibitRules.Items)]))
            .Build();
        return YamlText.WriteFile("alertmanager.yml", doc, header);
    }

    private static YNode Get(YMap map, string key) => map.Entries.First(e => e.Key == key).Value;
}
