using System.Globalization;
using System.Text;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// The error ratios over 30m to 1d summed from the recorded 5m rates (alerting.windows: recorded, the default), against
/// the same ratios read from the raw series (windows: raw), in one promtool run over the same 30 hours of traffic: a day
/// and a night, bursts of errors short and long, by day and by night, and a counter reset. The two rule sets are built
/// for two services that read the same raw series.
/// </summary>
public sealed class WindowAccuracyTests
{
    private const int Minutes = 1800;
    private const string Budget = "0.001";

    /// <summary>
    /// The largest difference between the two ratios, per window, in burn-rate units (the difference divided by the error
    /// budget), that docs/outputs.md#rule-cost states. A recorded window weighs its first and last 5 minutes less, so the
    /// two differ most as a burst enters or leaves a window, and most of all where the burst is a large share of the
    /// window's requests: at night, in the first day, when the 1d window holds only the hours seen.
    /// </summary>
    private static readonly (string Window, decimal Bound)[] Bounds = [("30m", 50m), ("1h", 36m), ("2h", 24m), ("6h", 18m), ("1d", 18m)];

    /// <summary>
    /// Each window's ratio stays within its bound of the raw one, and moves by more than a tenth of that bound
    /// somewhere (so the traffic tests something). Every minute one rule set's page or ticket fires, the other's fired
    /// within 5 minutes either side: no alert that the raw-rate rules would not have raised, and none missed or more
    /// than 5 minutes late. The traffic fires every tier.
    /// </summary>
    [Fact]
    public void Recorded_windows_stay_within_their_bound_of_the_raw_ratios_and_fire_the_same_tiers_within_5_minutes()
    {
        var checks = new List<(string, string[])>();
        foreach (var (window, bound) in Bounds)
        {
            var record = "slo:sli_error:ratio_rate" + window;
            var largest = $"max_over_time((abs({record}{{service=\"shop\"}} - ignoring (service) {record}{{service=\"shop-raw\"}}) / {Budget})[{Minutes}m:1m])";
            checks.Add(($"{largest} > {bound.ToString(CultureInfo.InvariantCulture)}", []));
            checks.Add(($"{largest} > bool {(bound / 10).ToString(CultureInfo.InvariantCulture)}", ["{slo=\"availability\"}"]));
        }

        string Firing(string service) => $"ALERTS{{service=\"{service}\", long_window!=\"\", alertstate=\"firing\"}}";
        string Unmatched(string a, string b) =>
            $"count_over_time((({Firing(a)} offset 5m) unless on (long_window) max_over_time({Firing(b)}[10m]))[{Minutes}m:1m])";
        checks.Add((Unmatched("shop", "shop-raw"), []));
        checks.Add((Unmatched("shop-raw", "shop"), []));
        checks.Add(($"count by (long_window) (max_over_time({Firing("shop")}[{Minutes}m]))",
            ["{long_window=\"1h\"}", "{long_window=\"6h\"}", "{long_window=\"1d\"}", "{long_window=\"3d\"}"]));

        var test = Run(checks);
        Assert.True(test.ExitCode == 0, test.Output);
    }

    private static ProcessResult Run(IReadOnlyList<(string Expr, string[] Labels)> checks)
    {
        const string spec = """
            service: {0}
            metrics:
              selector: job="shop"
            alerting:
              windows: {1}
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {{}}
            """;
        var recorded = SpecRun.Run(string.Format(CultureInfo.InvariantCulture, spec, "shop", "recorded"));
        var raw = SpecRun.Run(string.Format(CultureInfo.InvariantCulture, spec, "shop-raw", "raw"));
        Assert.True(recorded.Succeeded && raw.Succeeded, string.Join("\n", recorded.Diagnostics.Concat(raw.Diagnostics)));
        using var dir = Promtool.Write(recorded.Files.Concat(raw.Files).Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)));
        var alerts = Path.Combine(dir, "alerts");
        File.WriteAllText(Path.Combine(alerts, "accuracy.test.yml"), TestFile(checks));
        return Promtool.Run(alerts, "test", "rules", "accuracy.test.yml");
    }

    private static string TestFile(IReadOnlyList<(string Expr, string[] Labels)> checks)
    {
        var (good, bad) = Traffic();
        var text = new StringBuilder()
            .Append("rule_files: [shop.rules.yml, shop-raw.rules.yml]\nevaluation_interval: 1m\n")
            .Append("group_eval_order: [shop-availability-sli, shop-availability-budget, shop-availability-alerts, ")
            .Append("shop-raw-availability-sli, shop-raw-availability-budget, shop-raw-availability-alerts]\n")
            .Append("tests:\n  - interval: 1m\n    input_series:\n")
            .Append("      - series: 'up{job=\"shop\"}'\n        values: '1+0x").Append(Minutes).Append("'\n")
            .Append("      - series: 'http_server_request_duration_seconds_count{job=\"shop\", http_response_status_code=\"200\"}'\n")
            .Append("        values: '").AppendJoin(' ', good).Append("'\n")
            .Append("      - series: 'http_server_request_duration_seconds_count{job=\"shop\", http_response_status_code=\"500\"}'\n")
            .Append("        values: '").AppendJoin(' ', bad).Append("'\n")
            .Append("    promql_expr_test:\n");
        foreach (var (expr, labels) in checks)
        {
            text.Append("      - expr: '").Append(expr.Replace("'", "''", StringComparison.Ordinal)).Append("'\n")
                .Append("        eval_time: ").Append(Minutes).Append("m\n");
            if (labels.Length == 0)
            {
                text.Append("        exp_samples: []\n");
                continue;
            }

            text.Append("        exp_samples:\n");
            foreach (var label in labels)
            {
                text.Append("          - labels: '").Append(label).Append("'\n            value: ").Append(label == "{}" ? "1" : "1").Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The counters, a value a minute for 30 hours from midnight. Days (06:00 to 22:00) have 600 requests a minute and
    /// nights 30, with 0.05% failing, spread evenly. On top: 10 minutes of ten times the night's traffic with 20% failing
    /// at 03:00; 5 minutes of half the day's requests failing at 15:00; a slow hour of 1% at 20:00; and 3 hours of 0.5%
    /// from 01:00 the next night, with the service restarting (both counters back to 0) at 02:00.
    /// </summary>
    private static (List<long> Good, List<long> Bad) Traffic()
    {
        List<long> good = [], bad = [];
        long okTotal = 0, errorTotal = 0;
        double owed = 0;
        for (var m = 0; m <= Minutes; m++)
        {
            var hour = m % 1440 / 60.0;
            var requests = hour is >= 6 and < 22 ? 600 : 30;
            var ratio = 0.0005;
            if (m is >= 180 and < 190)
            {
                (requests, ratio) = (300, 0.2);
            }
            else if (m is >= 900 and < 905)
            {
                ratio = 0.5;
            }
            else if (m is >= 1200 and < 1260)
            {
                ratio = 0.01;
            }
            else if (m is >= 1440 + 60 and < 1440 + 240)
            {
                ratio = 0.005;
            }

            if (m == 1440 + 120)
            {
                (okTotal, errorTotal) = (0, 0);
            }

            owed += requests * ratio;
            var errors = (long)Math.Floor(owed);
            owed -= errors;
            if (m > 0)
            {
                okTotal += requests - errors;
                errorTotal += errors;
            }

            good.Add(okTotal);
            bad.Add(errorTotal);
        }

        return (good, bad);
    }
}
