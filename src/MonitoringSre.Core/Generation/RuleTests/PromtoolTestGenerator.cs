using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.RuleTests;

/// <summary>
/// alerts/&lt;service&gt;.rules.test.yml for `promtool test rules`: for every generated alert a scenario in which it fires
/// with its exact labels and annotations, and scenarios in which nothing fires (healthy traffic, no traffic).
/// Input series are raw counters, so the tests prove the recording rules as well as the alerts.
/// </summary>
public sealed partial class PromtoolTestGenerator : IOutputGenerator
{
    /// <summary>
    /// Rules are evaluated every 5 minutes: the longest scenario runs past the 3h `for` of the slowest tier, and
    /// evaluating every minute made the contract's tests take half a minute. Input series stay at 1-minute resolution.
    /// </summary>
    private const int Eval = 5;

    private const int Margin = 10;

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        yield return YamlText.WriteFile("alerts/" + context.Model.Service + ".rules.test.yml", PrometheusRulesGenerator.HeaderFor(context), writer =>
        {
            writer.Key("rule_files").BeginSeq().Item(context.RulesFileName);
            writer.Entry("evaluation_interval", PromQl.Duration(Eval));
            // An SLO's recording rules before its alerts, as the file lists them: an alert reads this evaluation's ratios.
            writer.Key("group_eval_order").BeginSeq();
            foreach (var group in context.Rules.GroupNames)
            {
                writer.Item(group);
            }

            var tests = writer.Key("tests").Seq();
            Scenarios(writer, context);
            tests.End();
        });
    }

    /// <summary>Every scenario, written as it is made (once: the diagnostics are reported as they are found).</summary>
    private static void Scenarios(YamlWriter writer, GenerationContext context)
    {
        var model = context.Model;
        if (!TestSeriesSynthesizer.TryBaseLabels(model.Metrics, out var baseLabels, out var reason))
        {
            context.Report(Diagnostic.Create(DiagnosticCatalog.TestsNotSynthesised, SourceLocation.WholeFile(model.SpecFile), model.Service, reason));
            return;
        }

        // What a live service has: up when scraped, target_info when it pushes (a pushed service has no up series).
        var up = new SynthSeries(ServiceLiveness.Series(model.Metrics), baseLabels, 0, 0);
        var down = context.Rules.Down;
        DownScenarios(writer, model.Metrics, down, up);
        foreach (var slo in model.Slos)
        {
            SloScenarios(writer, context, slo, up, down);
        }
    }

    private static void DownScenarios(YamlWriter writer, MetricsConfig metrics, AlertingRule down, SynthSeries up)
    {
        if (metrics.Transport == MetricsTransport.Otlp)
        {
            // Pushes every minute for 10 minutes, then none: no staleness marker, the last sample simply stays the last.
            // Down is pending at the first evaluation whose window holds no push, and fires at the next one (`for` < Eval).
            const int stop = 10;
            var window = metrics.AbsentAfterSeconds;
            var pending = (stop * 60 / (Eval * 60) + 1) * Eval;
            while (pending * 60 - window <= stop * 60)
            {
                pending += Eval;
            }

            var pushed = Expected(down, down.Annotations, ServiceLiveness.DownSeriesLabels(metrics), 1m);
            Scenario(writer, $"{down.Alert} fires when the service stops pushing",
                [(up.Selector, "1x" + stop)],
                [new(stop, down.Alert, []), new(pending, down.Alert, []), new(pending + Eval, down.Alert, [pushed])]);
            Scenario(writer, $"{down.Alert} fires when nothing was ever pushed",
                [],
                [new(Eval, down.Alert, [pushed])]);
            return;
        }

        var expected = Expected(down, down.Annotations, [], 0m);
        Scenario(writer, $"{down.Alert} fires when every target is down",
            [(up.Selector, "0x" + Samples(20))],
            [new(1, down.Alert, []), new(5, down.Alert, [expected])]);
        Scenario(writer, $"{down.Alert} fires when no target is scraped at all",
            [],
            [new(5, down.Alert, [expected])]);
    }

    private static void SloScenarios(YamlWriter writer, GenerationContext context, SloModel slo, SynthSeries up, AlertingRule down)
    {
        var model = context.Model;
        var rules = context.RulesFor(slo);
        var burn = rules.Alerts.Where(a => a.Kind == AlertKind.BudgetBurn).ToList();
        var absent = rules.Alerts.Single(a => a.Kind == AlertKind.SliAbsent);
        var recordingLabels = rules.RecordingLabels;

        // Absence needs no synthesised series, so it is tested even when the SLI's queries are too custom to feed.
        Scenario(writer, $"{absent.Alert} fires when the SLI has no data",
            [(up.Selector, "1x" + Samples(20))],
            [new(5, absent.Alert, []), new(15, absent.Alert, [Expected(absent, absent.Annotations, [new("service", model.Service), new("slo", slo.Name)], 0m)])]);

        if (!TestSeriesSynthesizer.TrySliSeries(model.Metrics, slo.Sli, out var series, out var reason))
        {
            context.Report(Diagnostic.Create(DiagnosticCatalog.TestsNotSynthesised, slo.Location, slo.Name, reason));
            return;
        }

        // By position in burn, not keyed by the rules: hashing records (or their identity) cost more than the rest.
        var thresholds = burn.Select(a => a.Threshold!.ErrorRatio).ToArray();
        var annotations = burn.Select(a => a.Annotations).ToArray(); // made once: the rules make their texts when read
        var lowest = thresholds.Length > 0 ? thresholds.Min() : slo.ErrorBudget;
        var lastEval = (burn.Count > 0 ? burn.Max(a => a.ForMinutes) : 0) + Margin;
        var quiet = new[] { 12, 70, lastEval }.Distinct().Order().ToArray();
        var quietEnd = quiet.Max();
        var silentAlerts = burn.Select(a => a.Alert).Distinct().Append(absent.Alert).Append(down.Alert).ToArray();
        var silent = quiet.SelectMany(t => silentAlerts.Select(name => new AlertCheck(t, name, []))).ToList(); // the same checks in both quiet scenarios

        var healthy = PromQl.RoundSignificant(lowest / 4m, 3);
        Scenario(writer, $"{slo.Name}: no alert fires at {PromQl.Percent(healthy)} errors, under every burn-rate threshold",
            Inputs(up, series, healthy, quietEnd, EventsPerMinute(healthy, slo.Alerting.MinFailedEvents)),
            silent);

        Scenario(writer, $"{slo.Name}: no traffic (0/0) fires nothing and records no ratio",
            [(up.Selector, "1x" + Samples(quietEnd)), .. series.Select(s => (s.Selector, "0+0x" + Samples(quietEnd)))],
            silent,
            new[] { RuleNames.ErrorRatio("5m"), RuleNames.ErrorRatio("1h"), RuleNames.ErrorRatio(PromQl.Duration(model.PeriodDays * 1440)) }
                .Select(r => new ExprCheck(12, PromQl.SloSeries(r, model.Service, slo.Name))).ToList());

        for (var i = 0; i < burn.Count; i++)
        {
            var alert = burn[i];
            var threshold = thresholds[i];
            var above = thresholds.Where(t => t > threshold).DefaultIfEmpty(1m).Min();
            var ratio = PromQl.RoundSignificant((decimal)Math.Sqrt((double)(threshold * Math.Min(above, 1m))), 3);
            var firing = Enumerable.Range(0, burn.Count).Where(j => thresholds[j] < ratio).ToList();
            var firingAlerts = firing.Select(j => burn[j]).ToList();
            var checks = new List<AlertCheck>(2);
            // Every tier is checked once, just after its own `for`; the fastest tier's scenario also runs until every
            // tier above its ratio fires. Check times are moved on until the firing set does not depend on whether the
            // alert saw the recording rules of the same evaluation or of the one before (promtool does not order groups).
            var wanted = i == 0 ? new[] { alert.ForMinutes, firingAlerts.Max(a => a.ForMinutes) } : [alert.ForMinutes];
            var times = wanted.Distinct().Select(f => Unambiguous(f + Margin, firingAlerts)).Distinct().ToArray();
            var expectations = new ExpectedAlert?[burn.Count];
            foreach (var t in times)
            {
                // The errors have run since the scenario began: the period's budget is the long window's, spent as fast.
                var expected = firing.Where(j => FiresBy(t, burn[j].ForMinutes, activeFrom: Eval))
                    .Select(j => expectations[j] ??= Expected(burn[j], annotations[j], recordingLabels, ratio / slo.ErrorBudget, 1m - (ratio / slo.ErrorBudget))).ToList();
                checks.Add(new(t, alert.Alert, expected));
            }

            // The fastest tier's scenario also restarts the service: a counter reset changes no ratio and no count.
            var tier = alert.Tier!;
            var reset = i == 0 ? ResetMinute : -1;
            Scenario(writer,
                $"{slo.Name}: the {tier.Id} tier ({PromQl.Duration(tier.LongWindowMinutes)}/{PromQl.Duration(tier.ShortWindowMinutes)}) fires at {PromQl.Percent(ratio)} errors"
                    + (reset > 0 ? $" (the counters reset at minute {reset.ToString(CultureInfo.InvariantCulture)})" : string.Empty) + $", above {PromQl.Percent(threshold)}",
                Inputs(up, series, ratio, times.Max(), EventsPerMinute(ratio, slo.Alerting.MinFailedEvents), reset),
                checks);
        }

        BudgetLeftScenario(writer, slo, burn, annotations, recordingLabels, up, series);
        LowTrafficScenarios(writer, slo, burn, annotations, recordingLabels, up, series, silentAlerts);
    }

    /// <summary>
    /// A burn that leaves budget: heavy healthy traffic for <see cref="HeavyMinutes"/>, then one long window of light
    /// healthy traffic, then errors at about seven times the fastest tier's threshold; that tier fires while budget is
    /// left, and its text says when what is left is gone. The heavy minutes hold the period's ratio down (it is weighted
    /// by traffic) without a long history to evaluate. Rules are evaluated every <see cref="Eval"/> minutes and each 5m
    /// rate counts whole minutes of counters that start at 0, so with n events a minute (k·n while heavy) and errors at
    /// ratio r for c minutes, the period's error ratio is n·r·c / (k·n·h + n·(L + c)), and the burn rate over the long
    /// window L is r·c / L / budget. Only for a tier of an hour or less (the page tier), and left out where another tier
    /// would be near its threshold too.
    /// </summary>
    private static void BudgetLeftScenario(YamlWriter writer, SloModel slo, IReadOnlyList<AlertingRule> burn,
        IReadOnlyList<Label>[] annotations, IReadOnlyList<Label> recordingLabels, SynthSeries up, IReadOnlyList<SynthSeries> series)
    {
        if (burn.Count == 0 || slo.Sli is RawSli || burn[0].Tier!.LongWindowMinutes > 60)
        {
            return;
        }

        var first = burn[0].Threshold!;
        var ratio = Math.Min(1m, PromQl.RoundSignificant(7m * first.ErrorRatio, 2));
        var burnRate = ratio / slo.ErrorBudget;
        var light = first.Tier.LongWindowMinutes;
        var pending = Eval;
        while (pending <= light && burnRate * pending / light <= first.BurnRate * 1.01m)
        {
            pending += Eval;
        }

        var fires = pending + ((burn[0].ForMinutes + Eval - 1) / Eval * Eval);
        if (fires > light)
        {
            return;
        }

        // Heavy enough for 30% of the budget to be left when the tier fires.
        var heavy = Math.Max(1m, Math.Ceiling(((burnRate * fires / 0.7m) - light - fires) / HeavyMinutes));
        var total = (heavy * HeavyMinutes) + light + fires; // in light minutes
        var end = HeavyMinutes + light + fires;
        for (var j = 1; j < burn.Count; j++)
        {
            var t = burn[j].Threshold!;
            var window = t.Tier.LongWindowMinutes;
            var seen = window >= end ? total : window <= light + fires ? window : total - (heavy * (end - window)); // light minutes in the window
            if (burnRate * fires / seen > t.BurnRate * 0.9m)
            {
                return;
            }
        }

        var perMinute = EventsPerMinute(ratio, slo.Alerting.MinFailedEvents);
        var left = 1m - (burnRate * fires / total);
        var inputs = new List<(string, string)> { (up.Selector, "1x" + Samples(end)) };
        foreach (var s in series)
        {
            // Each counter goes on from where the segment before left it.
            var heavyStep = s.GoodWeight * perMinute * heavy;
            var lightStep = s.GoodWeight * perMinute;
            var burnStep = (s.GoodWeight * perMinute * (1m - ratio)) + (s.BadWeight * perMinute * ratio);
            var atLight = heavyStep * HeavyMinutes;
            var atBurn = atLight + (lightStep * light);
            inputs.Add((s.Selector, $"0+{PromQl.Number(heavyStep)}x{HeavyMinutes} {PromQl.Number(atLight + lightStep)}+{PromQl.Number(lightStep)}x{light - 1} "
                + $"{PromQl.Number(atBurn + burnStep)}+{PromQl.Number(burnStep)}x{fires + 4}"));
        }

        Scenario(writer,
            $"{slo.Name}: after healthy traffic, {PromQl.Percent(ratio)} errors fire the {first.Tier.Id} tier while {PromQl.Percent(left)} of the budget is left",
            inputs,
            [new(end, burn[0].Alert, [Expected(burn[0], annotations[0], recordingLabels, burnRate * fires / light, left)])]);
    }

    /// <summary>Minutes of heavy healthy traffic before a budget-left scenario's burn.</summary>
    private const int HeavyMinutes = 30;

    /// <summary>
    /// 100 events a minute, or as many more as it takes for the failed events of a minute to reach the SLO's floor: then
    /// the floor holds from the first evaluation on, as the burn rates do, and the scenario shows the burn rate deciding.
    /// At most 10^10, which a counter still holds exactly over the longest scenario.
    /// </summary>
    private static decimal EventsPerMinute(decimal errorRatio, int minFailedEvents) =>
        errorRatio <= 0m ? 100m : Math.Clamp(Math.Ceiling((minFailedEvents + 1) / errorRatio), 100m, 10_000_000_000m);

    /// <summary>The minute the fastest tier's scenario restarts the service: its counters begin again from one minute's worth.</summary>
    private const int ResetMinute = 7;

    /// <param name="resetAt">The minute the counters start again from one minute's worth (a restart), or -1.</param>
    private static List<(string Series, string Values)> Inputs(SynthSeries up, IReadOnlyList<SynthSeries> sli, decimal errorRatio, int minutes, decimal perMinute, int resetAt = -1)
    {
        // bad = events × ratio a minute, good = the rest.
        var bad = perMinute * errorRatio;
        var good = perMinute - bad;
        var inputs = new List<(string, string)> { (up.Selector, "1x" + Samples(minutes)) };
        foreach (var s in sli)
        {
            var step = PromQl.Number((s.GoodWeight * good) + (s.BadWeight * bad));
            inputs.Add((s.Selector, resetAt > 0
                ? $"0+{step}x{resetAt - 1} {step}+{step}x{minutes + 5 - resetAt}"
                : "0+" + step + "x" + Samples(minutes)));
        }

        return inputs;
    }

    private static int Unambiguous(int minute, IReadOnlyList<AlertingRule> firing)
    {
        while (firing.Any(a => FiresBy(minute, a.ForMinutes, Eval) != FiresBy(minute, a.ForMinutes, 2 * Eval)))
        {
            minute += Eval;
        }

        return minute;
    }

    private static string Samples(int minutes) => (minutes + 5).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether an alert whose condition holds from the evaluation at <paramref name="activeFrom"/> on is firing at
    /// <paramref name="minute"/>: promtool reports the last evaluation at or before it, and an alert fires at the first
    /// evaluation at least `for` after it became pending. Rates need two samples, so burn-rate conditions hold from the
    /// first evaluation after 0; absence holds from 0.
    /// </summary>
    private static bool FiresBy(int minute, int forMinutes, int activeFrom)
    {
        var lastEvaluation = minute / Eval * Eval;
        var firesAt = activeFrom + ((forMinutes + Eval - 1) / Eval * Eval);
        return lastEvaluation >= firesAt;
    }

    /// <summary>
    /// The alert as promtool reports it: the series' labels overlaid with the rule's, the rule's labels and annotations
    /// expanded as Prometheus does.
    /// </summary>
    /// <param name="annotations">The rule's annotations, made once for all the scenarios that expect the rule.</param>
    /// <param name="budgetLeft">The fraction of the period's budget left at the evaluation, for the texts that say when it is gone.</param>
    private static ExpectedAlert Expected(AlertingRule rule, IReadOnlyList<Label> annotations, IReadOnlyList<Label> seriesLabels, decimal value, decimal? budgetLeft = null)
    {
        var labels = new List<Label>(seriesLabels.Count + rule.Labels.Count);
        labels.AddRange(seriesLabels);
        foreach (var label in rule.Labels)
        {
            labels.Set(label.Name, Expand(label.Value, value, budgetLeft));
        }

        var expanded = new Label[annotations.Count];
        for (var i = 0; i < expanded.Length; i++)
        {
            expanded[i] = new Label(annotations[i].Name, Expand(annotations[i].Value, value, budgetLeft));
        }

        labels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name)); // names are unique: no order to keep among equals
        return new ExpectedAlert(labels, expanded);
    }

    /// <summary>Rule text holds the generator's own templates and spec text as literals, so its expansion is always known.</summary>
    private static string Expand(string template, decimal value, decimal? budgetLeft) =>
        GoTemplate.TryExpand(template, value, budgetLeft) ?? throw new InvalidOperationException("cannot predict the expansion of " + template);

    private static void Scenario(YamlWriter writer, string name, IReadOnlyList<(string Series, string Values)> inputs, IReadOnlyList<AlertCheck> alertChecks, IReadOnlyList<ExprCheck>? exprChecks = null)
    {
        writer.BeginItem().Entry("name", name).Entry("interval", "1m");
        var series = writer.Key("input_series").Seq();
        foreach (var (selector, values) in inputs)
        {
            writer.BeginItem().Entry("series", selector).Entry("values", values).EndItem();
        }

        series.End();
        var checks = writer.Key("alert_rule_test").Seq();
        foreach (var check in alertChecks)
        {
            writer.BeginItem().Entry("eval_time", PromQl.Duration(check.Minute)).Entry("alertname", check.Alert);
            var alerts = writer.Key("exp_alerts").Seq();
            foreach (var expected in check.Expected)
            {
                writer.BeginItem().Key("exp_labels").Labels(expected.Labels).Key("exp_annotations").Labels(expected.Annotations).EndItem();
            }

            alerts.End();
            writer.EndItem();
        }

        checks.End();
        if (exprChecks is { Count: > 0 })
        {
            writer.Key("promql_expr_test").BeginSeq();
            foreach (var check in exprChecks)
            {
                writer.BeginItem().Entry("expr", check.Expr).Entry("eval_time", PromQl.Duration(check.Minute)).Key("exp_samples").Seq().End();
                writer.EndItem();
            }
        }

        writer.EndItem();
    }

    /// <summary>An alert as promtool should report it: labels sorted by name, annotations in the rule's order.</summary>
    private sealed record ExpectedAlert(IReadOnlyList<Label> Labels, IReadOnlyList<Label> Annotations);

    /// <summary>alert_rule_test: at <paramref name="Minute"/>, the alerts named <paramref name="Alert"/> that fire.</summary>
    private readonly record struct AlertCheck(int Minute, string Alert, IReadOnlyList<ExpectedAlert> Expected);

    /// <summary>promql_expr_test: at <paramref name="Minute"/>, <paramref name="Expr"/> returns no sample.</summary>
    private readonly record struct ExprCheck(int Minute, string Expr);
}
