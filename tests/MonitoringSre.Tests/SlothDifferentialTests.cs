using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Sloth's golden input, built by us, pages and tickets at the same burn rates as the rules Sloth generated for it
/// (tests/TestData/sloth/out-base.yaml): both rule files are evaluated by promtool over the same traffic, from half
/// the budget's rate to a hundred times it, and the alerts firing after five hours are compared. The
/// error ratio is the same from the first minute, so every window (even 3d) reads it once it holds two samples, and
/// five hours outlast every alert's for.
/// </summary>
public sealed class SlothDifferentialTests
{
    /// <summary>Burn rates away from the thresholds (1, 3, 6 and 14.4 at 30 days), so rounding decides nothing.</summary>
    private static readonly decimal[] BurnRates = [0.5m, 0.9m, 2m, 4m, 8m, 12m, 20m, 50m, 100m];

    [Fact]
    public void Our_alerts_for_sloths_golden_input_fire_at_the_burn_rates_sloths_own_rules_do()
    {
        var ours = SlothImportTests.Golden();
        Assert.True(ours.Succeeded, string.Join("\n", ours.Diagnostics));
        using var oursDir = Promtool.Write(ours.Files.Where(f => f.RelativePath == "alerts/svc01.rules.yml"));
        var sloth = Fired(File.ReadAllText(Repo.TestData("sloth", "out-base.yaml")), "sloth_severity");
        var mine = Fired(File.ReadAllText(Path.Combine(oursDir, "alerts", "svc01.rules.yml")), "priority");

        foreach (var b in BurnRates)
        {
            var s = sloth.GetValueOrDefault(b, []);
            var m = mine.GetValueOrDefault(b, []);
            var because = $"at {b}x the budget's rate Sloth fired [{string.Join(", ", s)}], we fired [{string.Join(", ", m)}]";
            Assert.True(s.Contains("page") == (m.Contains("P1") || m.Contains("P2")), because);
            Assert.True(s.Contains("ticket") == m.Contains("P3"), because);
            Assert.True(m.All(p => p is "P1" or "P2" or "P3"), because);
        }

        // The comparison has something to compare: quiet, ticket-only and paging burn rates all occur.
        Assert.Empty(sloth.GetValueOrDefault(0.5m, []));
        Assert.Equal(["ticket"], sloth[2m]);
        Assert.Equal(["page", "ticket"], sloth[100m]);
        Assert.Equal(["P2", "P3"], mine[8m]);
        Assert.Equal(["P1", "P2", "P3"], mine[20m]);
    }

    /// <summary>Per burn rate, the values of <paramref name="label"/> of the slo1 alerts firing after five hours at that rate.</summary>
    private static Dictionary<decimal, List<string>> Fired(string rules, string label)
    {
        using var dir = TestTemp.Folder("sloth-differential");
        File.WriteAllText(Path.Combine(dir, "rules.yml"), rules);
        var test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 5m\ntests:\n");
        foreach (var b in BurnRates)
        {
            // slo1's budget is 0.1%: of 1000 requests a minute, b fail.
            var errors = b.ToString(CultureInfo.InvariantCulture);
            var good = (1000m - b).ToString(CultureInfo.InvariantCulture);
            test.Append(CultureInfo.InvariantCulture, $"""
                - interval: 1m
                  input_series:
                    - series: 'http_request_duration_seconds_count{'{'}job="myservice",code="500"{'}'}'
                      values: '0+{errors}x400'
                    - series: 'http_request_duration_seconds_count{'{'}job="myservice",code="200"{'}'}'
                      values: '0+{good}x400'
                    - series: 'up{'{'}job="myservice"{'}'}'
                      values: '1x400'
                  promql_expr_test:
                    - expr: 'label_replace(count by ({label}) (ALERTS{'{'}alertname="myServiceAlert",alertstate="firing"{'}'}), "burn", "{errors}", "", "")'
                      eval_time: 5h
                      exp_samples: []

                """);
        }

        File.WriteAllText(Path.Combine(dir, "test.yml"), test.ToString());
        var (exitCode, output) = Promtool.Run(dir, "test", "rules", "test.yml");
        Assert.True(exitCode is 0 or 1, output);

        // A test expecting no alert fails with what did fire: got: {burn="8", priority="P2"} 1E+00, ...
        var fired = new Dictionary<decimal, List<string>>();
        foreach (Match sample in Regex.Matches(output, "\\{burn=\"([0-9.]+)\", " + label + "=\"([^\"]+)\"\\}"))
        {
            var b = decimal.Parse(sample.Groups[1].Value, CultureInfo.InvariantCulture);
            (fired.TryGetValue(b, out var list) ? list : fired[b] = []).Add(sample.Groups[2].Value);
        }

        foreach (var list in fired.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        return fired;
    }
}
