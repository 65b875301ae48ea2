using MonitoringSre.Generation.Yaml;
using MonitoringSre.Tests.Support;
using static MonitoringSre.Tests.Support.TestSpec;

namespace MonitoringSre.Tests;

/// <summary>Generated rules pass `promtool check rules` and the generated tests pass `promtool test rules`, over varied specs.</summary>
public sealed class PromtoolRoundTripTests
{
    public static TheoryData<string> Specs() => new()
    {
        "contract",
        "minimal",
        "period-7d",
        "period-28d-latency-1s",
        "period-90d",
        "page-off",
        "ticket-off",
        "objective-99.99",
        "objective-95",
        "prometheus-net-latency",
        "ratio-two-metrics",
        "ratio-one-metric",
        "regex-selector",
        "error-status-with-429",
        "raw-ratio-with-a-comment",
        "no-slos",
        "template-text-stays-literal",
        "hostile-values-stay-literal",
        "otlp-push",
        "otlp-push-every-150s",
        "otlp-push-every-15s-latency",
    };

    /// <summary>Text that a YAML reader, Prometheus' template engine or PromQL would take for something else.</summary>
    private const string Hostile = "\"a \\\"quoted\\\" {{ $value }} {{ .Labels.x }} {{ x }} }} \\\\ back\\nslash: #1 - [x] é 中文 😀 \\u202E %s $labels\"";

    private static string Yaml(string name) => name switch
    {
        "contract" => File.ReadAllText(Repo.ContractSpec),
        "minimal" => SpecRun.Minimal,
        "period-7d" => TestSpec.Minimal().Set("period", "7d").Yaml(),
        "period-28d-latency-1s" => new TestSpec().Set("period", "4w").Slo("latency", "99.9", Sli("latency", ("threshold", "1s"))).Yaml(),
        "period-90d" => TestSpec.Minimal().Set("period", "90d").Yaml(),
        "page-off" => new TestSpec().Slo("availability", "99.9", Sli("availability"), s => s.Set("alerting", Map(("page", Plain("false"))))).Yaml(),
        "ticket-off" => new TestSpec().Slo("availability", "99.9", Sli("availability"), s => s.Set("alerting", Map(("ticket", Plain("false"))))).Yaml(),
        "objective-99.99" => TestSpec.Minimal().Objective("availability", "99.99").Yaml(),
        "objective-95" => TestSpec.Minimal().Objective("availability", "95").Yaml(),
        "prometheus-net-latency" => new TestSpec().Set("metrics", Map(("preset", "prometheus-net"))).Slo("latency", "99.9", Sli("latency", ("threshold", "512ms"))).Yaml(),
        "ratio-two-metrics" => new TestSpec().Slo("emails", "99.9", Sli("ratio",
            ("errors", "sum(rate(jobs_failed_total{queue=\"email\"}[{{window}}]))"),
            ("total", "sum(rate(jobs_processed_total{queue=\"email\"}[{{window}}]))"))).Yaml(),
        "ratio-one-metric" => new TestSpec().Slo("grpc", "99.9", Sli("ratio",
            ("errors", "sum(rate(grpc_server_handled_total{grpc_code=~\"Internal|Unavailable\"}[{{.window}}]))"),
            ("total", "sum(rate(grpc_server_handled_total[{{.window}}]))"))).Yaml(),
        "otlp-push" => TestSpec.Minimal().Set("metrics", Map(("transport", "otlp"))).Yaml(),
        "otlp-push-every-150s" => TestSpec.Minimal().Set("metrics", Map(("transport", "otlp"), ("pushInterval", "150s"))).Yaml(),
        "otlp-push-every-15s-latency" => new TestSpec().Set("metrics", Map(("transport", "otlp"), ("pushInterval", "15s"), ("selector", "job=\"shop/orders-api\""))).Slo("latency", "99", Sli("latency", ("threshold", "250ms"))).Yaml(),
        "regex-selector" => TestSpec.Minimal().Set("metrics", Map(("selector", "job=~\"orders-api|orders\", env!=\"dev\""))).Yaml(),
        "error-status-with-429" => new TestSpec().Slo("availability", "99.9", Sli("availability", ("errorStatus", "5..|429"))).Yaml(),
        // A '/' in a comment is no division: the test series are still found for the query's one real division.
        "raw-ratio-with-a-comment" => new TestSpec().Slo("availability", "99.9", Sli("raw", ("errorRatio", new YScalar(
            "# errors / all requests\n"
            + "sum(rate(http_server_request_duration_seconds_count{job=\"orders-api\", http_response_status_code=~\"5..\"}[{{window}}]))\n"
            + "/\n"
            + "sum(rate(http_server_request_duration_seconds_count{job=\"orders-api\"}[{{window}}]))\n", Block: true)))).Yaml(),
        "no-slos" => "service: orders-api\nteam: payments\n",
        "template-text-stays-literal" => "team: payments\n" + SpecRun.Minimal
            + "\n    alerting:\n      annotations:\n        summary: \"{{ $labels.team }}: {{ $labels.slo }} burns at {{ $value | humanizePercentage }}\"\n",
        "hostile-values-stay-literal" => $"team: {Hostile}\nlabels:\n  env: {Hostile}\nmetrics:\n  selector: job=\"orders-api\", note!=\"{{{{x}}}} \\\"q\\\" é\"\n"
            + SpecRun.Minimal + $"\n    alerting:\n      labels:\n        channel: {Hostile}\n      annotations:\n        summary: {Hostile}\n        note: {Hostile}\n",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_rules_pass_promtool_check_and_their_tests_pass_promtool_test(string name)
    {
        var result = SpecRun.Run(Yaml(name), kubernetes: false);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "MON035"); // every SLI's series found, so every alert is tested
        using var dir = Promtool.Write(result.Files);
        var rules = Directory.GetFiles(Path.Combine(dir, "alerts"), "*.rules.yml").Single();

        var check = Promtool.Run(dir, "check", "rules", rules);
        Assert.True(check.ExitCode == 0, check.Output);
        var test = Promtool.Run(dir, "test", "rules", rules.Replace(".rules.yml", ".rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output);
    }

    [Fact]
    public void Every_generated_alert_rule_fires_in_some_scenario_with_its_labels()
    {
        var result = SpecRun.Contract();
        var expected = ExpectedAlerts(result.FileText(".rules.test.yml"));
        foreach (var alert in result.Rules!.Alerts)
        {
            // The scenario names the alert and expects every label the rule gives it (slo, tier windows, priority, ...).
            Assert.True(expected.Any(e => e.Alert == alert.Alert && alert.Labels.All(l => e.Labels.GetValueOrDefault(l.Name) == l.Value)),
                $"no scenario expects {alert.Alert} with {string.Join(", ", alert.Labels.Select(l => l.Name + "=" + l.Value))}");
        }
    }

    /// <summary>Every alert the promtool tests expect to fire: its name and its exp_labels.</summary>
    private static List<(string Alert, Dictionary<string, string> Labels)> ExpectedAlerts(string tests)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(tests));
        var found = new List<(string, Dictionary<string, string>)>();
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlDotNet.RepresentationModel.YamlSequenceNode)root["tests"]).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>())
        {
            if (!group.Children.TryGetValue("alert_rule_test", out var checks))
            {
                continue;
            }

            foreach (var check in ((YamlDotNet.RepresentationModel.YamlSequenceNode)checks).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>())
            {
                var name = check["alertname"].ToString();
                foreach (var exp in ((YamlDotNet.RepresentationModel.YamlSequenceNode)check["exp_alerts"]).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>())
                {
                    var labels = ((YamlDotNet.RepresentationModel.YamlMappingNode)exp["exp_labels"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());
                    found.Add((name, labels));
                }
            }
        }

        return found;
    }
}
