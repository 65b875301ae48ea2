using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Tests.Support;
using static MonitoringSre.Tests.Support.DiagnosticAssert;

namespace MonitoringSre.Tests;

/// <summary>One test per code of meaning (MON020 on), which the binder reports: the code, its severity, and the exact line and column it points at.</summary>
public sealed class MeaningDiagnosticTests
{
    [Fact]
    public void Invalid_service_name_is_MON020_with_a_suggestion() =>
        AssertAt("""
            service: Orders_API
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
            """, "MON020", 1, 10, "e.g. 'orders-api'");

    [Fact]
    public void Invalid_slo_name_is_MON021() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: Availability
                objective: 99.9
                sli:
                  availability: {}
            """, "MON021", 3, 11, "e.g. 'availability'");

    [Fact]
    public void Duplicate_slo_name_is_MON022_at_the_second() =>
        AssertAt(SpecRun.Minimal + "\n" + SpecRun.Minimal[SpecRun.Minimal.IndexOf("  - name", StringComparison.Ordinal)..], "MON022", 7, 11, "first at line 3");

    [Theory]
    [InlineData("100")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Objective_outside_zero_to_hundred_is_MON023(string objective) =>
        AssertAt($$"""
            service: orders-api
            slos:
              - name: availability
                objective: {{objective}}
                sli:
                  availability: {}
            """, "MON023", 4, 16);

    [Theory]
    [InlineData("5d")]
    [InlineData("30x")]
    [InlineData("400d")]
    public void Invalid_period_is_MON024(string period) =>
        AssertAt("period: " + period + "\n" + SpecRun.Minimal, "MON024", 1, 9);

    [Fact]
    public void Ratio_with_both_errors_and_good_is_MON046_at_good() => AssertAt("""
        service: orders-api
        slos:
          - name: checkout
            objective: 99.5
            sli:
              ratio:
                errors: sum(rate(failed_total[{{window}}]))
                good: sum(rate(done_total[{{window}}]))
                total: sum(rate(attempts_total[{{window}}]))
        """, "MON046", 8, 9);

    [Fact]
    public void Ratio_with_neither_errors_nor_good_is_MON012_at_the_ratio() => AssertAt("""
        service: orders-api
        slos:
          - name: checkout
            objective: 99.5
            sli:
              ratio:
                total: sum(rate(attempts_total[{{window}}]))
        """, "MON012", 7, 9, "'errors'");

    [Fact]
    public void Ratio_query_without_window_is_MON025_and_accepts_sloth_placeholder()
    {
        const string Ratio = """
            service: orders-api
            slos:
              - name: checkout
                objective: 99.5
                sli:
                  ratio:
                    errors: sum(rate(failed_total[5m]))
                    total: sum(rate(attempts_total[{{.window}}]))
            """;
        AssertAt(Ratio, "MON025", 7, 17, "errors query");
        Assert.DoesNotContain(SpecRun.Diagnose(Ratio), d => d.Location.Line == 8);
    }

    [Fact]
    public void Latency_threshold_between_buckets_is_an_error_at_its_line_naming_the_nearest_boundaries() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  latency:
                    threshold: 300ms
            """, "MON026", 7, 20, "250ms or 500ms");

    [Fact]
    public void Latency_threshold_that_is_not_a_duration_is_MON027() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  latency:
                    threshold: fast
            """, "MON027", 7, 20);

    [Fact]
    public void Selector_regex_prometheus_would_refuse_is_MON028_and_stops_before_generation()
    {
        // Found by the schema-shaped fuzz: with no SLO to check the selector's queries, the promtool test generator compiled it and crashed.
        var spec = """
            service: orders-api
            metrics:
              selector: 'job=~"("'
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
            """;
        AssertAt(spec, "MON028", 3, 13, "job=~\"(\" is not a valid regular expression");
        Assert.Empty(SpecRun.Run(spec).Files);
    }

    [Fact]
    public void Unquoted_selector_is_MON028() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  selector: job=orders-api\n", "MON028", 8, 13, "quoted value");

    [Fact]
    public void Invalid_label_name_is_MON029() =>
        AssertAt("labels:\n  deploy-env: prod\n" + SpecRun.Minimal, "MON029", 2, 3);

    [Fact]
    public void Reserved_label_is_MON030() =>
        AssertAt("labels:\n  service: other\n" + SpecRun.Minimal, "MON030", 2, 3);

    [Fact]
    public void Invalid_error_status_regex_is_MON031() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability:
                    errorStatus: "5..("
            """, "MON031", 7, 22);

    [Fact]
    public void Same_alert_name_on_two_slos_is_MON032() =>
        AssertAt(SpecRun.Minimal + "\n    alerting: {name: Burn}\n  - name: other\n    objective: 99\n    sli: {availability: {}}\n    alerting: {name: Burn}\n",
            "MON032", 11, 22, "'availability'");

    [Fact]
    public void Tier_that_could_never_fire_is_warning_MON033_and_is_dropped()
    {
        var result = SpecRun.Run("""
            service: orders-api
            slos:
              - name: availability
                objective: 80
                sli:
                  availability: {}
            """);
        var warnings = result.Diagnostics.Where(d => d.Code == "MON033").ToList();
        Assert.Equal(2, warnings.Count); // budget 20%: 14.4 × and 6 × exceed 100%; 3 × and 1 × do not.
        Assert.All(warnings, w => Assert.Equal((4, 16), (w.Location.Line, w.Location.Column)));
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Model!.Slos[0].Alerting.Tiers.Count);
    }

    [Fact]
    public void Spec_without_slos_is_warning_MON034_and_still_generates_the_down_alert()
    {
        var result = SpecRun.Run("service: orders-api\n");
        Assert.Equal(DiagnosticSeverity.Warning, Single(result.Diagnostics, "MON034").Severity);
        Assert.Contains("alert: OrdersApiDown", result.FileText(".rules.yml"));
    }

    [Fact]
    public void Ratio_query_keeping_labels_is_warning_MON035_and_its_absence_alert_is_still_tested()
    {
        var result = SpecRun.Run("""
            service: orders-api
            slos:
              - name: checkout
                objective: 99.5
                sli:
                  ratio:
                    errors: sum by (route) (rate(failed_total[{{window}}]))
                    total: sum by (route) (rate(attempts_total[{{window}}]))
            """);
        var d = Single(result.Diagnostics, "MON035");
        Assert.Equal((3, 5), (d.Location.Line, d.Location.Column));
        Assert.Contains("OrdersApiCheckoutSliAbsent fires", result.FileText(".rules.test.yml"));
    }

    [Theory]
    [InlineData("../runbooks")]
    [InlineData("/etc/runbooks")]
    [InlineData("http://wiki/runbooks")]
    public void Runbooks_outside_the_project_or_not_https_is_MON036(string runbooks) =>
        AssertAt("runbooks: " + runbooks + "\n" + SpecRun.Minimal, "MON036", 1, 11);

    [Theory]
    [InlineData("../plan.md")]
    [InlineData("/srv/plan.md")]
    public void Incident_plan_outside_the_project_is_MON038(string plan) =>
        AssertAt(SpecRun.Minimal + "\nincidents:\n  plan: " + plan + "\n", "MON038", 8, 9);

    [Fact]
    public void Slo_with_every_tier_off_is_warning_MON037() =>
        AssertAt(SpecRun.Minimal + "\n    alerting:\n      page: false\n      ticket: false\n", "MON037", 8, 7);

    [Fact]
    public void Declared_traffic_too_low_to_page_on_a_burn_rate_is_warning_MON080_with_the_budget_in_events() =>
        AssertAt(SpecRun.Minimal + "\n    alerting:\n      expectedTraffic: 10/h\n", "MON080", 8, 24,
            "SLO 'availability': at 10/h events (slos[].alerting.expectedTraffic) its 30d error budget of 99.9% is 7.2 failed events, "
            + "and a page needs 6 failed within 1h (83% of that budget): its pages follow a count of failures, not the burn rate");

    [Theory]
    [InlineData("400/h", true)]
    [InlineData("420/h", false)] // the 1h page's 2% of the 30d budget is 6.05 failed events: the burn rate decides
    [InlineData("1/s", false)]
    public void The_spec_wide_traffic_warns_where_a_page_would_need_more_failures_than_the_burn_rate_does(string traffic, bool warns)
    {
        var diagnostics = SpecRun.Diagnose(SpecRun.Minimal + "\nalerting:\n  expectedTraffic: " + traffic + "\n");
        Assert.Equal(warns, diagnostics.Any(d => d.Code == "MON080"));
        if (warns)
        {
            At(Single(diagnostics, "MON080"), SpecRun.File, 8, 20);
        }
    }

    [Fact]
    public void A_failed_event_floor_on_a_raw_sli_is_warning_MON081() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  raw: {errorRatio: 'avg_over_time(errors_ratio[{{window}}])'}
                alerting:
                  minFailedEvents: 3
            """, "MON081", 8, 24, "counts no events");

    [Fact]
    public void Pushing_prometheus_net_metrics_over_otlp_is_MON048_at_the_transport() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  preset: prometheus-net\n  transport: otlp\n", "MON048", 9, 14, "use a preset whose exporter can push: aspnetcore-otel");

    [Theory]
    [InlineData("151s")]
    [InlineData("5m")]
    [InlineData("0s")]
    [InlineData("500ms")]
    public void A_push_interval_the_slis_cannot_read_is_MON049(string interval) =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  transport: otlp\n  pushInterval: " + interval + "\n", "MON049", 9, 17, "not between 1s and 150s");

    [Fact]
    public void An_otlp_translation_strategy_the_queries_do_not_fit_is_MON077() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  transport: otlp\n  otlpTranslation: NoUTF8EscapingWithSuffixes\n", "MON077", 9, 20,
            "Set translation_strategy: UnderscoreEscapingWithSuffixes in the otlp: section");

    [Theory]
    [InlineData("pushInterval: 30s", 17)]
    [InlineData("otlpTranslation: UnderscoreEscapingWithSuffixes", 20)]
    public void A_push_setting_on_a_scraped_service_is_warning_MON078(string setting, int column) =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  transport: scrape\n  " + setting + "\n", "MON078", 9, column, "applies to metrics.transport: otlp only");

    [Fact]
    public void Otlp_log_records_written_by_serilog_is_MON079_at_the_provider() =>
        AssertAt(SpecRun.Minimal + "\nlogs:\n  format: otlp\n  provider: serilog\n", "MON079", 9, 13, "Write logs.provider: opentelemetry");

    [Fact]
    public void A_push_interval_within_range_sets_the_down_alerts_window()
    {
        var result = SpecRun.Run(SpecRun.Minimal + "\nmetrics:\n  transport: otlp\n  pushInterval: 45s\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(45, result.Model!.Metrics.PushIntervalSeconds);
        Assert.Equal("absent_over_time(target_info{job=\"orders-api\"}[90s])", result.Rules!.Down.Expr);
    }
}
