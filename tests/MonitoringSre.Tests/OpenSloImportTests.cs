using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Import;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>OpenSLO v1 document sets build as they are; what has no equivalent is an error at its line.</summary>
public sealed class OpenSloImportTests
{
    /// <summary>One service; an SLI document referenced by name; an SLO with one objective and one with two.</summary>
    public const string Checkout = """
        # OpenSLO v1: one service, an SLI document referenced by name, and an SLO with its indicator inline.
        apiVersion: openslo/v1
        kind: Service
        metadata:
          name: checkout
          displayName: Checkout
        spec:
          description: Takes payment for a basket.
        ---
        apiVersion: openslo/v1
        kind: SLI
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
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: availability
          displayName: Checkout availability
        spec:
          description: Checkout requests that do not fail.
          service: checkout
          indicatorRef: checkout-errors
          timeWindow:
            - duration: 28d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: Three nines
              target: 0.999
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: latency
        spec:
          service: checkout
          indicator:
            metadata:
              name: fast-checkouts
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.5"}[{{.window}}]))
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))
          timeWindow:
            - duration: 28d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: Most
              targetPercent: 99
            - displayName: Nearly all
              targetPercent: 95
        """;

    private static PipelineResult Run(string yaml, ImportOptions? import = null) =>
        MonitoringPipeline.Run("slos.yaml", Encoding.UTF8.GetBytes(yaml), new GenerationOptions(Import: import));

    private static Diagnostic Single(PipelineResult result, string code) => DiagnosticAssert.Single(result.Diagnostics, code);

    private static void AssertAt(Diagnostic d, int line, int column) => DiagnosticAssert.At(d, "slos.yaml", line, column);

    [Fact]
    public void A_service_with_several_slos_and_objectives_builds_into_rules_and_tests_promtool_passes()
    {
        var result = Run(Checkout);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(SpecFormat.OpenSlo, result.Format);

        var model = result.Model!;
        Assert.Equal(("checkout", "Takes payment for a basket.", 28), (model.Service, model.Description, model.PeriodDays));
        Assert.Equal(["availability", "latency-most", "latency-nearly-all"], model.Slos.Select(s => s.Name));
        Assert.Equal([99.9m, 99m, 95m], model.Slos.Select(s => s.Objective));
        Assert.Equal("job=\"checkout\"", model.Metrics.Selector);

        // bad over total, counters read as rates; good over total as written.
        var rules = result.FileText(".rules.yml");
        Assert.Contains("sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[5m]))", rules);
        Assert.Contains("(sum(rate(http_request_duration_seconds_count{job=\"checkout\"}[5m]))) - (sum(rate(http_request_duration_seconds_bucket{job=\"checkout\",le=\"0.5\"}[5m])))", rules);

        using var dir = Promtool.Write(result.Files);
        var check = Promtool.Run(dir, "check", "rules", "alerts/checkout.rules.yml");
        Assert.True(check.ExitCode == 0, check.Output);
        var test = Promtool.Run(dir, "test", "rules", "alerts/checkout.rules.test.yml");
        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Fact]
    public void One_slo_with_one_objective_builds_and_converts_to_a_spec_that_makes_the_same_rules()
    {
        var one = string.Join("---", Checkout.Split("---")[..3]);
        var result = Run(one);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["availability"], result.Model!.Slos.Select(s => s.Name));

        var converted = SpecConverter.ToYaml(result.Spec!, "slos.yaml");
        var rebuilt = Run(converted);
        Assert.Equal(SpecFormat.MonitoringSre, rebuilt.Format);
        Assert.Equal(result.FileText(".rules.yml"), rebuilt.FileText(".rules.yml"));
    }

    [Fact]
    public void Slos_of_several_services_need_MonitoringService_else_MON065_names_them()
    {
        var two = Checkout + "\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: refunds\nspec:\n  service: refunds\n  indicatorRef: checkout-errors\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n";
        var d = Single(Run(two), "MON065");
        Assert.Contains("SLOs of 2 services (checkout, refunds)", d.Message);
        Assert.Contains("-p:MonitoringService=checkout", d.Message);

        var refunds = Run(two, new ImportOptions(Service: "refunds"));
        Assert.True(refunds.Succeeded, string.Join("\n", refunds.Diagnostics));
        Assert.Equal(("refunds", "refunds"), (refunds.Model!.Service, refunds.Model.Slos.Single().Name));
    }

    [Fact]
    public void A_threshold_metric_is_the_share_of_samples_that_miss_the_objectives_op_and_value()
    {
        var yaml = Checkout
            .Edit("  ratioMetric:\n    counter: true\n    bad:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: http_requests_total{job=\"checkout\",code=~\"5..\"}\n    total:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: http_requests_total{job=\"checkout\"}",
                "  thresholdMetric:\n    metricSource:\n      type: Prometheus\n      spec:\n        query: checkout_queue_depth{job=\"checkout\"}")
            .Edit("    - displayName: Three nines\n      target: 0.999", "    - displayName: Three nines\n      op: lt\n      value: 500\n      target: 0.999");
        var result = Run(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var sli = Assert.IsType<Model.RawSli>(result.Model!.Slos.Single(s => s.Name == "availability").Sli);
        Assert.Equal("1 - avg(avg_over_time(((checkout_queue_depth{job=\"checkout\"}) < bool 500)[{{window}}:]))", sli.ErrorRatio);

        var noOp = Single(Run(yaml.Edit("      op: lt\n", string.Empty)), "MON012");
        Assert.Contains("A thresholdMetric's objective says what is good: op (lt, lte, gt or gte) and value", noOp.Message);
    }

    [Fact]
    public void Timeslices_without_a_slice_window_is_MON012_at_its_objective()
    {
        var d = Single(Run(Checkout.Edit("budgetingMethod: Occurrences\n  objectives:\n    - displayName: Three", "budgetingMethod: Timeslices\n  objectives:\n    - displayName: Three")), "MON012");
        AssertAt(d, 42, 7);
        Assert.Contains("Required key 'timeSliceWindow' is missing in spec.objectives[0]", d.Message);
    }

    [Fact]
    public void A_window_that_is_not_rolling_needs_its_calendar_MON012()
    {
        var d = Single(Run(Checkout.Edit("    - duration: 28d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - displayName: Three",
            "    - duration: 1M\n      isRolling: false\n  budgetingMethod: Occurrences\n  objectives:\n    - displayName: Three")), "MON012");
        AssertAt(d, 38, 7);
        Assert.Contains("A window that is not rolling is calendar-aligned", d.Message);
    }

    [Fact]
    public void An_indicator_ref_to_no_sli_is_MON067_and_a_key_openslo_lacks_is_MON060()
    {
        var missing = Single(Run(Checkout.Edit("indicatorRef: checkout-errors", "indicatorRef: checkout-failures")), "MON067");
        AssertAt(missing, 36, 17);

        var unknown = Single(Run(Checkout.Edit("      target: 0.999", "      target: 0.999\n      window: 5m")), "MON060");
        AssertAt(unknown, 44, 7);
        Assert.Contains("'window' in spec.objectives[0] of an OpenSLO v1 spec", unknown.Message);
    }

    [Fact]
    public void An_alert_policy_is_warning_MON066_and_the_spec_still_builds()
    {
        var result = Run(Checkout + "\n---\napiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: page-fast\nspec:\n  conditions: []\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var d = Single(result, "MON066");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        AssertAt(d, 78, 7);
    }

    [Fact]
    public void A_second_document_is_still_MON008_in_a_spec_that_is_not_openslo()
    {
        var d = Single(SpecRun.Run(SpecRun.Minimal + "\n---\nservice: other\n"), "MON008");
        Assert.Equal(7, d.Location.Line);
    }
}
