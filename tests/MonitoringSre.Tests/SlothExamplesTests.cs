using System.Globalization;
using MonitoringSre.Generation;
using MonitoringSre.Import;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;
using Xunit.Abstractions;

using System.Text.RegularExpressions;

namespace MonitoringSre.Tests;

/// <summary>
/// Every example Sloth ships (tests/TestData/sloth-examples, with the rules Sloth generated for each in _gen/) builds
/// unchanged, or is refused for what it really is; and what builds pages and tickets at the burn rates Sloth's own
/// rules do, on traffic made for the series each example's queries select.
/// </summary>
public sealed partial class SlothExamplesTests(ITestOutputHelper output)
{
    /// <summary>Burn rates away from the thresholds (1, 3, 6 and 14.4 at 30 days), so rounding decides nothing.</summary>
    private static readonly decimal[] BurnRates = [0.5m, 2m, 4m, 8m, 12m, 20m, 100m];

    /// <summary>Every example: the codes of the errors it is refused with, none when it builds.</summary>
    public static readonly TheoryData<string, string?, string> Outcomes = new()
    {
        { "contrib-denominator-corrected.yaml", null, "" },
        { "contrib-slo-plugins.yml", null, "MON029 MON029 MON029 MON032" },
        { "getting-started.yml", null, "" },
        { "home-wifi.yml", null, "" },
        { "k8s-getting-started.yml", null, "" },
        { "k8s-home-wifi.yml", null, "" },
        { "k8s-multifile.yml", null, "MON065" },
        { "k8s-multifile.yml", "myservice", "" },
        { "k8s-multifile.yml", "myservice2", "" },
        { "kubernetes-apiserver.yml", null, "" },
        { "multifile.yml", null, "MON065" },
        { "multifile.yml", "myservice", "" },
        { "multifile.yml", "myservice2", "" },
        { "no-alerts.yml", null, "" },
        { "openslo-getting-started.yml", null, "" },
        { "openslo-kubernetes-apiserver.yml", null, "" },
        { "plugin-getting-started.yml", null, "MON061" },
        { "plugin-k8s-getting-started.yml", null, "MON061 MON060 MON060" },
        { "raw-home-wifi.yml", null, "" },
        { "slo-plugin-getting-started.yml", null, "" },
        { "slo-plugin-k8s-getting-started.yml", null, "" },
        { "victoria-metrics.yml", null, "MON089 MON039 MON039 MON014 MON039 MON039 MON014" },
    };

    /// <summary>Rules and tests promtool has passed in this run, without their comments.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Judged = new();

    public static PipelineResult Build(string example, string? service = null)
    {
        var file = Repo.TestData("sloth-examples", example);
        return MonitoringPipeline.Run(file, File.ReadAllBytes(file), new GenerationOptions(Import: new ImportOptions(Service: service)));
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Example_builds_or_is_refused_with_every_problem_at_once(string example, string? service, string errors)
    {
        var result = Build(example, service);
        output.WriteLine(string.Join("\n", result.Diagnostics));
        Assert.Equal(errors, string.Join(" ", result.Diagnostics.Where(d => d.IsError).Select(d => d.Code)));
        Assert.Equal(errors.Length == 0, result.Succeeded);
        Assert.All(result.Diagnostics, d => Assert.True(d.Location.Line > 0, $"{d.Code} names no line"));
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void What_builds_passes_promtool_check_and_its_own_generated_tests(string example, string? service, string errors)
    {
        if (errors.Length > 0)
        {
            return;
        }

        var result = Build(example, service);
        var rules = result.Files.Single(f => f.RelativePath.StartsWith("alerts/", StringComparison.Ordinal) && f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal));
        var tests = rules.RelativePath.Replace(".rules.yml", ".rules.test.yml", StringComparison.Ordinal);

        // Examples that differ only in form make the same rules and tests: promtool has judged those already.
        if (!Judged.TryAdd(Body(rules.Content) + Body(result.Files.SingleOrDefault(f => f.RelativePath == tests)?.Content ?? string.Empty), true))
        {
            return;
        }

        using var dir = Promtool.Write(result.Files);
        var check = Promtool.Run(dir, "check", "rules", rules.RelativePath);
        Assert.True(check.ExitCode == 0, check.Output);
        if (result.Files.Any(f => f.RelativePath == tests))
        {
            var test = Promtool.Run(dir, "test", "rules", tests);
            Assert.True(test.ExitCode == 0, test.Output);
        }
    }

    [Fact]
    public void Sloths_own_generated_rules_for_contrib_slo_plugins_fail_promtool_on_the_label_names_we_refuse()
    {
        using var dir = TestTemp.Folder("sloth-gen");
        File.Copy(Repo.TestData("sloth-examples", "_gen", "contrib-slo-plugins.yml"), Path.Combine(dir, "rules.yml"));
        var check = Promtool.Run(dir, "check", "rules", "rules.yml");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("invalid label name: plug-l1", check.Output);
        Assert.Contains("'plug-l1' is not a valid Prometheus label name", Build("contrib-slo-plugins.yml").Diagnostics.First(d => d.Code == "MON029").Message);
    }

    /// <summary>
    /// contrib-slo-plugins.yml with its label names made Prometheus' (plug_l1 for plug-l1) and its second alert named
    /// apart: info_labels labels the first SLO's metadata series and nothing else, rule_intervals gives the second SLO's
    /// groups a 5m interval, and the rules pass promtool and their generated tests.
    /// </summary>
    [Fact]
    public void Contrib_slo_plugins_map_to_info_labels_and_the_groups_evaluation_interval()
    {
        var result = ContribSloPlugins(text => text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["MON088", "MON088"], result.Diagnostics.Where(d => d.Code != "MON035").Select(d => d.Code));

        const string intervals = "requests-availability-contrib-plugin-rule-intervals-v1";
        var groups = result.Rules!.Groups.ToList();
        Assert.All(groups.Where(g => g.Name.Contains(intervals, StringComparison.Ordinal)), g => Assert.Equal("5m", g.Interval));
        Assert.All(groups.Where(g => !g.Name.Contains(intervals, StringComparison.Ordinal)), g => Assert.Null(g.Interval));
        var labelled = result.Rules.Recordings.Where(r => r.Labels.Any(l => l is { Name: "plug_l1", Value: "in-k1" })).Select(r => r.Record).ToList();
        Assert.Equal(["slo:objective:ratio", "slo:error_budget:ratio", "slo:time_period:days"], labelled);
        Assert.All(result.Rules.Alerts, a => Assert.DoesNotContain(a.Labels, l => l.Name == "plug_l1"));
        Assert.Equal(3, result.Files.Single(f => f.RelativePath == "alerts/myservice.rules.yml").Content.Split("\n  interval: \"5m\"\n").Length - 1);

        using var dir = Promtool.Write(result.Files);
        var check = Promtool.Run(dir, "check", "rules", "alerts/myservice.rules.yml");
        Assert.True(check.ExitCode == 0, check.Output);
        var test = Promtool.Run(dir, "test", "rules", "alerts/myservice.rules.test.yml");
        Assert.True(test.ExitCode == 0, test.Output);
    }

    /// <summary>contrib-slo-plugins.yml made buildable (label names plug_l1 for plug-l1, the second alert named apart), then edited.</summary>
    private static PipelineResult ContribSloPlugins(Func<string, string> edit)
    {
        var file = Repo.TestData("sloth-examples", "contrib-slo-plugins.yml");
        var text = File.ReadAllText(file).Replace("plug-l", "plug_l", StringComparison.Ordinal);
        var second = text.LastIndexOf("name: MyServiceHighErrorRate", StringComparison.Ordinal);
        text = text[..second] + "name: MyServiceHighErrorRateIntervals" + text[(second + "name: MyServiceHighErrorRate".Length)..];
        return MonitoringPipeline.Run(file, System.Text.Encoding.UTF8.GetBytes(edit(text)), new GenerationOptions());
    }

    [Theory]
    [InlineData("default: 10m", "MON015", 48, 24, "Write at most 5m")]
    [InlineData("default: 5m\n              alert: 1m", "MON062", 49, 15, "An interval for Sloth's alert rules other than the default (1m, not 5m)")]
    public void A_rule_interval_over_5m_or_one_per_kind_of_rule_is_an_error_at_its_line(string interval, string code, int line, int column, string message)
    {
        var result = ContribSloPlugins(text => text.Replace("default: 5m", interval, StringComparison.Ordinal));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((code, line, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    /// <summary>An SLO of an example, the traffic that burns its budget at a given rate, and the rates it can burn at.</summary>
    public sealed record ExampleSlo(string Example, string? Service, string ServiceLabel, string Name, decimal Objective, Func<decimal, IReadOnlyList<InputSeries>> Traffic, decimal[]? Burns = null);

    public static IReadOnlyList<ExampleSlo> Slos { get; } =
    [
        new("contrib-denominator-corrected.yaml", null, "svc01", "slo1", 99.9m, Http),
        new("getting-started.yml", null, "myservice", "requests-availability", 99.9m, Http),
        new("k8s-getting-started.yml", null, "myservice", "requests-availability", 99.9m, Http),
        new("slo-plugin-getting-started.yml", null, "myservice", "requests-availability", 99.9m, Http),
        new("slo-plugin-k8s-getting-started.yml", null, "myservice", "requests-availability", 99.9m, Http),
        new("multifile.yml", "myservice", "myservice", "requests-availability", 99.9m, Http),
        new("multifile.yml", "myservice2", "myservice2", "requests-availability", 99.99m, Http),
        new("k8s-multifile.yml", "myservice", "myservice", "requests-availability", 99.9m, Http),
        new("k8s-multifile.yml", "myservice2", "myservice2", "requests-availability", 99.99m, Http),
        new("kubernetes-apiserver.yml", null, "k8s-apiserver", "requests-availability", 99.9m, ApiserverRequests),
        new("kubernetes-apiserver.yml", null, "k8s-apiserver", "requests-latency", 99m, ApiserverLatency),
        new("home-wifi.yml", null, "home-wifi", "good-wifi-client-satisfaction", 95m, r => Wifi(r, 40, 0.6m), [0.5m, 2m, 4m, 8m, 12m, 20m]),
        new("home-wifi.yml", null, "home-wifi", "risk-wifi-client-satisfaction", 99.9m, r => Wifi(r, 100, 0.4m), [10m, 20m, 50m, 100m]),
        new("k8s-home-wifi.yml", null, "home-wifi", "good-wifi-client-satisfaction", 95m, r => Wifi(r, 40, 0.6m), [0.5m, 2m, 4m, 8m, 12m, 20m]),
        new("k8s-home-wifi.yml", null, "home-wifi", "risk-wifi-client-satisfaction", 99.9m, r => Wifi(r, 100, 0.4m), [10m, 20m, 50m, 100m]),
        new("raw-home-wifi.yml", null, "home-wifi", "wifi-client-satisfaction", 95m, RawWifi),
        new("no-alerts.yml", null, "myapp", "http-availability", 99.99m, r => Http(r, "myapp")),
        new("openslo-getting-started.yml", null, "my-service", "sloth-slo-my-service-0", 99.9m, Http),
        new("openslo-kubernetes-apiserver.yml", null, "k8s-apiserver", "requests-availability-openslo-0", 99.9m, ApiserverRequests),
        new("openslo-kubernetes-apiserver.yml", null, "k8s-apiserver", "requests-latency-openslo-0", 99m, ApiserverLatency),
        new("openslo-kubernetes-apiserver.yml", null, "k8s-apiserver", "requests-latency-openslo-1", 99.9m, ApiserverLatency),
    ];

    /// <summary>
    /// Where Sloth's rules alert, ours page (P1/P2) where its page fires and ticket (P3) where its ticket fires, at
    /// every burn rate from 0.5x to 100x the budget's. Where Sloth writes no alerts (an OpenSLO input, or both tiers
    /// disabled), the error ratios both record over 5m, 1h and 6h agree instead.
    /// </summary>
    [Fact]
    public void Every_example_that_builds_fires_where_sloths_own_rules_fire()
    {
        var rows = new string[Slos.Count];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        // Examples that differ only in form (the resource and the plain file, a debug plugin) make the same rules, and
        // Sloth the same groups: promtool's answer for one is the answer for all, so each pair of rule files runs once.
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(string Verdict, string[] Failures)>>();

        // promtool runs single-threaded: two SLOs at a time use both cores.
        Parallel.For(0, Slos.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var slo = Slos[i];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = Build(slo.Example, slo.Service);
            Assert.True(result.Succeeded, slo.Example + ": " + string.Join("\n", result.Diagnostics));
            var ours = result.Files.Single(f => f.RelativePath == $"alerts/{slo.ServiceLabel}.rules.yml").Content;
            var gen = Path.ChangeExtension(Repo.TestData("sloth-examples", "_gen", slo.Example), null);
            var sloth = RuleFiring.SlothGroups(File.ReadAllText(File.Exists(gen + ".yml") ? gen + ".yml" : gen + ".yaml"));
            if (slo.Example.StartsWith("contrib-denominator", StringComparison.Ordinal))
            {
                // The plugin scales each window's errors by rate(total[window]) / rate(total[30d]), 1 under steady traffic
                // once 30 days are stored. promtool's unit tests hold five hours, and a rate over 30d divides by 30 days:
                // the factor would be ~144 and Sloth's rules would page at any error rate. Compared where it is 1.
                sloth = DenominatorCorrection().Replace(sloth, "[$1])))/(sum(rate($2[$1]");
            }

            var budget = 1m - (slo.Objective / 100m);
            var burns = (slo.Burns ?? BurnRates).Where(b => b * budget <= 1m).ToArray();
            var scenarios = burns.ToDictionary(b => b.ToString(CultureInfo.InvariantCulture), b => slo.Traffic(b * budget));
            var slothAlerts = sloth.Contains("alert:", StringComparison.Ordinal);
            var key = string.Join("\n---\n", [Body(ours), sloth, slo.ServiceLabel, slo.Name, .. scenarios.SelectMany(sc => sc.Value.Select(x => sc.Key + x))]);
            var first = answered.GetOrAdd(key, _ => new Lazy<(string, string[])>(() => Compare(slo, ours, sloth, slothAlerts, scenarios, burns, budget)));
            var (verdict, found) = first.Value;
            foreach (var f in found)
            {
                failures.Add(f);
            }

            rows[i] = ($"| {slo.Example}{(slo.Example.StartsWith("contrib-denominator", StringComparison.Ordinal) ? " (correction at 1)" : string.Empty)}{(slo.Service is null ? string.Empty : " (" + slo.Service + ")")} | {slo.Name} | {(slothAlerts ? "page/ticket vs P1+P2/P3" : "recorded error ratios")} | {string.Join(", ", burns.Select(b => b.ToString(CultureInfo.InvariantCulture) + "x"))} | {verdict} | {clock.Elapsed.TotalSeconds:0.0}s |");
        });

        output.WriteLine(string.Join("\n", ["| example | SLO | compared | burn rates | result | time |", "|---|---|---|---|---|---|", .. rows]));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Sloth's rules and ours over the same scenarios: their alerts, or where Sloth writes none, their recorded ratios.</summary>
    private static (string Verdict, string[] Failures) Compare(ExampleSlo slo, string ours, string sloth, bool slothAlerts,
        Dictionary<string, IReadOnlyList<InputSeries>> scenarios, decimal[] burns, decimal budget)
    {
        var found = new List<string>();
        string verdict;
        if (slothAlerts)
        {
            var fired = RuleFiring.Fired(
                [
                    new FiringSide("sloth", sloth, $"sloth_service=\"{slo.ServiceLabel}\",sloth_slo=\"{slo.Name}\"", "sloth_severity"),
                    new FiringSide("ours", ours, $"service=\"{slo.ServiceLabel}\",slo=\"{slo.Name}\",alertname!~\".*SliAbsent\"", "priority"),
                ],
                scenarios);
            var (theirs, mine) = (fired["sloth"], fired["ours"]);
            var differ = scenarios.Keys.Where(k => theirs[k].Contains("page") != (mine[k].Contains("P1") || mine[k].Contains("P2"))
                || theirs[k].Contains("ticket") != mine[k].Contains("P3")).ToList();
            foreach (var k in differ)
            {
                found.Add($"{slo.Example} {slo.Name} at {k}x: Sloth fired [{string.Join(", ", theirs[k])}], we fired [{string.Join(", ", mine[k])}]");
            }
            var quiet = scenarios.Keys.Count(k => theirs[k].Count == 0);
            var paging = scenarios.Keys.Count(k => theirs[k].Contains("page"));
            verdict = differ.Count == 0
                ? $"same at all {scenarios.Count}: quiet at {quiet}, ticket only at {scenarios.Count - quiet - paging}, page at {paging}"
                : $"{differ.Count} of {scenarios.Count} differ";
            if ((quiet == 0 && burns[0] < 1m) || paging == 0)
            {
                found.Add($"{slo.Example} {slo.Name}: the burn rates must include quiet and paging ones; Sloth fired "
                    + string.Join("; ", scenarios.Keys.Select(k => $"{k}x [{string.Join(", ", theirs[k])}]")) + ", we fired "
                    + string.Join("; ", scenarios.Keys.Select(k => $"{k}x [{string.Join(", ", mine[k])}]")));
            }
        }
        else
        {
            string[] windows = ["5m", "1h", "6h"];
            var values = RuleFiring.Values([sloth, ours], scenarios, windows
                .SelectMany(w => new[]
                {
                    KeyValuePair.Create("sloth" + w, $"slo:sli_error:ratio_rate{w}{{sloth_service=\"{slo.ServiceLabel}\",sloth_slo=\"{slo.Name}\"}}"),
                    KeyValuePair.Create("ours" + w, $"slo:sli_error:ratio_rate{w}{{service=\"{slo.ServiceLabel}\",slo=\"{slo.Name}\"}}"),
                }).ToDictionary(), "1m", "1h", "5m");
            var theirs = values.Where(v => v.Key.Name.StartsWith("sloth", StringComparison.Ordinal)).ToDictionary(v => (v.Key.Scenario, Name: v.Key.Name[5..]), v => v.Value);
            var mine = values.Where(v => v.Key.Name.StartsWith("ours", StringComparison.Ordinal)).ToDictionary(v => (v.Key.Scenario, Name: v.Key.Name[4..]), v => v.Value);
            foreach (var (at, t) in theirs)
            {
                var expected = (double)(decimal.Parse(at.Scenario, CultureInfo.InvariantCulture) * budget);
                if (t is not { } their || mine[at] is not { } my || Math.Abs(their - my) > 1e-9 * Math.Max(1, Math.Abs(their)) || Math.Abs(their - expected) > 1e-9)
                {
                    found.Add($"{slo.Example} {slo.Name} at {at.Scenario}x over {at.Name}: Sloth recorded {t}, we recorded {mine[at]}, the traffic's ratio is {expected}");
                }
            }

            verdict = $"no alerts in Sloth's rules; error ratios over 5m, 1h and 6h equal at all {scenarios.Count}";
        }

        return (verdict, [.. found]);
    }

    /// <summary>A rule file without its comments: two examples' rules are the same when only the file they came from differs.</summary>
    private static string Body(string rules) => string.Join("\n", rules.Split('\n').Where(l => !l.StartsWith('#')));

    [GeneratedRegex("\\[(\\w+)\\]\\)\\)\\)/\\(sum\\(rate\\((.*?)\\[30d\\]")]
    private static partial Regex DenominatorCorrection();

    private static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>Requests of job="myservice" (or another job), 1000 a minute, a share r of them 500s.</summary>
    private static IReadOnlyList<InputSeries> Http(decimal r) => Http(r, "myservice");

    private static IReadOnlyList<InputSeries> Http(decimal r, string job) =>
    [
        new($"http_request_duration_seconds_count{{job=\"{job}\",code=\"500\"}}", $"0+{N(r * 1000m)}x300"),
        new($"http_request_duration_seconds_count{{job=\"{job}\",code=\"200\"}}", $"0+{N((1m - r) * 1000m)}x300"),
        new($"up{{job=\"{job}\"}}", "1x300"),
    ];

    private static IReadOnlyList<InputSeries> ApiserverRequests(decimal r) =>
    [
        new("apiserver_request_total{code=\"500\"}", $"0+{N(r * 1000m)}x300"),
        new("apiserver_request_total{code=\"200\"}", $"0+{N((1m - r) * 1000m)}x300"),
    ];

    /// <summary>1000 requests a minute; a share r are slower than 5s, so over both the 0.4s and the 5s bucket.</summary>
    private static IReadOnlyList<InputSeries> ApiserverLatency(decimal r) =>
    [
        new("apiserver_request_duration_seconds_count{verb=\"GET\"}", "0+1000x300"),
        new("apiserver_request_duration_seconds_bucket{le=\"0.4\",verb=\"GET\"}", $"0+{N((1m - r) * 1000m)}x300"),
        new("apiserver_request_duration_seconds_bucket{le=\"5\",verb=\"GET\"}", $"0+{N((1m - r) * 1000m)}x300"),
        new("apiserver_request_duration_seconds_count{verb=\"WATCH\"}", "0+500x300"),
    ];

    /// <summary>
    /// Wifi clients' satisfaction: of <paramref name="clients"/>, a share r at <paramref name="bad"/>, the rest at 0.9.
    /// The SLI counts clients, so a 99.9% SLO needs a thousand clients per failing one to burn at 1x; promtool's unit tests
    /// stop Sloth's 3d subquery over that many series (too many samples), so the 99.9% SLO is compared from 10x, with 100.
    /// </summary>
    private static IReadOnlyList<InputSeries> Wifi(decimal r, int clients, decimal bad)
    {
        var badClients = r * clients;
        Assert.True(badClients == decimal.Truncate(badClients), $"{r} of {clients} clients is no whole number");
        return Enumerable.Range(0, clients)
            .Select(i => new InputSeries($"unifipoller_client_satisfaction_ratio{{name=\"c{i}\"}}", $"{N(i < badClients ? bad : 0.9m)}x300"))
            .ToList();
    }

    /// <summary>One client whose satisfaction ratio is 1 - r: the raw SLI's error ratio is r.</summary>
    private static IReadOnlyList<InputSeries> RawWifi(decimal r) =>
        [new("unifipoller_client_satisfaction_ratio{name=\"c0\"}", $"{N(1m - r)}x300")];
}
