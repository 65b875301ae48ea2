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
    /// A test written by hand, not by the generator: 100 requests a minute, all good for <paramref name="healthyMinutes"/>,
    /// then <paramref name="errorsPerMinute"/> of them failing; <paramref name="checkMinutes"/> after the errors begin the
    /// fast tier fires with this exact text (the slower tiers' burn rates are under their thresholds).
    /// </summary>
    private static string HandWrittenTest(int healthyMinutes, int errorsPerMinute, int checkMinutes, string summary, string description)
    {
        var end = healthyMinutes + checkMinutes + 5;
        var good = healthyMinutes * 100;
        return $$"""
            rule_files: [orders-api.rules.yml]
            evaluation_interval: 5m
            group_eval_order: [orders-api-availability-sli, orders-api-availability-budget, orders-api-availability-alerts]
            tests:
              - interval: 1m
                input_series:
                  - series: 'up{job="orders-api"}'
                    values: '1x{{end}}'
                  - series: 'http_server_request_duration_seconds_count{job="orders-api", http_response_status_code="200"}'
                    values: '0+100x{{healthyMinutes}} {{good + 100 - errorsPerMinute}}+{{100 - errorsPerMinute}}x{{checkMinutes + 4}}'
                  - series: 'http_server_request_duration_seconds_count{job="orders-api", http_response_status_code="500"}'
                    values: '0x{{healthyMinutes}} {{errorsPerMinute}}+{{errorsPerMinute}}x{{checkMinutes + 4}}'
                alert_rule_test:
                  - eval_time: {{healthyMinutes + checkMinutes}}m
                    alertname: OrdersApiAvailabilityBudgetBurn
                    exp_alerts:
                      - exp_labels: {severity: critical, priority: P1, service: orders-api, slo: availability, long_window: 1h, short_window: 5m}
                        exp_annotations:
                          summary: "{{summary}}"
                          description: "{{description}}"
            """;
    }

    /// <param name="left">
    /// When what is left of the budget is gone, worked out by hand. Rules are evaluated every 5 minutes, and the 5m rates
    /// count whole minutes of counters that start at 0, so after h healthy minutes and c minutes of e errors a minute
    /// (h and c multiples of 5) the period's error ratio is ec / (100(h + c)), and the burn rate over 1h is ec / 6000 /
    /// 0.001. The fast tier's condition first holds at c = 10 (16.7 > 14.4) and fires 5 minutes later. For h = 2400,
    /// c = 15, e = 10: 0.000621 of the requests failed, 37.89% of the budget is left, the burn rate is 25, and
    /// 0.378882 × 2592000 s / 25 = 39282.5 s. With no healthy minutes the period's ratio is the burn's own, 10%.
    /// </param>
    [Theory]
    [InlineData(2400, 10, 15, "25.0", "what is left of it is gone in 10h 54m 42s", "what is left of the budget is gone in 10h 54m 42s")]
    [InlineData(0, 10, 15, "100.0", null, null)]
    public void The_alert_says_the_measured_burn_rate_and_when_what_is_left_of_the_budget_is_gone(int healthyMinutes, int errorsPerMinute, int checkMinutes, string burn, string? left, string? leftOfBudget)
    {
        var result = SpecRun.Run(SpecRun.Minimal);
        using var dir = Promtool.Write(result.Files);
        var summary = $"orders-api availability is burning its 30d error budget {burn} times too fast; {(left is null ? "it is already spent" : "at this rate " + left)}.";
        var description = $"Over the last 1h orders-api availability spent its error budget {burn} times faster than the 30d period allows (6 failed events or more), "
            + $"and over the last 5m it still burns above 14.4 times, this tier's threshold, or has had no events. {(leftOfBudget is null ? "The period's budget is already spent" : "At this rate " + leftOfBudget)}. "
            + "Objective 99.9% over 30d: an error budget of 0.1% of requests.";
        File.WriteAllText(Path.Combine(dir, "alerts", "by-hand.test.yml"), HandWrittenTest(healthyMinutes, errorsPerMinute, checkMinutes, summary, description));

        var test = Promtool.Run(Path.Combine(dir, "alerts"), "test", "rules", "by-hand.test.yml");

        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Fact]
    public void Promtool_refuses_the_hand_written_test_when_the_text_is_wrong()
    {
        using var dir = Promtool.Write(SpecRun.Run(SpecRun.Minimal).Files);
        File.WriteAllText(Path.Combine(dir, "alerts", "by-hand.test.yml"), HandWrittenTest(0, 10, 15, "orders-api availability is burning its 30d error budget 14.4 times too fast.", "x"));
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
