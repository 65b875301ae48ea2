using System.Globalization;
using System.Text;
using System.Text.Json;
using MonitoringSre.Fleet;
using MonitoringSre.Tests.Support;
using MonitoringSre.Testing;

namespace MonitoringSre.Tests;

/// <summary>
/// A fleet of 50 services (five teams, one to three SLOs each) laid out for Prometheus and loaded into one real
/// Prometheus on 127.0.0.1 over an hour of backfilled traffic, evaluating every 5 seconds: every rule group healthy, no
/// iteration missed, no evaluation failed, and every query of the fleet dashboard answering for every SLO.
/// </summary>
[Trait("Category", "Live")]
public sealed class FleetPrometheusTests
{
    private const int Services = 50;

    [Fact]
    public async Task Fifty_services_rules_evaluate_in_one_prometheus_and_the_fleet_dashboard_answers_for_every_slo()
    {
        var services = Enumerable.Range(1, Services).Select(i =>
        {
            var slos = 1 + (i % 3);
            var yaml = $"service: svc{i:00}\nteam: team{i % 5}\nslos:\n" + string.Concat(Enumerable.Range(1, slos).Select(s =>
                $"  - name: slo{s}\n    objective: 99.{s}\n    sli:\n      availability: {{}}\n"));
            var result = SpecRun.Run(yaml);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return new FleetService(result.Model!, result.Rules!);
        }).ToList();
        var fleet = FleetBuilder.Build(services, new FleetOptions("Fleet.sln"));
        var sloCount = services.Sum(s => s.Model.Slos.Count);
        var groupCount = services.Sum(s => s.Rules.GroupNames.Count());

        using var dir = Promtool.Write(fleet.Files);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var history = new StringBuilder();
        foreach (var (code, perMinute) in new[] { ("200", 600), ("500", 1) })
        {
            for (var i = 1; i <= Services; i++)
            {
                for (var t = now - 3600; t <= now; t += 15)
                {
                    history.Append(CultureInfo.InvariantCulture,
                        $"http_server_request_duration_seconds_count{{job=\"svc{i:00}\",http_route=\"/orders\",http_response_status_code=\"{code}\"}} {(t - now + 3600) / 15 * perMinute / 4} {t}\n");
                }
            }
        }

        history.Append("# EOF\n");
        File.WriteAllText(Path.Combine(dir, "history.om"), history.ToString());
        var blocks = Promtool.Run(dir, "tsdb", "create-blocks-from", "openmetrics", "history.om", "data");
        Assert.True(blocks.ExitCode == 0, blocks.Output);
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), "global:\n  evaluation_interval: 5s\nrule_files:\n  - prometheus/*.rules.yml\n");

        var port = LiveProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var prometheus = LiveProcess.Start("prometheus",
            ["--config.file=prometheus.yml", "--storage.tsdb.path=data", "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)], dir);
        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        await prometheus.WaitForHttpAsync(http, url + "/-/ready", TimeSpan.FromSeconds(60));

        // Three evaluations of every group: the windows and the budget read the recordings of the ones before.
        var groups = await EveryGroupEvaluatedAsync(http, groupCount, times: 3, TimeSpan.FromSeconds(90));
        Assert.Equal(groupCount, groups.Count);
        Assert.All(groups, g => Assert.True(g.Health == "ok", $"{g.Name}: {g.Health} {g.Error}"));
        var metrics = await http.GetStringAsync("metrics");
        Assert.Equal(0, Sum(metrics, "prometheus_rule_group_iterations_missed_total"));
        Assert.Equal(0, Sum(metrics, "prometheus_rule_evaluation_failures_total"));

        var dashboard = JsonDocument.Parse(fleet.Files.Single(f => f.RelativePath == "dashboards/fleet-slos.json").Content).RootElement;
        var queries = dashboard.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.Equal(FleetDashboard.Queries(services.OrderBy(s => s.Model.Service, StringComparer.Ordinal).ToList()), queries);
        foreach (var query in queries)
        {
            var answer = await QueryAsync(http, query);
            Assert.True(answer.Count == sloCount, $"{answer.Count} of {sloCount} SLOs answer {query}");
            Assert.All(answer, v => Assert.True(double.IsFinite(v), $"{query}: {v}"));
        }
    }

    private sealed record Group(string Name, string Health, string? Error, DateTimeOffset Last, int Seen);

    private static async Task<List<Group>> EveryGroupEvaluatedAsync(HttpClient http, int expected, int times, TimeSpan timeout)
    {
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var until = DateTime.UtcNow + timeout;
        List<Group> groups = [];
        while (DateTime.UtcNow < until)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/rules"));
            groups = [];
            foreach (var g in doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
            {
                var name = g.GetProperty("name").GetString()!;
                var last = g.GetProperty("lastEvaluation").GetString()!;
                var evaluations = seen.TryGetValue(name, out var set) ? set : seen[name] = [];
                if (!last.StartsWith("0001", StringComparison.Ordinal))
                {
                    evaluations.Add(last);
                }

                var unhealthy = g.GetProperty("rules").EnumerateArray().FirstOrDefault(r => r.GetProperty("health").GetString() != "ok");
                groups.Add(new Group(name, unhealthy.ValueKind == JsonValueKind.Undefined ? "ok" : unhealthy.GetProperty("health").GetString()!,
                    unhealthy.ValueKind != JsonValueKind.Undefined && unhealthy.TryGetProperty("lastError", out var error) ? error.GetString() : null,
                    DateTimeOffset.Parse(last, CultureInfo.InvariantCulture), evaluations.Count));
            }

            if (groups.Count == expected && groups.All(g => g.Seen >= times))
            {
                return groups;
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"{groups.Count(g => g.Seen >= times)} of {expected} groups evaluated {times} times within {timeout}");
        return groups;
    }

    private static async Task<List<double>> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsync("api/v1/query", new FormUrlEncodedContent([new("query", query)]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        return [.. doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))];
    }

    /// <summary>The sum of a counter's samples in Prometheus' own /metrics text.</summary>
    private static double Sum(string metrics, string name) => metrics.Split('\n')
        .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '{' or ' '))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
