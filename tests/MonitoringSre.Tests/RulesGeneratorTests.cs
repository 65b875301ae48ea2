using System.Text.RegularExpressions;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

public sealed class RulesGeneratorTests
{
    [Theory]
    [InlineData("contract")]
    [InlineData("orders")]
    [InlineData("inventory")]
    public void The_rule_sets_counts_and_tiers_are_those_of_the_alerts_it_makes(string spec)
    {
        var result = spec switch
        {
            "contract" => SpecRun.Contract(),
            "orders" => SpecRun.Run(File.ReadAllText(Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.yaml"))),
            _ => SpecRun.Run(File.ReadAllText(Path.Combine(Repo.Root, "samples", "InventoryApi", "monitoring.yaml"))),
        };
        var rules = result.Rules!;

        Assert.Equal(rules.Alerts.Count(), rules.AlertCount);
        Assert.Equal(rules.Alerts.Where(a => a.Tier is not null).Select(a => a.Tier), rules.BurnTiers);
        Assert.Equal(rules.Alerts.Single(a => a.Kind == AlertKind.ServiceDown).Alert, rules.Down.Alert);
        Assert.All(result.Model!.Slos, slo => Assert.Equal(
            rules.Alerts.Where(a => ReferenceEquals(a.Slo, slo)).Select(a => a.Alert + " " + a.Expr + " " + string.Join(",", a.Labels)),
            rules.For(slo).Alerts.Select(a => a.Alert + " " + a.Expr + " " + string.Join(",", a.Labels))));
    }

    [Fact]
    public void Contract_spec_has_four_tiers_per_slo_plus_absence_and_down_alerts()
    {
        var result = SpecRun.Contract();
        Assert.Equal(3, result.Model!.Slos.Count);
        Assert.Equal(16, result.AlertRuleCount); // 3 × (4 tiers + SliAbsent) + Down
        Assert.Equal(64, result.Rules!.Groups.Sum(g => g.Rules.Count));
        Assert.Equal(
            ["OrdersApiAvailabilityBudgetBurn", "OrdersApiAvailabilitySliAbsent", "OrdersApiLatencyBudgetBurn", "OrdersApiLatencySliAbsent",
             "OrdersApiCheckoutBudgetBurn", "OrdersApiCheckoutSliAbsent", "OrdersApiDown"],
            result.Rules.Alerts.Select(a => a.Alert).Distinct());
    }

    [Fact]
    public void Tiers_have_the_workbook_windows_factors_for_and_priorities_at_30d()
    {
        var burn = SpecRun.Contract().Rules!.Alerts.Where(a => a.Alert == "OrdersApiAvailabilityBudgetBurn").ToList();
        Assert.Equal(
            ["1h/5m 14.4 2 critical P1", "6h/30m 6 15 critical P2", "1d/2h 3 60 warning P3", "3d/6h 1 180 warning P3"],
            burn.Select(a => $"{Label(a, "long_window")}/{Label(a, "short_window")} {Regex.Match(a.Expr, @"> (\S+)\n").Groups[1].Value} {a.ForMinutes} {Label(a, "severity")} {Label(a, "priority")}"));
        Assert.All(burn, a => Assert.Equal(3, Regex.Matches(a.Expr, @"/ 0\.001 > ").Count)); // burn rates on both windows, and on the quiet short window's stand-in
    }

    [Fact]
    public void Factor_follows_the_period()
    {
        var rules = SpecRun.Run(TestSpec.Minimal().Set("period", "28d").Objective("availability", "99.95").Yaml()).FileText(".rules.yml");
        foreach (var factor in new[] { "13.44", "5.6", "2.8", "0.933333333333333" })
        {
            Assert.Contains($" / 0.0005 > {factor}\n", rules);
        }

        Assert.Contains("slo:sli_error:ratio_rate28d", rules);
        Assert.Contains("vector(28)", rules);
    }

    [Fact]
    public void Preset_slis_leave_out_the_scrape_and_health_routes_unless_the_spec_lists_others()
    {
        var rules = SpecRun.Run(SpecRun.Minimal + "\nmetrics:\n  excludeRoutes: [/internal/*, /ping]\n").FileText(".rules.yml");
        Assert.Contains("http_route!~\"/internal/.*|/ping\"", rules);
        Assert.DoesNotContain("/metrics", rules);
        var all = SpecRun.Run(SpecRun.Minimal + "\nmetrics:\n  excludeRoutes: []\n").FileText(".rules.yml");
        Assert.DoesNotContain("http_route", all);
    }

    [Fact]
    public void Page_false_drops_the_paging_tiers_and_ticket_false_the_ticket_tiers()
    {
        var noPage = SpecRun.Run(SpecRun.Minimal + "\n    alerting: {page: false}\n").Rules!.Alerts.Where(a => a.Tier is not null).ToList();
        Assert.Equal(["ticket-fast", "ticket-slow"], noPage.Select(a => a.Tier!.Id));
        var noTicket = SpecRun.Run(SpecRun.Minimal + "\n    alerting: {ticket: false}\n").Rules!.Alerts.Where(a => a.Tier is not null).ToList();
        Assert.Equal(["page-fast", "page-slow"], noTicket.Select(a => a.Tier!.Id));
    }

    [Fact]
    public void Labels_are_severity_priority_service_slo_team_spec_labels_then_alerting_labels()
    {
        var alert = SpecRun.Contract().Rules!.Alerts.First(a => a.Alert == "OrdersApiCheckoutBudgetBurn");
        Assert.Equal(
            ["severity=critical", "priority=P1", "service=orders-api", "slo=checkout", "team=payments", "env=production", "channel=#orders-oncall", "long_window=1h", "short_window=5m"],
            alert.Labels.Select(l => l.Name + "=" + l.Value));
        Assert.Equal("Checkout is failing faster than its error budget allows.", alert.Annotations.Single(a => a.Name == "summary").Value);
        Assert.Equal("docs/runbooks/OrdersApiCheckoutBudgetBurn.md", alert.Annotations.Single(a => a.Name == "runbook_url").Value);
    }

    [Fact]
    public void Alerting_labels_may_raise_severity_but_later_values_win()
    {
        var alert = SpecRun.Run(SpecRun.Minimal + "\n    alerting:\n      labels: {severity: page}\n").Rules!.Alerts.First();
        Assert.Equal("page", alert.Labels.Single(l => l.Name == "severity").Value);
    }

    [Fact]
    public void Https_runbooks_base_makes_urls_without_md()
    {
        var alert = SpecRun.Run("runbooks: https://runbooks.example.org/orders/\n" + SpecRun.Minimal).Rules!.Alerts.First();
        Assert.Equal("https://runbooks.example.org/orders/OrdersApiAvailabilityBudgetBurn", alert.Annotations.Single(a => a.Name == "runbook_url").Value);
    }

    [Fact]
    public void Selector_is_added_to_every_preset_query()
    {
        var rules = SpecRun.Run(SpecRun.Minimal + "\nmetrics:\n  selector: job=\"orders\", namespace=~\"prod|staging\"\n").FileText(".rules.yml");
        var uses = Regex.Matches(rules, @"http_server_request_duration_seconds_count\{([^}]*)\}");
        Assert.NotEmpty(uses);
        Assert.All(uses, m => Assert.StartsWith("job=\"orders\",namespace=~\"prod|staging\"", m.Groups[1].Value));
        Assert.Contains("max(up{job=\"orders\",namespace=~\"prod|staging\"})", rules);
    }

    [Fact]
    public void Default_selector_is_the_service_job() =>
        Assert.Contains("http_server_request_duration_seconds_count{job=\"orders-api\",http_route!~\"/metrics|/health.*|/healthz|/alive\"}" , SpecRun.Run(SpecRun.Minimal).FileText(".rules.yml"));

    [Fact]
    public void Whole_number_bucket_matches_both_exporter_spellings()
    {
        var rules = SpecRun.Run(new TestSpec().Slo("latency", "99.9", TestSpec.Sli("latency", ("threshold", "1s"))).Yaml()).FileText(".rules.yml");
        Assert.Contains("http_server_request_duration_seconds_bucket{job=\"orders-api\",le=~\"1|1.0\",http_route!~\"/metrics|/health.*|/healthz|/alive\"}", rules);
        var fractional = SpecRun.Run(new TestSpec().Slo("latency", "99.9", TestSpec.Sli("latency", ("threshold", "250ms"))).Yaml()).FileText(".rules.yml");
        Assert.Contains("le=\"0.25\"", fractional);
    }

    [Fact]
    public void Prometheus_net_preset_reads_its_own_metric_and_status_label()
    {
        var result = SpecRun.Run(SpecRun.Minimal + "\nmetrics: {preset: prometheus-net}\n");
        var rules = result.FileText(".rules.yml");
        Assert.Contains("http_request_duration_seconds_count{job=\"orders-api\",code=~\"5..\",endpoint!~\"/metrics|/health.*|/healthz|/alive\"}", rules);
        Assert.DoesNotContain("http_server_request_duration_seconds", rules);
        Assert.Equal(16, result.Model!.Metrics.Preset.Buckets.Count);
        Assert.Equal(32.768m, result.Model.Metrics.Preset.Buckets[^1]);
    }

    [Fact]
    public void Error_ratio_is_recorded_for_every_window_and_the_period()
    {
        var records = SpecRun.Contract().Rules!.Recordings.Where(r => r.Labels.Any(l => l.Value == "availability")).Select(r => r.Record).ToList();
        foreach (var w in new[] { "5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d" })
        {
            Assert.Contains(RuleNames.ErrorRatio(w), records);
        }

        Assert.Contains(RuleNames.Objective, records);
        Assert.Contains(RuleNames.ErrorBudget, records);
        Assert.Contains(RuleNames.BudgetRemaining, records);
    }

    [Fact]
    public void Period_ratio_is_derived_from_the_recorded_5m_rates_not_a_30d_range_over_raw_counters()
    {
        var period = SpecRun.Contract().Rules!.Recordings.First(r => r.Record == RuleNames.ErrorRatio("30d"));
        Assert.Contains("sum_over_time(slo:sli_error_events:rate5m{", period.Expr);
        Assert.DoesNotContain("http_server", period.Expr);
    }

    [Fact]
    public void No_traffic_is_guarded_by_a_positive_total_and_missing_error_series_read_as_zero()
    {
        var recordings = SpecRun.Contract().Rules!.Recordings.ToList();
        Assert.Contains(") > 0)", recordings.First(r => r.Record == RuleNames.ErrorRatio("1h")).Expr);
        Assert.Contains("\nor on ()\n0 * sum(slo:sli_total_events:rate5m{", recordings.First(r => r.Record == RuleNames.ErrorEventsRate5m).Expr);
    }

    [Fact]
    public void Windows_from_30m_to_3d_are_summed_from_the_5m_recordings_over_a_span_5m_shorter()
    {
        var recordings = SpecRun.Contract().Rules!.Recordings.Where(r => r.Labels.Any(l => l.Value == "availability")).ToList();
        foreach (var (window, span) in new[] { ("30m", "25m"), ("1h", "55m"), ("2h", "115m"), ("6h", "355m"), ("1d", "1435m"), ("3d", "4315m") })
        {
            var expr = recordings.Single(r => r.Record == RuleNames.ErrorRatio(window)).Expr;
            Assert.Equal($"sum_over_time(slo:sli_error_events:rate5m{{service=\"orders-api\", slo=\"availability\"}}[{span}])\n/\n"
                + $"(sum_over_time(slo:sli_total_events:rate5m{{service=\"orders-api\", slo=\"availability\"}}[{span}]) > 0)", expr);
        }
    }

    /// <summary>
    /// Recorded windows read the raw series twice an evaluation, the total and the errors over 5m, whatever the windows.
    /// Raw windows read them again for each of the six longer windows: the errors, the total as the denominator and
    /// as the stand-in for missing errors, and for latency the total once more, less the fast requests.
    /// </summary>
    [Theory]
    [InlineData("availability", "recorded", 2)]
    [InlineData("latency", "recorded", 2)]
    [InlineData("availability", "raw", 20)]
    [InlineData("latency", "raw", 26)]
    public void The_raw_series_are_read_only_by_the_5m_recordings_unless_windows_are_raw(string slo, string windows, int reads)
    {
        var spec = File.ReadAllText(Repo.ContractSpec).Replace("\n  windows: recorded", $"\n  windows: {windows}", StringComparison.Ordinal);
        Assert.Contains("windows: " + windows, spec);
        var result = SpecRun.Run(spec);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var exprs = result.Rules!.Groups.SelectMany(g => g.Rules).OfType<RecordingRule>()
            .Where(r => r.Labels.Any(l => l.Value == slo)).Select(r => r.Expr);

        Assert.Equal(reads, exprs.Sum(e => System.Text.RegularExpressions.Regex.Count(e, @"http_server_request_duration_seconds_(count|bucket)\{[^}]*\}\[")));
    }

    [Fact]
    public void Kubernetes_option_adds_a_prometheus_rule_with_the_same_groups()
    {
        var result = SpecRun.Contract(kubernetes: true);
        var crd = result.FileText(".prometheusrule.yaml");
        Assert.Contains("kind: PrometheusRule", crd);
        var rules = result.FileText(".rules.yml");
        Assert.Equal(Regex.Matches(rules, "- (alert|record):").Count, Regex.Matches(crd, "- (alert|record):").Count);
        Assert.DoesNotContain(SpecRun.Contract().Files, f => f.RelativePath.EndsWith(".prometheusrule.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Label_values_that_yaml_would_read_as_other_types_are_quoted()
    {
        var rules = SpecRun.Run("labels:\n  canary: \"yes\"\n  shard: \"01\"\n" + SpecRun.Minimal).FileText(".rules.yml");
        Assert.Contains("canary: \"yes\"", rules);
        Assert.Contains("shard: \"01\"", rules);
    }

    private static string Label(AlertingRule rule, string name) => rule.Labels.Single(l => l.Name == name).Value;
}
