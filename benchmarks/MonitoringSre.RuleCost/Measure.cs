using System.Globalization;
using System.Text.Json;

namespace MonitoringSre.RuleCost;

/// <summary>
/// Loads each rule file in turn into a running Prometheus (started with --web.enable-lifecycle; its configuration
/// file rewritten to hold that one file, then reloaded), so that no file's evaluation waits for the CPU another's took,
/// and prints, per file: the evaluation time per cycle (each group's evaluations averaged, then summed over the file's
/// groups: the evaluator's work per cycle), the slowest group, the samples one cycle's queries read, and the
/// iterations Prometheus missed.
/// </summary>
internal static class Measure
{
    public static async Task<int> Run(string url, string config, int seconds, string[] files)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        var global = "global: { scrape_interval: 30s, evaluation_interval: 30s }\n";
        Console.WriteLine("| rule file | groups | rules | evaluations seen | per cycle | slowest group | samples per cycle | iterations missed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (label, path) in files.Select(f => f.Split('=', 2)).Select(p => (p[0], Path.GetFullPath(p[1]))))
        {
            await File.WriteAllTextAsync(config, global + "rule_files:\n  - " + path + "\n");
            using (var reload = await http.PostAsync("-/reload", null))
            {
                reload.EnsureSuccessStatusCode();
            }

            // The first evaluation of a group after a reload starts cold: measured from the second on.
            var evaluations = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            var rules = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            var end = DateTime.UtcNow.AddSeconds(seconds);
            var giveUp = DateTime.UtcNow.AddSeconds(seconds * 4);
            while (DateTime.UtcNow < end || (evaluations.Count < rules.Count && DateTime.UtcNow < giveUp))
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/rules"));
                foreach (var group in doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray())
                {
                    var name = group.GetProperty("name").GetString()!;
                    rules[name] = [.. group.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("query").GetString()!)];
                    var last = group.GetProperty("lastEvaluation").GetString()!;
                    if (last.StartsWith("0001", StringComparison.Ordinal) || first.TryAdd(name, last) || first[name] == last)
                    {
                        continue;
                    }

                    (evaluations.TryGetValue(name, out var seen) ? seen : evaluations[name] = [])[last] = group.GetProperty("evaluationTime").GetDouble();
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            var missed = await Vector(http, "sum by (rule_group) (prometheus_rule_group_iterations_missed_total)", "rule_group");
            var means = evaluations.ToDictionary(e => e.Key, e => e.Value.Values.Average(), StringComparer.Ordinal);
            long samples = 0;
            foreach (var query in rules.Values.SelectMany(r => r))
            {
                samples += await Samples(http, query);
            }

            var slowest = means.MaxBy(m => m.Value);
            // Prometheus labels a group's counters with "<file>;<group>".
            var missedHere = missed.Where(m => m.Key.StartsWith(path + ";", StringComparison.Ordinal)).Sum(m => m.Value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {rules.Count} | {rules.Values.Sum(r => r.Count)} | {evaluations.Values.DefaultIfEmpty([]).Min(e => e.Count)}–{evaluations.Values.DefaultIfEmpty([]).Max(e => e.Count)} | {means.Values.Sum():0.000} s | {slowest.Value:0.000} s ({slowest.Key}) | {samples:N0} | {missedHere:0} |"));
        }

        return 0;
    }

    /// <summary>The samples a query reads now, from Prometheus' own query statistics.</summary>
    private static async Task<long> Samples(HttpClient http, string query)
    {
        var body = new FormUrlEncodedContent([new("query", query), new("stats", "all")]);
        using var response = await http.PostAsync("api/v1/query", body);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("stats", out var stats)
            ? stats.GetProperty("samples").GetProperty("totalQueryableSamples").GetInt64()
            : 0;
    }

    private static async Task<Dictionary<string, double>> Vector(HttpClient http, string query, string label)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query)));
        return doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            r => r.GetProperty("metric").GetProperty(label).GetString()!,
            r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }
}
