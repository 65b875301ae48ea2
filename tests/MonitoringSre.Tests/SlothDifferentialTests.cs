using System.Globalization;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Sloth's golden input, built by us, pages and tickets at the same burn rates as the rules Sloth generated for it
/// (tests/TestData/sloth/out-base.yaml): both rule files are evaluated by promtool over the same traffic, from half
/// the budget's rate to a hundred times it, and the alerts firing after four hours are compared (<see cref="RuleFiring"/>).
/// The error ratio is the same from the first minute, so every window (even 3d) reads it once it holds two samples.
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
        var scenarios = BurnRates.ToDictionary(b => b, b => (IReadOnlyList<InputSeries>)
        [
            // slo1's budget is 0.1%: of 1000 requests a minute, b fail.
            new("http_request_duration_seconds_count{job=\"myservice\",code=\"500\"}", $"0+{b.ToString(CultureInfo.InvariantCulture)}x400"),
            new("http_request_duration_seconds_count{job=\"myservice\",code=\"200\"}", $"0+{(1000m - b).ToString(CultureInfo.InvariantCulture)}x400"),
            new("up{job=\"myservice\"}", "1x400"),
        ]);
        var byKey = scenarios.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value);
        var sloth = ByBurn(RuleFiring.Fired(File.ReadAllText(Repo.TestData("sloth", "out-base.yaml")), byKey, "alertname=\"myServiceAlert\"", "sloth_severity"));
        var mine = ByBurn(RuleFiring.Fired(File.ReadAllText(Path.Combine(oursDir, "alerts", "svc01.rules.yml")), byKey, "alertname=\"myServiceAlert\"", "priority"));

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

    private static Dictionary<decimal, List<string>> ByBurn(Dictionary<string, List<string>> fired) =>
        fired.ToDictionary(f => decimal.Parse(f.Key, CultureInfo.InvariantCulture), f => f.Value);
}
