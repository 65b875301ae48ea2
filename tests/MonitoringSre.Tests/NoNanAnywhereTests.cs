using System.Globalization;
using System.Text;
using System.Text.Json;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// No query the package writes ever answers NaN or ±Inf: every recorded series, every alert's expression and every
/// dashboard panel's query, asked by promtool at several times of traffic shapes written here by hand — no traffic,
/// traffic that starts and that stops mid-window, a counter reset, every request failing — for an SLO of each kind,
/// 99.999% over 365 days among them, and a custom query that is 0/0 whenever nothing is requested (Sloth #531).
/// </summary>
public sealed class NoNanAnywhereTests
{
    private const string Specs = """
        service: shop
        period: {0}
        metrics:
          business:
            - metric: orders_placed_total
              title: Orders placed
        slos:
          - name: availability
            objective: {1}
            sli:
              availability: {{}}
          - name: latency
            objective: 99
            sli:
              latency: {{threshold: 250ms}}
          - name: checkout
            objective: 99.5
            sli:
              ratio:
                errors: sum(rate(requests_total{{job="shop"}}[{{{{window}}}}])) * (1 - sum(rate(ok_total{{job="shop"}}[{{{{window}}}}])) / sum(rate(requests_total{{job="shop"}}[{{{{window}}}}])))
                total: sum(rate(requests_total{{job="shop"}}[{{{{window}}}}]))
          - name: freshness
            objective: 99
            sli:
              raw:
                errorRatio: sum(rate(stale_total{{job="shop"}}[{{{{window}}}}])) / sum(rate(requests_total{{job="shop"}}[{{{{window}}}}]))
        """;

    /// <summary>Requests and failed requests a minute at minute m (null: the counters do not exist yet), and the minute the counters start again from 0.</summary>
    private sealed record Shape(string Name, Func<int, (int Requests, int Failed)?> Traffic, int Reset = -1);

    private static readonly Shape[] Shapes =
    [
        new("no traffic", _ => (0, 0)),
        new("traffic starts at minute 60", m => m < 60 ? null : (10, 1)),
        new("traffic stops at minute 60", m => m <= 60 ? (10, 1) : (0, 0)),
        new("the counters reset at minute 60", _ => (10, 1), Reset: 60),
        new("every request fails", _ => (10, 10)),
    ];

    private const int Minutes = 150;
    private static readonly int[] Times = [5, 65, 90, 150];

    [Theory]
    [InlineData("30d", "99.9")]
    [InlineData("365d", "99.999")]
    public void No_recording_alert_or_panel_answers_nan_or_inf_whatever_the_traffic(string period, string objective)
    {
        var spec = string.Format(CultureInfo.InvariantCulture, Specs, period, objective);
        var result = SpecRun.Run(spec);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var queries = result.Rules!.Alerts.Select(a => ("alert " + a.Alert, a.Expr))
            .Concat(result.Files.Where(f => f.RelativePath.EndsWith(".json", StringComparison.Ordinal)).SelectMany(f => PanelQueries(f.Content)))
            .Append(("every recorded series", Recorded))
            .ToList();
        Assert.True(queries.Count > 60, $"only {queries.Count} queries");

        using var dir = Promtool.Write(result.Files.Where(f => f.RelativePath == "alerts/shop.rules.yml"));
        var test = new StringBuilder("rule_files: [shop.rules.yml]\nevaluation_interval: 5m\ntests:\n");
        foreach (var shape in Shapes)
        {
            test.Append("  - name: ").Append(Quote(shape.Name)).Append("\n    interval: 1m\n    input_series:\n");
            foreach (var (series, values) in Inputs(shape))
            {
                test.Append("      - series: ").Append(Quote(series)).Append("\n        values: ").Append(Quote(values)).Append('\n');
            }

            test.Append("    promql_expr_test:\n");
            foreach (var time in Times)
            {
                foreach (var (what, expr) in queries)
                {
                    test.Append("      - expr: ").Append(Quote($"({expr}) != ({expr}) or abs({expr}) == Inf")).Append("  # ").Append(what.Replace('\n', ' '))
                        .Append("\n        eval_time: ").Append(time.ToString(CultureInfo.InvariantCulture)).Append("m\n        exp_samples: []\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "alerts", "nan.test.yml"), test.ToString());
        var run = Promtool.Run(Path.Combine(dir, "alerts"), "test", "rules", "nan.test.yml");
        Assert.True(run.ExitCode == 0, run.Output.Length > 20_000 ? run.Output[..20_000] : run.Output);
    }

    /// <summary>Every series the rules record, each told apart by its name copied into a label.</summary>
    private const string Recorded = "label_replace({__name__=~\"slo:.+\"}, \"name\", \"$1\", \"__name__\", \"(.+)\")";

    private static IEnumerable<(string, string)> PanelQueries(string dashboard)
    {
        using var doc = JsonDocument.Parse(dashboard);
        var queries = new List<(string, string)>();
        void Walk(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                foreach (var target in panel.TryGetProperty("targets", out var t) ? t.EnumerateArray() : default)
                {
                    queries.Add(("panel " + panel.GetProperty("title").GetString(), target.GetProperty("expr").GetString()!
                        .Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$__range", "1h", StringComparison.Ordinal)
                        .Replace("$node", ".+", StringComparison.Ordinal)));
                }

                if (panel.TryGetProperty("panels", out var nested))
                {
                    Walk(nested);
                }
            }
        }

        Walk(doc.RootElement.GetProperty("panels"));
        return queries;
    }

    /// <summary>
    /// The service's counters, gauges and info series, and a host's, as the shape has them minute by minute; a host whose
    /// memory and file system report a size of 0, as some pseudo file systems do.
    /// </summary>
    private static IEnumerable<(string Series, string Values)> Inputs(Shape shape)
    {
        var (traffic, reset) = (shape.Traffic, shape.Reset);
        string Counter(Func<(int Requests, int Failed), int> per)
        {
            var values = new List<string>();
            var total = 0;
            for (var m = 0; m <= Minutes; m++)
            {
                if (traffic(m) is not { } now)
                {
                    values.Add("_");
                    continue;
                }

                total = m == reset ? 0 : total + (m == 0 || traffic(m - 1) is null ? 0 : per(now));
                values.Add(total.ToString(CultureInfo.InvariantCulture));
            }

            return string.Join(' ', values);
        }

        const string http = "http_server_request_duration_seconds";
        yield return ("up{job=\"shop\"}", "1x" + Minutes);
        yield return ("target_info{job=\"shop\", service_version=\"1.0.0\"}", "1x" + Minutes);
        yield return ($"{http}_count{{job=\"shop\", http_response_status_code=\"200\", http_route=\"/orders\"}}", Counter(t => t.Requests - t.Failed));
        yield return ($"{http}_count{{job=\"shop\", http_response_status_code=\"500\", http_route=\"/orders\"}}", Counter(t => t.Failed));
        yield return ($"{http}_bucket{{job=\"shop\", le=\"0.25\", http_route=\"/orders\"}}", Counter(t => t.Requests - t.Failed));
        yield return ($"{http}_bucket{{job=\"shop\", le=\"+Inf\", http_route=\"/orders\"}}", Counter(t => t.Requests));
        yield return ("requests_total{job=\"shop\"}", Counter(t => t.Requests));
        yield return ("ok_total{job=\"shop\"}", Counter(t => t.Requests - t.Failed));
        yield return ("stale_total{job=\"shop\"}", Counter(t => t.Failed));
        yield return ("orders_placed_total{job=\"shop\"}", Counter(t => t.Requests - t.Failed));
        yield return ("dotnet_process_cpu_time_seconds_total{job=\"shop\", instance=\"a\"}", "0x" + Minutes);
        yield return ("dotnet_process_cpu_count{job=\"shop\", instance=\"a\"}", "0x" + Minutes);
        yield return ("node_cpu_seconds_total{mode=\"idle\", instance=\"a\"}", "0x" + Minutes);
        yield return ("node_load1{instance=\"a\"}", "0x" + Minutes);
        yield return ("node_memory_MemAvailable_bytes{instance=\"a\"}", "0x" + Minutes);
        yield return ("node_memory_MemTotal_bytes{instance=\"a\"}", "0x" + Minutes);
        yield return ("node_filesystem_avail_bytes{instance=\"a\", fstype=\"ext4\", mountpoint=\"/\"}", "0x" + Minutes);
        yield return ("node_filesystem_size_bytes{instance=\"a\", fstype=\"ext4\", mountpoint=\"/\"}", "0x" + Minutes);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
