using MonitoringSre.Generation;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// From page to action: the alert text states the measured burn rate and when the budget is gone at that rate; one
/// priority table decides severity, the slo.md and incident plan wording, and the Alertmanager route; Alertmanager's
/// own tools accept the generated configuration and route each priority where the policy says.
/// </summary>
public sealed class AlertPolicyTests
{
    /// <summary>
    /// A test written by hand, not by the generator: `errorsPerMinute` of 100 requests a minute fail, and after 10 minutes
    /// the fast tier fires with this exact text (the slower tiers' `for` has not passed yet).
    /// </summary>
    private static string HandWrittenTest(string errorsPerMinute, string goodPerMinute, string summary, string description) => $$"""
        rule_files: [orders-api.rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="orders-api"}'
                values: '1x30'
              - series: 'http_server_request_duration_seconds_count{job="orders-api", http_response_status_code="200"}'
                values: '0+{{goodPerMinute}}x30'
              - series: 'http_server_request_duration_seconds_count{job="orders-api", http_response_status_code="500"}'
                values: '0+{{errorsPerMinute}}x30'
            alert_rule_test:
              - eval_time: 10m
                alertname: OrdersApiAvailabilityBudgetBurn
                exp_alerts:
                  - exp_labels: {severity: critical, priority: P1, service: orders-api, slo: availability, long_window: 1h, short_window: 5m}
                    exp_annotations:
                      summary: "{{summary}}"
                      description: "{{description}}"
        """;

    [Theory]
    [InlineData("10", "90", "100.0", "7h 12m 0s")]
    [InlineData("2.5", "97.5", "25.0", "1d 4h 48m 0s")]
    public void The_alert_says_the_measured_burn_rate_and_when_the_budget_is_gone_at_that_rate(string errorsPerMinute, string goodPerMinute, string burn, string left)
    {
        var result = SpecRun.Run(SpecRun.Minimal);
        using var dir = Promtool.Write(result.Files);
        var summary = $"orders-api availability is burning its 30d error budget {burn} times too fast; at this rate it is gone in {left}.";
        var description = $"Over the last 1h orders-api availability spent its error budget {burn} times faster than the 30d period allows, "
            + $"and over the last 5m it still burns above 14.4 times, this tier's threshold. At this rate the whole budget is spent in {left}. "
            + "Objective 99.9% over 30d: an error budget of 0.1% of requests.";
        File.WriteAllText(Path.Combine(dir, "alerts", "by-hand.test.yml"), HandWrittenTest(errorsPerMinute, goodPerMinute, summary, description));

        var test = Promtool.Run(Path.Combine(dir, "alerts"), "test", "rules", "by-hand.test.yml");

        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Fact]
    public void Promtool_refuses_the_hand_written_test_when_the_text_is_wrong()
    {
        using var dir = Promtool.Write(SpecRun.Run(SpecRun.Minimal).Files);
        File.WriteAllText(Path.Combine(dir, "alerts", "by-hand.test.yml"), HandWrittenTest("10", "90", "orders-api availability is burning its 30d error budget 14.4 times too fast.", "x"));
        Assert.NotEqual(0, Promtool.Run(Path.Combine(dir, "alerts"), "test", "rules", "by-hand.test.yml").ExitCode);
    }

    private static ProcessResult Amtool(string workingDirectory, params string[] args) =>
        ProcessRunner.Run(Executables.Amtool, args, workingDirectory, timeout: TimeSpan.FromMinutes(1));

    private static string RouteOf(string config, string priority, string alert = "OrdersApiAvailabilityBudgetBurn")
    {
        var (exit, output) = Amtool(Path.GetDirectoryName(config)!, "config", "routes", "test", "--config.file=" + config, "service=orders-api", "priority=" + priority, "alertname=" + alert);
        Assert.True(exit == 0, output);
        return output.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Amtool_accepts_the_alertmanager_configuration_and_routes_pages_and_tickets_by_priority()
    {
        var result = SpecRun.Contract();
        using var dir = Promtool.Write(result.Files);
        var config = Path.Combine(dir, "alerts", "orders-api.alertmanager.yml");

        var check = Amtool(dir, "check-config", config);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("SUCCESS", check.Output);
        Assert.Equal("payments-primary", RouteOf(config, "P0", "OrdersApiDown"));
        Assert.Equal("payments-primary", RouteOf(config, "P1"));
        Assert.Equal("payments-primary", RouteOf(config, "P2"));
        Assert.Equal("payments-tickets", RouteOf(config, "P3"));

        var text = File.ReadAllText(config);
        Assert.Contains("- 'alertname=\"OrdersApiDown\"'", text); // Down mutes the service's other alerts
        Assert.Contains("- 'long_window=~\"6h|1d|3d\"'", text); // the fast tier mutes the slower ones of the same SLO
        Assert.Contains("repeat_interval: \"15m\"", text); // P1's response time
    }

    [Fact]
    public void One_priority_table_decides_severity_docs_plan_and_route()
    {
        // The team decides P2 is a ticket: every output says so.
        var yaml = File.ReadAllText(Repo.ContractSpec).Edit("    - engineering-manager\n", "    - engineering-manager\n  paging: [P0, P1]\n");
        var result = SpecRun.Run(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

        var p2 = result.Rules!.Alerts.Where(a => a.Labels.Any(l => l.Name == "priority" && l.Value == "P2")).ToList();
        Assert.NotEmpty(p2);
        Assert.All(p2, a => Assert.Equal("warning", a.Labels.Single(l => l.Name == "severity").Value));
        Assert.Contains("| 15m | warning | P2 (ticket) |", result.FileText("docs/slo.md"));
        var plan = Generation.Docs.IncidentPlanDocument.Render(result.Model!);
        Assert.Contains("| P2 | Degraded: slower or partly failing for some users. | 1h | ticket to payments |", plan);
        Assert.Contains("P0, P1 pages go to **payments-primary**", plan);

        using var dir = Promtool.Write(result.Files);
        var config = Path.Combine(dir, "alerts", "orders-api.alertmanager.yml");
        Assert.Equal("payments-primary", RouteOf(config, "P1"));
        Assert.Equal("payments-tickets", RouteOf(config, "P2"));

        // And by default P2 pages, everywhere.
        var defaults = SpecRun.Contract();
        Assert.Contains("| 15m | critical | P2 (page) |", defaults.FileText("docs/slo.md"));
        Assert.Contains("| P2 | Degraded: slower or partly failing for some users. | 1h | payments-primary (page) |", Generation.Docs.IncidentPlanDocument.Render(defaults.Model!));
    }

    [Fact]
    public void With_kubernetes_an_AlertmanagerConfig_carries_the_same_routes()
    {
        var crd = SpecRun.Contract(kubernetes: true).FileText("orders-api.alertmanagerconfig.yaml");
        Assert.Contains("apiVersion: monitoring.coreos.com/v1alpha1", crd);
        Assert.Contains("kind: AlertmanagerConfig", crd);
        Assert.Contains("matchType: \"=~\"", crd);
        Assert.Contains("repeatInterval: \"15m\"", crd);
    }
}
