using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

public sealed class GeneratedTestsCanFailTests
{
    /// <summary>
    /// The generated tests must be able to fail: each mutation of the rules below breaks a behaviour the tests
    /// claim to prove (a tier's `for`, which responses count as errors, the no-traffic guard, a label, the measured burn
    /// rate and time left in the alert's text, the floor of failed events that keeps one failure at low traffic from
    /// paging, and the page that holds while a quiet 5m window says nothing of recovery).
    /// </summary>
    [Theory]
    [InlineData("for: \"2m\"", "for: \"20m\"")]
    [InlineData("http_response_status_code=~\"5..\"", "http_response_status_code=~\"4..\"")]
    [InlineData("(slo:sli_total_events:rate5m{service=\"orders-api\", slo=\"availability\"} > 0)", "slo:sli_total_events:rate5m{service=\"orders-api\", slo=\"availability\"}")]
    [InlineData("priority: P2", "priority: P3")]
    [InlineData("error budget {{ printf \"%.1f\" $value }} times too fast", "error budget 14.4 times too fast")]
    [InlineData(" * 2592000 / %f` $value)", " * 2592000 / %f` 14.4)")]
    [InlineData("(max(up{job=\"orders-api\"}) or vector(0)) == 0", "max(up{job=\"orders-api\"}) == 0")]
    [InlineData(") >= 6", ") >= 1")]
    [InlineData(") >= 6", ") >= 0")]
    [InlineData(" or (slo:sli_error:ratio_rate30m{service=\"orders-api\", slo=\"availability\"} / 0.001 > 14.4 unless slo:sli_error:ratio_rate5m{service=\"orders-api\", slo=\"availability\"})", "")]
    public void Generated_tests_fail_when_the_rules_are_wrong(string original, string mutant) =>
        AssertTestsFail("team: payments\n" + SpecRun.Minimal, original, mutant);

    /// <summary>Generates the spec's rules and tests, mutates the rules, and requires promtool's run of the tests to fail.</summary>
    private static void AssertTestsFail(string spec, string original, string mutant)
    {
        var result = SpecRun.Run(spec);
        using var dir = Promtool.Write(result.Files);
        var rules = Path.Combine(dir, "alerts", "orders-api.rules.yml");
        var text = File.ReadAllText(rules);
        Assert.Contains(original, text);
        File.WriteAllText(rules, text.Replace(original, mutant));

        var test = Promtool.Run(dir, "test", "rules", Path.Combine(dir, "alerts", "orders-api.rules.test.yml"));

        Assert.True(test.ExitCode != 0, "the generated tests did not notice: " + mutant);
        Assert.Contains("FAILED", test.Output);
    }

    /// <summary>
    /// A pushed service's Down alert must be able to fail its tests too: waiting for the up series a pushed service never
    /// has (it would page forever), or a window so long that a stopped service pages late.
    /// </summary>
    [Theory]
    [InlineData("absent_over_time(target_info{job=\"orders-api\"}[2m])", "(max(up{job=\"orders-api\"}) or vector(0)) == 0")]
    [InlineData("absent_over_time(target_info{job=\"orders-api\"}[2m])", "absent_over_time(target_info{job=\"orders-api\"}[20m])")]
    [InlineData("absent_over_time(target_info{job=\"orders-api\"}[2m])", "absent(target_info{job=\"orders-api\"})")]
    public void Generated_tests_of_a_pushed_service_fail_when_its_down_alert_is_wrong(string original, string mutant) =>
        AssertTestsFail(SpecRun.Minimal + "\nmetrics:\n  transport: otlp\n", original, mutant);
}
