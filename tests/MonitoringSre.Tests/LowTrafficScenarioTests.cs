using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Traffic shapes written by hand in TrafficScenarios/, not by the generator: 10 requests an hour with one failure and
/// with an outage, a 2-minute outage at 1,000 a second, a day and a night, traffic that starts mid-window, a counter
/// reset and then silence. Each says which tiers fire and when, and that no recorded series holds NaN or Inf; promtool
/// runs it against the rules built for the folder's spec.
/// </summary>
public sealed partial class LowTrafficScenarioTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "MonitoringSre.Tests", "TrafficScenarios");

    public static TheoryData<string> Scenarios() => new(Directory.GetFiles(Folder, "*.test.yml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_traffic_shape_fires_the_tiers_it_names_when_it_names_them_and_records_no_nan(string scenario)
    {
        var test = Run(scenario, rules => rules);
        Assert.True(test.ExitCode == 0, test.Output);
    }

    /// <summary>Without the floor of failed events, one failure at low traffic pages: the scenarios notice.</summary>
    [Theory]
    [InlineData("one-failure-at-10-an-hour.test.yml")]
    [InlineData("traffic-starts-mid-window.test.yml")]
    [InlineData("outage-at-10-an-hour.test.yml")]
    public void Without_the_floor_of_failed_events_the_low_traffic_scenarios_fail(string scenario)
    {
        var test = Run(scenario, rules => FloorClause().Replace(rules, string.Empty));
        Assert.True(test.ExitCode != 0, "the scenario passed without the floor:\n" + test.Output);
        Assert.Contains("FAILED", test.Output);
    }

    private static ProcessResult Run(string scenario, Func<string, string> rules)
    {
        var result = SpecRun.Run(File.ReadAllText(Path.Combine(Folder, "shop.monitoring.yaml")));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        using var dir = Promtool.Write(result.Files.Where(f => f.RelativePath == "alerts/shop.rules.yml"));
        var file = Path.Combine(dir, "alerts", "shop.rules.yml");
        var text = File.ReadAllText(file);
        var changed = rules(text);
        Assert.True(ReferenceEquals(changed, text) || changed != text, "the change to the rules changed nothing");
        File.WriteAllText(file, changed);
        File.Copy(Path.Combine(Folder, scenario), Path.Combine(dir, "alerts", scenario));
        return Promtool.Run(Path.Combine(dir, "alerts"), "test", "rules", scenario);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\n\s*and\n\s*round\(sum_over_time\([^\n]*")]
    private static partial System.Text.RegularExpressions.Regex FloorClause();
}
