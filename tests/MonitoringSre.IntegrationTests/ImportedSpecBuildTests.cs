using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>A team's Sloth or OpenSLO file builds as it is, converts to monitoring.yaml, and can be imported by one.</summary>
public sealed class ImportedSpecBuildTests
{
    private const string Rules = "bin/Debug/net10.0/monitoring/alerts/svc01.rules.yml";

    [Fact]
    public void Sloths_golden_input_as_monitoring_yaml_builds_and_MonitoringConvert_round_trips_it()
    {
        using var project = TestProject.Web(nameof(Sloths_golden_input_as_monitoring_yaml_builds_and_MonitoringConvert_round_trips_it))
            .WithSpec(File.ReadAllText(Repo.TestData("sloth", "in-base.yaml")));
        project.AddPackage();

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: svc01: 2 SLOs -> 7 alert rules", build.Output);
        var original = File.ReadAllText(project.Output(Rules));
        var test = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/svc01.rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.ToString());

        var convert = project.Build("-t:MonitoringConvert", "-p:MonitoringPeriod=30d");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Contains("MonitoringConvert: monitoring.yaml (Sloth prometheus/v1) -> " + project.Output("monitoring.converted.yaml"), convert.Output);
        var converted = File.ReadAllText(project.Output("monitoring.converted.yaml"));
        Assert.DoesNotContain("version:", converted);
        Assert.Contains("pageAlert:", converted);

        var rebuilt = project.Build("-p:MonitoringSpecFile=monitoring.converted.yaml");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal(Body(original), Body(File.ReadAllText(project.Output(Rules))));
    }

    [Fact]
    public void A_monitoring_yaml_that_imports_a_sloth_file_takes_its_slos_and_rebuilds_when_only_that_file_changes()
    {
        using var project = TestProject.Web(nameof(A_monitoring_yaml_that_imports_a_sloth_file_takes_its_slos_and_rebuilds_when_only_that_file_changes))
            .WithSpec("import: slos/svc01.sloth.yaml\nperiod: 28d\nteam: payments\nrunbooks: https://runbooks.example.com/svc01\n");
        Directory.CreateDirectory(project.Output("slos"));
        var sloth = project.Output("slos/svc01.sloth.yaml");
        File.WriteAllText(sloth, File.ReadAllText(Repo.TestData("sloth", "in-base.yaml")));
        project.AddPackage();

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var rules = File.ReadAllText(project.Output(Rules));
        Assert.Contains("vector(28)", rules);
        Assert.Contains("team: payments", rules);
        Assert.Contains("runbook_url: https://runbooks.example.com/svc01/myServiceAlert", rules);

        // Only the imported file changes: generation must notice.
        File.WriteAllText(sloth, File.ReadAllText(sloth).Edit("objective: 99.9", "objective: 99.5"));
        var again = project.Build();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("vector(0.005)", File.ReadAllText(project.Output(Rules)));

        // An error in the imported file is reported at its line there, beside what the build says of a Sloth plugin.
        File.WriteAllText(sloth, File.ReadAllText(sloth).Edit("objective: 99.5", "objective: 99.5\n    target: 1")
            + "slo_plugins:\n  chain:\n    - id: sloth.dev/core/debug/v1\n");
        var broken = project.Build();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(sloth + "(8,5): error MON060: Unknown key 'target' in slos[0] of a Sloth prometheus/v1 spec", broken.Output);
        Assert.Contains("MON088: The Sloth SLO plugin 'sloth.dev/core/debug/v1' only logs the SLO", broken.Output);
        Assert.DoesNotContain("warning MON088", broken.Output);
        Assert.DoesNotContain("MSB4018", broken.Output);
    }

    [Fact]
    public void An_openslo_file_named_by_MonitoringSpecFile_builds_for_the_service_MonitoringService_chooses()
    {
        const string OpenSlo = """
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: availability
            spec:
              service: checkout
              indicator:
                metadata:
                  name: checkout-errors
                spec:
                  ratioMetric:
                    counter: true
                    bad:
                      metricSource:
                        type: Prometheus
                        spec:
                          query: http_requests_total{job="checkout",code=~"5.."}
                    total:
                      metricSource:
                        type: Prometheus
                        spec:
                          query: http_requests_total{job="checkout"}
              timeWindow:
                - duration: 28d
                  isRolling: true
              budgetingMethod: Occurrences
              objectives:
                - target: 0.995
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: refunds
            spec:
              service: refunds
              indicatorRef: missing-is-fine-when-not-chosen
              budgetingMethod: Occurrences
              objectives:
                - target: 0.99
            """;
        using var project = TestProject.Web(nameof(An_openslo_file_named_by_MonitoringSpecFile_builds_for_the_service_MonitoringService_chooses));
        Directory.CreateDirectory(project.Output("slos"));
        File.WriteAllText(project.Output("slos/openslo.yaml"), OpenSlo);
        project.AddPackage();

        var unchosen = project.Build("-p:MonitoringSpecFile=slos/openslo.yaml");
        Assert.NotEqual(0, unchosen.ExitCode);
        Assert.Contains(project.Output("slos/openslo.yaml") + "(35,12): error MON065: The OpenSLO file holds SLOs of 2 services (checkout, refunds)", unchosen.Output);

        var build = project.Build("-p:MonitoringSpecFile=slos/openslo.yaml", "-p:MonitoringService=checkout");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: checkout: 1 SLO -> 6 alert rules", build.Output);
        var rules = File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/alerts/checkout.rules.yml"));
        Assert.Contains("vector(28)", rules);
        Assert.Contains("sum(rate(http_requests_total{job=\"checkout\"}[5m]))", rules);
        var test = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/checkout.rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.ToString());
    }

    /// <summary>The rules without the header comment, which names the spec file.</summary>
    private static string Body(string rules) => string.Join('\n', rules.Split('\n').SkipWhile(l => l.StartsWith('#')));
}
