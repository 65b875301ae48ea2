using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class ContractSpecBuildTests
{
    [Fact]
    public void Contract_spec_builds_rules_and_tests_that_promtool_accepts_and_passes()
    {
        using var project = TestProject.Web(nameof(Contract_spec_builds_rules_and_tests_that_promtool_accepts_and_passes)).WithContractSpec();
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: orders-api: 3 SLOs -> 16 alert rules -> bin/Debug/net10.0/monitoring/alerts/", build.Output);
        // The contract's runbooks folder has no web base outside a repository: the one warning says how to set one.
        Assert.Single(Regex.Matches(build.Output, @"warning MON\d{3}").Select(m => m.Value).Distinct(), "warning MON044");
        var rules = project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.rules.yml");
        var tests = project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.rules.test.yml");
        Assert.True(File.Exists(rules) && File.Exists(tests), build.Output);
        Assert.False(File.Exists(project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.prometheusrule.yaml")));

        var check = Promtool.CheckRules(rules);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("SUCCESS: 64 rules found", check.Output);
        var run = Promtool.TestRules(tests);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SUCCESS", run.Output);

        var slo = File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/docs/slo.md"));
        Assert.Contains("| availability | 99.9% | 0.001 | 43.2 min | 1000 |", slo);
    }

    [Fact]
    public void Kubernetes_property_adds_a_PrometheusRule_and_publish_and_clean_follow_the_outputs()
    {
        using var project = TestProject.Web(nameof(Kubernetes_property_adds_a_PrometheusRule_and_publish_and_clean_follow_the_outputs)).WithContractSpec();
        project.AddPackage();
        Assert.Equal(0, project.Build().ExitCode);

        // Changing a property alone must regenerate: the settings are an input of generation.
        var build = project.Build("-p:MonitoringKubernetes=true");
        Assert.True(build.ExitCode == 0, build.ToString());
        var crd = project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.prometheusrule.yaml");
        Assert.True(File.Exists(crd), build.Output);
        var text = File.ReadAllText(crd);
        Assert.Contains("apiVersion: monitoring.coreos.com/v1", text);
        Assert.Contains("kind: PrometheusRule", text);
        Assert.Contains("alert: OrdersApiCheckoutBudgetBurn", text);

        var publishDir = Path.Combine(project.Root, "publish");
        var publish = project.Dotnet("publish", project.ProjectFile, "-c", "Debug", "-o", publishDir, "-p:MonitoringKubernetes=true");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(File.Exists(Path.Combine(publishDir, "monitoring/alerts/orders-api.rules.yml")), publish.Output);
        Assert.True(File.Exists(Path.Combine(publishDir, "monitoring/alerts/orders-api.rules.test.yml")), publish.Output);
        Assert.Equal(File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.json")), File.ReadAllText(Path.Combine(publishDir, "monitoring/gate.json")));

        var clean = project.Dotnet("clean", project.ProjectFile, "-p:MonitoringKubernetes=true");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(project.Output("bin/Debug/net10.0/monitoring")));
        Assert.False(Directory.Exists(project.Output("obj/monitoring")));
    }

    [Fact]
    public void Minimal_spec_with_one_slo_builds_in_a_console_project()
    {
        using var project = TestProject.Console(nameof(Minimal_spec_with_one_slo_builds_in_a_console_project)).WithSpec("""
            service: billing
            slos:
              - name: availability
                objective: 99.5
                sli:
                  availability: {}
            """);
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: billing: 1 SLO -> 6 alert rules -> bin/Debug/net10.0/monitoring/alerts/", build.Output);
        var rules = project.Output("bin/Debug/net10.0/monitoring/alerts/billing.rules.yml");
        Assert.Contains("SUCCESS: 22 rules found", Promtool.CheckRules(rules).Output);
        var run = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/billing.rules.test.yml"));
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
