using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;
using YamlDotNet.RepresentationModel;
using static MonitoringSre.Tests.Support.TestSpec;

namespace MonitoringSre.Tests;

/// <summary>
/// A number several outputs state (a tier's burn rate, threshold and windows, the error budget, the recorded windows)
/// is read back from each output that states it, and they must agree: the rules, their promtool tests, slo.md, the
/// runbooks and the overview dashboard. Each is computed in one place; a generator that computed its own would fail here.
/// </summary>
public sealed partial class OutputsAgreeTests
{
    public static TheoryData<string, string> Specs => new()
    {
        { "30d", "99.9" },
        { "28d", "99.5" },
        { "7d", "99" },
        { "90d", "99.95" },
    };

    private static PipelineResult Run(string period, string objective)
    {
        var spec = new TestSpec()
            .Set("period", period)
            .Set("runbooks", "docs/runbooks")
            .Slo("availability", objective, Sli("availability"))
            .Slo("latency", "99", Sli("latency", ("threshold", "250ms")), s => s.Set("alerting", Map(("page", Plain("false")))));
        var result = SpecRun.Run(spec.Yaml());
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_output_states_each_tiers_burn_rate_threshold_and_windows_alike(string period, string objective)
    {
        var result = Run(period, objective);
        var rules = Yaml(result.FileText(".rules.yml"));
        var doc = result.FileText("docs/slo.md");
        var testNames = Yaml(result.FileText(".rules.test.yml"))["tests"].AllNodes.OfType<YamlMappingNode>()
            .Where(m => m.Children.ContainsKey("name")).Select(m => m["name"].ToString()).ToList();
        var runbooks = result.Rules!.Alerts.GroupBy(a => a.Alert).ToDictionary(g => g.Key, g => RunbookDocument.Render(result.Model!, g.ToList()));
        var burnAlerts = BurnAlerts(rules).ToList();
        Assert.Equal(6, burnAlerts.Count); // availability: 4 tiers; latency: the 2 ticket tiers

        foreach (var alert in burnAlerts)
        {
            var (name, slo, priority) = (alert["alert"].ToString(), Label(alert, "slo"), Label(alert, "priority"));
            var (longW, shortW) = (Label(alert, "long_window"), Label(alert, "short_window"));
            var because = $"{name} over {longW}/{shortW}";

            // The rule: <ratio over the long window> / budget > burn rate, the same over the short window, and over the
            // window that stands in for a short window without events.
            var sides = ExprSide().Matches(alert["expr"].ToString()).ToList();
            Assert.Equal([longW, shortW], sides.Take(2).Select(m => m.Groups["window"].Value));
            Assert.Equal(3, sides.Count);
            var budget = Number(sides[0].Groups["budget"].Value);
            var burnRate = Number(sides[0].Groups["rate"].Value);
            Assert.All(sides, side => Assert.Equal((budget, burnRate), (Number(side.Groups["budget"].Value), Number(side.Groups["rate"].Value))));

            // The same budget is recorded as the SLO's series.
            var recordedBudget = Recordings(rules, slo).Single(r => r["record"].ToString() == RuleNames.ErrorBudget);
            Assert.Equal($"vector({sides[0].Groups["budget"].Value})", recordedBudget["expr"].ToString());

            // Its description states the burn rate it fires above.
            var described = DescribedRate().Match(((YamlMappingNode)alert["annotations"])["description"].ToString());
            Assert.True(described.Success, because);
            Assert.Equal(Significant(burnRate), Significant(Number(described.Groups[1].Value)));

            // slo.md: | alert | tier | burn rate | windows | threshold | for | severity | priority | budget gone in |
            var row = Rows(doc, name).Single(r => r[3] == $"{longW} and {shortW}");
            Assert.Equal(Significant(burnRate), Significant(Number(row[2].TrimEnd('x'))));
            Assert.Equal(Significant(burnRate * budget), Significant(Percent(row[4])));
            Assert.StartsWith(priority + " ", row[7], StringComparison.Ordinal);
            Assert.Equal(alert["for"].ToString(), row[5]);

            // The promtool test of the tier names the same windows and fires just above the same threshold.
            var test = testNames.Single(t => t.StartsWith($"{slo}: the {row[1]} tier ({longW}/{shortW}) fires at", StringComparison.Ordinal));
            Assert.Equal(Significant(burnRate * budget), Significant(Percent(test[(test.LastIndexOf("above ", StringComparison.Ordinal) + 6)..])));

            // The runbook: | tier | windows | burn rate | priority | budget gone in |
            var runbookRow = Rows(runbooks[name], row[1]).Single();
            Assert.Equal([row[1], row[3], row[2], priority, row[8]], runbookRow);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Slo_doc_lists_the_windows_the_rules_record_and_the_dashboard_pages_where_the_alerts_do(string period, string objective)
    {
        var result = Run(period, objective);
        var rules = Yaml(result.FileText(".rules.yml"));
        var doc = result.FileText("docs/slo.md");
        foreach (var slo in result.Model!.Slos)
        {
            var recorded = Recordings(rules, slo.Name)
                .Select(r => RecordedWindow().Match(r["record"].ToString())).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            var stated = Regex.Match(doc, $@"Recorded as `slo:sli_error:ratio_rate(\w+)\{{service=""orders-api"", slo=""{slo.Name}""\}}` and over ([^.]+)\.");
            Assert.True(stated.Success, doc);
            var listed = new[] { stated.Groups[1].Value }.Concat(stated.Groups[2].Value.Split([", ", " and "], StringSplitOptions.None)).ToList();
            Assert.Equal(recorded, listed);

            // The overview's burn-rate panel: its thresholds are the burn rates of this SLO's paging alerts.
            var pageRates = BurnAlerts(rules).Where(r => Label(r, "slo") == slo.Name && Label(r, "severity") == "critical")
                .Select(r => Number(ExprSide().Match(r["expr"].ToString()).Groups["rate"].Value)).Order().ToList();
            using var overview = JsonDocument.Parse(result.FileText("-overview.json"));
            var panel = overview.RootElement.GetProperty("panels").EnumerateArray().Single(p => p.GetProperty("title").GetString() == $"{slo.Name}: burn rate");
            var steps = panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
                .Select(s => s.GetProperty("value")).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDecimal()).ToList();
            Assert.Equal(pageRates, steps);
        }
    }

    /// <summary>The rules of a rules file: recording rules and alerts.</summary>
    private static IEnumerable<YamlMappingNode> Rules(YamlMappingNode file) =>
        file["groups"].AllNodes.OfType<YamlMappingNode>().Where(r => r.Children.ContainsKey("record") || r.Children.ContainsKey("alert"));

    /// <summary>The burn-rate alerts: those labelled with their windows.</summary>
    private static IEnumerable<YamlMappingNode> BurnAlerts(YamlMappingNode file) =>
        Rules(file).Where(r => r.Children.ContainsKey("alert") && Label(r, "long_window").Length > 0);

    private static IEnumerable<YamlMappingNode> Recordings(YamlMappingNode file, string slo) =>
        Rules(file).Where(r => r.Children.ContainsKey("record") && Label(r, "slo") == slo);

    /// <summary>A rule's label, or empty when it has none of that name.</summary>
    private static string Label(YamlMappingNode rule, string name) =>
        ((YamlMappingNode)rule["labels"]).Children.TryGetValue(name, out var value) ? value.ToString() : string.Empty;

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The cells of the Markdown table rows whose first cell is <paramref name="first"/>.</summary>
    private static IEnumerable<string[]> Rows(string markdown, string first) =>
        markdown.Split('\n').Where(l => l.StartsWith($"| {first} |", StringComparison.Ordinal))
            .Select(l => l.Trim('|', ' ').Split(" | "));

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static decimal Percent(string text) => Number(text.TrimEnd('%')) / 100m;

    /// <summary>Four significant digits: what the texts round to.</summary>
    private static string Significant(decimal value) => ((double)value).ToString("G4", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"ratio_rate(?<window>\w+)\{[^}]*\} / (?<budget>[0-9.eE-]+) > (?<rate>[0-9.eE-]+)")]
    private static partial Regex ExprSide();

    [GeneratedRegex(@"still burns above ([0-9.]+) times")]
    private static partial Regex DescribedRate();

    [GeneratedRegex(@"^slo:sli_error:ratio_rate(\w+)$")]
    private static partial Regex RecordedWindow();
}
