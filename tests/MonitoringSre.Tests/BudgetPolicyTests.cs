using MonitoringSre.Budget;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// How the release gate applies a spec's error budget policy to what Prometheus answers. The answers are given here;
/// the integration tests ask a real Prometheus.
/// </summary>
public sealed class BudgetPolicyTests
{
    private sealed class Answers(Func<string, PrometheusAnswer> answer) : IPrometheusQuery
    {
        public List<string> Asked { get; } = [];

        public string Source => "http://prometheus:9090";

        public PrometheusAnswer Query(string promql)
        {
            Asked.Add(promql);
            return answer(promql);
        }
    }

    private const string TwoSlos = """
        service: orders-api
        errorBudgetPolicy:
          exhausted: Freeze releases.
          freezeBelow: 10
          warnBurnRate: 2
        slos:
          - name: availability
            objective: 99.9
            sli:
              availability: {}
          - name: latency
            objective: 99
            sli:
              latency: {threshold: 250ms}
        """;

    /// <param name="traffic">What Prometheus measured of each SLO's traffic over the period: 100 events a second unless given.</param>
    private static BudgetResult Evaluate(Func<string, PrometheusAnswer> answer, BudgetGateOptions? options = null, string yaml = TwoSlos,
        Func<string, PrometheusAnswer>? traffic = null)
    {
        var bound = SpecRun.Run(yaml);
        Assert.True(bound.Succeeded, string.Join("\n", bound.Diagnostics));
        return BudgetGate.Evaluate(bound.Model!, new Answers(q => q.StartsWith("avg_over_time(", StringComparison.Ordinal) ? (traffic ?? (_ => Values(100m)))(q) : answer(q)),
            options ?? new BudgetGateOptions());
    }

    private static PrometheusAnswer Values(params decimal[] values) => new(values);

    [Fact]
    public void Freeze_below_is_a_percentage_of_the_budget_left_and_the_burn_rate_is_the_6h_ratio_over_the_budget()
    {
        // availability: 8% left (under the 10% freeze); latency: 50% left, 6h error ratio 3% = 3x its 1% budget (over 2x).
        var result = Evaluate(q => q switch
        {
            _ when q.Contains("remaining", StringComparison.Ordinal) && q.Contains("availability", StringComparison.Ordinal) => Values(0.08m),
            _ when q.Contains("remaining", StringComparison.Ordinal) => Values(0.5m),
            _ when q.Contains("availability", StringComparison.Ordinal) => Values(0.0001m),
            _ => Values(0.03m),
        });

        Assert.False(result.Passed);
        Assert.Equal([BudgetDecision.Frozen, BudgetDecision.Burning], result.Slos.Select(s => s.Decision));
        Assert.Equal("MON070", result.Diagnostics[0].Code);
        Assert.Contains("SLO 'availability' has 8% of its 30-day error budget left, at or below the freeze at 10%: Freeze releases.", result.Diagnostics[0].Message);
        Assert.Equal("MON071", result.Diagnostics[1].Code);
        Assert.Contains("burns its error budget at 3x over the last 6h, above the 2x its policy allows", result.Diagnostics[1].Message);
        Assert.Equal(3m, result.Slos[1].BurnRate);
    }

    [Fact]
    public void Several_series_of_one_slo_are_read_at_their_worst()
    {
        var result = Evaluate(q => q.Contains("remaining", StringComparison.Ordinal) ? Values(0.9m, -0.2m, 0.5m) : Values(0.0001m, 0.0005m));
        Assert.Equal(-0.2m, result.Slos[0].Remaining);
        Assert.Equal(0.5m, result.Slos[0].BurnRate);
    }

    [Fact]
    public void An_unreachable_prometheus_is_reported_once_and_asked_once_and_fail_open_makes_it_a_warning()
    {
        var asked = 0;
        PrometheusAnswer Refused(string q)
        {
            asked++;
            return PrometheusAnswer.Failing(PrometheusFailureKind.Unreachable, "connection refused");
        }

        var closed = Evaluate(Refused);
        Assert.Equal(1, asked);
        Assert.Equal(["MON073"], closed.Diagnostics.Select(d => d.Code));
        Assert.False(closed.Passed);
        Assert.All(closed.Slos, s => Assert.Equal(BudgetDecision.Unknown, s.Decision));

        var open = Evaluate(Refused, new BudgetGateOptions(FailOpen: true));
        Assert.True(open.Passed);
        Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, open.Diagnostics.Single().Severity);
    }

    [Fact]
    public void Traffic_too_low_to_page_on_is_warning_MON080_from_what_prometheus_measured_and_the_release_still_passes()
    {
        // availability: 10 requests an hour over the last 30 days; latency: 5 a second.
        var result = Evaluate(q => q.Contains("remaining", StringComparison.Ordinal) ? Values(0.9m) : Values(0m), yaml: TwoSlos,
            traffic: q => Values(q.Contains("availability", StringComparison.Ordinal) ? 10m / 3600m : 5m));

        Assert.True(result.Passed);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("MON080", Diagnostics.DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Contains("SLO 'availability': at 10/h events (measured by http://prometheus:9090 over the last 30d) its 30d error budget of 99.9% is 7.2 failed events", warning.Message);
        Assert.Equal(7, warning.Location.Line);
    }

    [Fact]
    public void An_override_lets_a_frozen_slo_through_with_a_warning_and_leaves_the_others_judged()
    {
        var result = Evaluate(q => q.Contains("remaining", StringComparison.Ordinal) ? Values(-0.1m) : Values(0m),
            new BudgetGateOptions(Override: "INC-7 fix"));
        Assert.True(result.Passed);
        Assert.Equal([BudgetDecision.Overridden, BudgetDecision.Overridden], result.Slos.Select(s => s.Decision));
        Assert.All(result.Diagnostics, d => Assert.Equal("MON072", d.Code));
        Assert.Contains("\"override\": \"INC-7 fix\"", BudgetReport.Write("orders-api", 30, result)[0].Content);
    }
}
