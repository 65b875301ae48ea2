using System.Globalization;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.RuleTests;

/// <summary>
/// Scenarios at 10 events an hour, one every 6 minutes: one failure pages nobody, and an outage pages once its long
/// windows hold the SLO's floor of failed events (docs/outputs.md#low-traffic).
/// </summary>
public sealed partial class PromtoolTestGenerator
{
    /// <summary>Minutes between two events at 10 an hour.</summary>
    private const int MinutesPerEvent = 6;

    /// <summary>The event that fails in the one-failure scenario: the fifth, at minute 30.</summary>
    private const int FailureMinute = 5 * MinutesPerEvent;

    private static void LowTrafficScenarios(YamlWriter writer, SloModel slo, IReadOnlyList<AlertingRule> burn, IReadOnlyList<Label>[] annotations,
        IReadOnlyList<Label> recordingLabels, SynthSeries up, IReadOnlyList<SynthSeries> series, string[] silentAlerts)
    {
        // A raw SLI counts no events: its floor is not applied, and one failure may page it (docs say so).
        if (burn.Count == 0 || slo.Sli is RawSli)
        {
            return;
        }

        var floor = slo.Alerting.MinFailedEvents;
        if (floor >= 2)
        {
            // While the failure is in the 5m and 30m windows, then as the longer windows hold it: on burn rates alone the
            // pages would fire within 30 minutes of it and the 1d ticket within the hour.
            var times = new[] { 5, 10, 20, 30, 45, 60, 90 }.Select(t => FailureMinute + t).ToArray();
            Scenario(writer, $"{slo.Name}: one failed event at 10 events an hour fires nothing (a page needs {floor.ToString(CultureInfo.InvariantCulture)})",
                LowTrafficInputs(up, series, times.Max(), minute => minute >= FailureMinute ? 1 : 0),
                times.SelectMany(t => silentAlerts.Select(name => new AlertCheck(t, name, []))).ToList());
        }

        OutageScenario(writer, slo, burn, annotations, recordingLabels, up, series);
    }

    /// <summary>
    /// Every event fails from the start. A tier's condition holds once its long window counts the floor of failed events;
    /// when exactly depends on how the Prometheus version bounds its windows (2.x includes a window's first instant, 3.x
    /// does not and extrapolates), so each tier is given the earliest and the latest evaluation it can start at, and the
    /// alerts are checked only at times when every tier is surely firing or surely not.
    /// </summary>
    private static void OutageScenario(YamlWriter writer, SloModel slo, IReadOnlyList<AlertingRule> burn, IReadOnlyList<Label>[] annotations,
        IReadOnlyList<Label> recordingLabels, SynthSeries up, IReadOnlyList<SynthSeries> series)
    {
        var floor = Math.Max(slo.Alerting.MinFailedEvents, 1);
        var horizon = 0;
        var tiers = new (int EarliestFire, int LatestFire)?[burn.Count];
        for (var i = 0; i < burn.Count; i++)
        {
            var window = burn[i].Tier!.LongWindowMinutes;
            var forMinutes = (burn[i].ForMinutes + Eval - 1) / Eval * Eval;
            var most = 1.25m * Events(window + 5);
            if (most < floor - 0.5m)
            {
                tiers[i] = null; // the window never holds the floor at this traffic
                continue;
            }

            if (Events(window - 10) < floor)
            {
                return; // reached or not depending on the version: nothing to promise
            }

            var earliest = FirstEvaluation(t => 1.25m * (Events(t) - Events(t - window - 5)) >= floor - 0.5m);
            var latest = FirstEvaluation(t => Events(t - 5) - Events(t - window + 5) >= floor);
            tiers[i] = (earliest + forMinutes, latest + forMinutes);
            horizon = Math.Max(horizon, latest + forMinutes);
        }

        if (horizon == 0)
        {
            return;
        }

        bool Sure(int t) => tiers.All(f => f is not { } w || t < w.EarliestFire || t >= w.LatestFire);
        int SureFrom(int t)
        {
            while (!Sure(t))
            {
                t += Eval;
            }

            return t;
        }

        // When the pages fire, and the first time after that when the 5m window holds no event (the pages hold: nothing
        // says the outage is over). Without a page tier that can fire, when every tier that can fire does: the tickets
        // take hours, which every run of the tests would pay for.
        var firingPages = Enumerable.Range(0, burn.Count).Where(i => burn[i].Tier!.IsPage && tiers[i] is not null).Select(i => tiers[i]!.Value.LatestFire).ToList();
        int[] times;
        if (firingPages.Count > 0)
        {
            var pages = SureFrom(firingPages.Max());
            var quiet = pages;
            while (Events(quiet) != Events(quiet - 5) || !Sure(quiet))
            {
                quiet += Eval;
            }

            times = [pages, quiet];
        }
        else
        {
            times = [SureFrom(horizon)];
        }

        var value = 1m / slo.ErrorBudget;
        var expected = new ExpectedAlert?[burn.Count];
        var checks = times.Select(t => new AlertCheck(t, burn[0].Alert,
            Enumerable.Range(0, burn.Count).Where(i => tiers[i] is { } w && t >= w.LatestFire)
                .Select(i => expected[i] ??= Expected(burn[i], annotations[i], recordingLabels, value, 1m - value)).ToList())).ToList();
        var fired = checks[^1].Expected.Count;
        Scenario(writer,
            $"{slo.Name}: an outage at 10 events an hour fires {fired.ToString(CultureInfo.InvariantCulture)} of {burn.Count.ToString(CultureInfo.InvariantCulture)} tiers by minute {times.Max().ToString(CultureInfo.InvariantCulture)}, once their long windows hold {floor.ToString(CultureInfo.InvariantCulture)} failed events",
            LowTrafficInputs(up, series, times.Max(), minute => minute / MinutesPerEvent),
            checks);
    }

    /// <summary>Events by minute <paramref name="minute"/>: one every 6 minutes, the first at minute 6.</summary>
    private static int Events(int minute) => Math.Max(minute, 0) / MinutesPerEvent;

    private static int FirstEvaluation(Func<int, bool> holds)
    {
        var t = 2 * Eval; // the long window's ratio needs the first event, at minute 6
        while (!holds(t))
        {
            t += Eval;
        }

        return t;
    }

    /// <summary>An event every 6 minutes; <paramref name="failed"/> of those by a minute failed.</summary>
    private static List<(string Series, string Values)> LowTrafficInputs(SynthSeries up, IReadOnlyList<SynthSeries> sli, int minutes, Func<int, int> failed)
    {
        var inputs = new List<(string, string)> { (up.Selector, "1x" + Samples(minutes)) };
        foreach (var s in sli)
        {
            inputs.Add((s.Selector, Counter(minute =>
            {
                var bad = failed(minute);
                return (s.GoodWeight * (Events(minute) - bad)) + (s.BadWeight * bad);
            }, minutes + 5)));
        }

        return inputs;
    }

    /// <summary>A counter's value at each minute 0 to <paramref name="minutes"/> in promtool's notation: "0x5 1x5 2x5".</summary>
    private static string Counter(Func<int, decimal> at, int minutes)
    {
        using var text = new PooledText(minutes * 2);
        var start = 0;
        for (var m = 1; m <= minutes + 1; m++)
        {
            if (m <= minutes && at(m) == at(start))
            {
                continue;
            }

            if (start > 0)
            {
                text.Append(' ');
            }

            text.Append(PromQl.Number(at(start)));
            if (m - start > 1)
            {
                text.Append('x').Append((m - start - 1).ToString(CultureInfo.InvariantCulture));
            }

            start = m;
        }

        return text.ToString();
    }
}
