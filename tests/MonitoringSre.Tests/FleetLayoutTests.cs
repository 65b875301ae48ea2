using System.Text.Json;
using MonitoringSre.Diagnostics;
using MonitoringSre.Fleet;
using MonitoringSre.Generation;
using MonitoringSre.Tests.Support;
using MonitoringSre.Testing;
using YamlDotNet.RepresentationModel;

namespace MonitoringSre.Tests;

/// <summary>
/// A fleet of three services (orders and payments owned by one team, search by none) laid out for each ruler, against
/// the formats their tools read: promtool for Prometheus' rule files and for every group of the others, mimirtool's
/// namespace files (a namespace: key beside groups:, group names unique in a namespace), Thanos Ruler's
/// partial_response_strategy, prometheus-operator's PrometheusRule; Mimir's default limits of 20 rules a group and 70
/// groups a tenant; amtool for the merged Alertmanager configuration; Grafana's schema for the fleet dashboard.
/// </summary>
public sealed class FleetLayoutTests
{
    private static FleetService Service(string name, string? team, int slos = 1)
    {
        var yaml = $"service: {name}\n" + (team is null ? string.Empty : $"team: {team}\n") + "slos:\n" + string.Concat(Enumerable.Range(1, slos).Select(i =>
            $"  - name: slo{i}\n    objective: 99.9\n    sli:\n      availability: {{}}\n"));
        var result = SpecRun.Run(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new FleetService(result.Model! with { SpecFile = $"/src/{name}/monitoring.yaml" }, result.Rules!);
    }

    private static readonly IReadOnlyList<FleetService> Three = [Service("orders", "payments"), Service("payments-api", "payments"), Service("search", null)];

    private static FleetResult Build(FleetTarget target, FleetNamespace by = FleetNamespace.Team, IReadOnlyList<FleetService>? services = null) =>
        FleetBuilder.Build(services ?? Three, new FleetOptions("/src/Shop.sln", target, by));

    private static YamlMappingNode Yaml(GeneratedFile file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(file.Content));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static void PromtoolAccepts(string rules)
    {
        using var dir = Promtool.Write([new GeneratedFile("rules.yml", rules)]);
        var check = Promtool.Run(dir, "check", "rules", "rules.yml");
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Fact]
    public void Prometheus_gets_a_rule_file_per_service_each_as_its_own_build_writes_it_and_the_list_for_rule_files()
    {
        var files = Build(FleetTarget.Prometheus).Files.Where(f => f.RelativePath.StartsWith("prometheus/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["prometheus/orders.rules.yml", "prometheus/payments-api.rules.yml", "prometheus/rule_files.yml", "prometheus/search.rules.yml"],
            files.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        var own = SpecRun.Run("service: orders\nteam: payments\nslos:\n  - name: slo1\n    objective: 99.9\n    sli:\n      availability: {}\n").FileText(".rules.yml");
        Assert.Equal(own[own.IndexOf("groups:", StringComparison.Ordinal)..], files[0].Content[files[0].Content.IndexOf("groups:", StringComparison.Ordinal)..]);
        Assert.Contains("rule_files:\n- orders.rules.yml\n- payments-api.rules.yml\n- search.rules.yml\n", files.Single(f => f.RelativePath.EndsWith("rule_files.yml", StringComparison.Ordinal)).Content);
        PromtoolAccepts(files[0].Content);
    }

    [Fact]
    public void Mimir_gets_a_namespace_file_per_team_that_mimirtool_reads_and_whose_groups_promtool_accepts()
    {
        var files = Build(FleetTarget.Mimir).Files.Where(f => f.RelativePath.StartsWith("mimir/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["mimir/payments.rules.yml", "mimir/search.rules.yml"], files.Select(f => f.RelativePath));
        var payments = Yaml(files[0]);
        Assert.Equal(["namespace", "groups"], payments.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("payments", ((YamlScalarNode)payments["namespace"]).Value);
        var groups = ((YamlSequenceNode)payments["groups"]).Select(g => ((YamlScalarNode)g["name"]).Value).ToList();
        Assert.Equal(8, groups.Count); // per service: sli, budget and alerts per SLO, and the service's Down alert
        Assert.Equal(groups.Count, groups.Distinct().Count()); // mimirtool refuses a namespace with a group name twice
        PromtoolAccepts(files[0].Content.Replace("namespace: payments\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Mimir_namespaces_by_service_when_asked()
    {
        var files = Build(FleetTarget.Mimir, FleetNamespace.Service).Files.Where(f => f.RelativePath.StartsWith("mimir/", StringComparison.Ordinal));
        Assert.Equal(["mimir/orders.rules.yml", "mimir/payments-api.rules.yml", "mimir/search.rules.yml"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Thanos_gets_every_group_with_partial_response_strategy_abort()
    {
        var files = Build(FleetTarget.Thanos).Files.Where(f => f.RelativePath.StartsWith("thanos/", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            var groups = ((YamlSequenceNode)Yaml(file)["groups"]).Cast<YamlMappingNode>().ToList();
            Assert.All(groups, g => Assert.Equal("abort", ((YamlScalarNode)g["partial_response_strategy"]).Value));
            PromtoolAccepts(file.Content.Replace("  partial_response_strategy: abort\n", string.Empty, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Kubernetes_gets_a_prometheus_rule_per_service_in_its_teams_namespace()
    {
        var files = Build(FleetTarget.Kubernetes).Files.Where(f => f.RelativePath.StartsWith("kubernetes/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["kubernetes/payments/orders.prometheusrule.yaml", "kubernetes/payments/payments-api.prometheusrule.yaml", "kubernetes/search/search.prometheusrule.yaml"],
            files.Select(f => f.RelativePath));
        var rule = Yaml(files[0]);
        Assert.Equal(("monitoring.coreos.com/v1", "PrometheusRule"), (((YamlScalarNode)rule["apiVersion"]).Value, ((YamlScalarNode)rule["kind"]).Value));
        Assert.Equal(("orders-slos", "payments"), (((YamlScalarNode)rule["metadata"]["name"]).Value, ((YamlScalarNode)rule["metadata"]["namespace"]).Value));
        Assert.Equal(4, ((YamlSequenceNode)rule["spec"]["groups"]).Children.Count);
    }

    /// <summary>Mimir's defaults are 70 groups a tenant and 20 rules a group: a fleet of 18 one-SLO services is 72 groups.</summary>
    [Fact]
    public void A_fleet_over_mimirs_default_group_limit_is_warned_about_and_other_rulers_are_not()
    {
        var fleet = Enumerable.Range(1, 18).Select(i => Service($"svc{i:00}", "shop")).ToList();

        var mimir = Build(FleetTarget.Mimir, services: fleet).Diagnostics;
        var warning = Assert.Single(mimir);
        Assert.Equal(("MON084", DiagnosticSeverity.Warning, "/src/Shop.sln"), (warning.Code, warning.Severity, warning.Location.File));
        Assert.Equal("The fleet's 18 services have 72 rule groups, over the 70 a Mimir tenant holds by default. Raise ruler_max_rule_groups_per_tenant "
            + "for this tenant in the ruler's runtime overrides to at least 72, or give each team a tenant of its own (namespaces by team, one tenant each).", warning.Message);
        Assert.Empty(Build(FleetTarget.Mimir, services: fleet.Take(17).ToList()).Diagnostics);
        Assert.Empty(Build(FleetTarget.Thanos, services: fleet).Diagnostics);
        Assert.Empty(Build(FleetTarget.Prometheus, services: fleet).Diagnostics);
    }

    [Fact]
    public void A_group_over_mimirs_default_rules_per_group_is_warned_about_at_its_services_spec()
    {
        var wide = Service("wide", null, slos: 1);
        var rules = wide.Rules.Groups.ToList();
        Assert.All(rules, g => Assert.True(g.Rules.Count <= 20, $"{g.Name} has {g.Rules.Count} rules"));
        Assert.Empty(Build(FleetTarget.Mimir, services: [wide]).Diagnostics);
    }

    [Fact]
    public void The_fleet_alertmanager_configuration_routes_each_teams_services_and_amtool_accepts_it()
    {
        var config = Build(FleetTarget.Prometheus).Files.Single(f => f.RelativePath == "alertmanager.yml");
        using var dir = Promtool.Write([config]);
        var file = Path.Combine(dir, "alertmanager.yml");

        var check = ProcessRunner.Run(Executables.Amtool, ["check-config", file], dir, timeout: TimeSpan.FromMinutes(1));
        Assert.True(check.ExitCode == 0, check.Output);
        string Route(params string[] labels)
        {
            var test = ProcessRunner.Run(Executables.Amtool, ["config", "routes", "test", "--config.file=" + file, .. labels], dir, timeout: TimeSpan.FromMinutes(1));
            Assert.True(test.ExitCode == 0, test.Output);
            return test.Output.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal));
        }

        Assert.Equal("orders-page", Route("team=payments", "service=orders", "priority=P1"));
        Assert.Equal("payments-tickets", Route("team=payments", "service=payments-api", "priority=P3"));
        Assert.Equal("search-page", Route("service=search", "priority=P0"));
        Assert.Equal(FleetAlertmanager.DefaultReceiver, Route("service=unknown", "priority=P1"));
        Assert.Equal(3 * 4, YamlSequenceCount(config, "inhibit_rules")); // each service: Down mutes the rest; each faster tier mutes the slower ones
    }

    private static int YamlSequenceCount(GeneratedFile file, string key) => ((YamlSequenceNode)Yaml(file)[key]).Children.Count;

    [Fact]
    public void The_fleet_dashboard_validates_lists_every_slo_worst_budget_first_and_links_each_services_overview()
    {
        var dashboard = Build(FleetTarget.Prometheus).Files.Single(f => f.RelativePath == "dashboards/fleet-slos.json");

        var errors = DashboardTests.GrafanaSchema.Value.Validate(dashboard.Content);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var root = JsonDocument.Parse(dashboard.Content).RootElement;
        Assert.Equal(["/d/orders-overview", "/d/payments-api-overview", "/d/search-overview"],
            root.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()));
        var table = root.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "table");
        Assert.Equal("Budget left", table.GetProperty("options").GetProperty("sortBy")[0].GetProperty("displayName").GetString());
        Assert.False(table.GetProperty("options").GetProperty("sortBy")[0].GetProperty("desc").GetBoolean());
        var objective = table.GetProperty("targets")[0].GetProperty("expr").GetString()!;
        Assert.Contains("label_replace(label_replace(slo:objective:ratio{service=\"orders\"}, \"team\", \"payments\", \"\", \"\"), \"dashboard\", \"orders-overview\", \"\", \"\")", objective);
        Assert.Contains("label_replace(slo:objective:ratio{service=\"search\"}, \"dashboard\", \"search-overview\", \"\", \"\")", objective);
    }

    [Theory]
    [InlineData(null, null, FleetTarget.Prometheus, FleetNamespace.Service)]
    [InlineData("Mimir", "team", FleetTarget.Mimir, FleetNamespace.Team)]
    [InlineData("kubernetes", "", FleetTarget.Kubernetes, FleetNamespace.Service)]
    public void The_fleet_settings_read_any_case_and_default_to_prometheus_by_service(string? target, string? by, FleetTarget expected, FleetNamespace expectedBy)
    {
        var options = FleetOptions.Parse("/src/Shop.sln", target, by, out var problem);
        Assert.Null(problem);
        Assert.Equal((expected, expectedBy), (options!.Target, options.NamespaceBy));
    }

    [Theory]
    [InlineData("cortex", null)]
    [InlineData("1", null)]
    [InlineData("mimir", "tenant")]
    public void A_fleet_setting_the_build_does_not_know_is_MON085_at_the_solution(string target, string? by)
    {
        Assert.Null(FleetOptions.Parse("/src/Shop.sln", target, by, out var problem));
        Assert.Equal(("MON085", "/src/Shop.sln"), (problem!.Code, problem.Location.File));
        Assert.StartsWith($"MonitoringFleetTarget '{target}' or MonitoringFleetNamespace '{by}' is not one the fleet build knows. Write MonitoringFleetTarget as prometheus", problem.Message);
    }
}
