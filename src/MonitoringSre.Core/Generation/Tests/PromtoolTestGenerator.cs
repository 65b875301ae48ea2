using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Tests;

/// <summary>
/// alerts/&lt;service&gt;.rules.test.yml for `promtool test rules`: for every generated alert a scenario in which it fires
/// with its exact labels and annotations, and scenarios in which nothing fires (healthy traffic, no traffic).
/// Input series are raw counters, so the tests prove the recording rules as well as the alerts.
/// </summary>
public sealed class PromtoolTestGenerator : IOutputGenerator
{
    /// <summary>
    /// Rules are evaluated every 5 minutes: the longest scenario runs past the 3h `for` of the slowest tier, and
    /// evaluating every minute made the contract's tests take half a minute. Input series stay at 1-minute resolution.
    /// </summary>
    private const int Eval = 5;

    private const int Margin = 10;

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var model = context.Model;
        var doc = new YMapBuilder()
            .Set("rule_files", new YSeq(context.RulesFileName))
            .Set("evaluation_interval", PromQl.Duration(Eval))
            .Set("tests", new YStream(Scenarios(context)))
            .Build();
        yield return new GeneratedFile("alerts/" + model.Service + ".rules.test.yml", YamlText.WriteUtf8(doc, PrometheusRulesGenerator.HeaderFor(context)));
    }

    /// <summary>Every scenario, made while the file is written (written once: the diagnostics are reported as they are found).</summary>
    private static IEnumerable<YNode> Scenarios(GenerationContext context)
    {
        var model = context.Model;
        if (!TestSeriesSynthesizer.TryBaseLabels(model.Metrics, out var baseLabels, out var reason))
        {
            context.Report(Diagnostic.Create(DiagnosticCatalog.TestsNotSynthesised, SourceLocation.WholeFile(model.SpecFile), model.Service, reason));
            yield break;
        }

        var up = new SynthSeries("up", baseLabels, 0, 0);
        var down = context.Rules.Alerts.Single(a => a.Kind == AlertKind.ServiceDown);
        foreach (var scenario in DownScenarios(down, up))
        {
            yield return scenario;
        }

        foreach (var slo in model.Slos)
        {
            foreach (var scenario in SloScenarios(context, slo, up, down))
            {
                yield return scenario;
            }
        }
    }

    private static IEnumerable<YNode> DownScenarios(AlertingRule down, SynthSeries up)
    {
        var expected = Expected(down, [], 0m);
        yield return Scenario($"{down.Alert} fires when every target is down",
            [(up.Selector, "0x" + Samples(20))],
            [Check(1, down, []), Check(5, down, [expected])]);
        yield return Scenario($"{down.Alert} fires when no target is scraped at all",
            [],
            [Check(5, down, [expected])]);
    }

    private static IEnumerable<YNode> SloScenarios(GenerationContext context, SloModel slo, SynthSeries up, AlertingRule down)
    {
        var model = context.Model;
        var rules = context.RulesFor(slo);
        var burn = rules.Alerts.Where(a => a.Kind == AlertKind.BudgetBurn).ToList();
        var absent = rules.Alerts.Single(a => a.Kind == AlertKind.SliAbsent);
        var recordingLabels = rules.RecordingLabels;

        // Absence needs no synthesised series, so it is tested even when the SLI's queries are too custom to feed.
        yield return Scenario($"{absent.Alert} fires when the SLI has no data",
            [(up.Selector, "1x" + Samples(20))],
            [Check(5, absent, []), Check(15, absent, [Expected(absent, [new("service", model.Service), new("slo", slo.Name)], 0m)])]);

        if (!TestSeriesSynthesizer.TrySliSeries(model.Metrics, slo.Sli, out var series, out var reason))
        {
            context.Report(Diagnostic.Create(DiagnosticCatalog.TestsNotSynthesised, slo.Location, slo.Name, reason));
            yield break;
        }

        // By position in burn, not keyed by the rules: hashing records (or their identity) cost more than the rest.
        var thresholds = burn.Select(a => a.Tier!.Factor(model.PeriodDays) * slo.ErrorBudget).ToArray();
        var lowest = thresholds.Length > 0 ? thresholds.Min() : slo.ErrorBudget;
        var lastEval = (burn.Count > 0 ? burn.Max(a => a.ForMinutes) : 0) + Margin;
        var quiet = new[] { 12, 70, lastEval }.Distinct().Order().ToArray();
        var quietEnd = quiet.Max();
        var silentAlerts = burn.Select(a => a.Alert).Distinct().Append(absent.Alert).Append(down.Alert).ToArray();
        var silent = quiet.SelectMany(t => silentAlerts.Select(name => Check(t, name, []))).ToList(); // the same checks in both quiet scenarios

        var healthy = PromQl.RoundSignificant(lowest / 4m, 3);
        yield return Scenario($"{slo.Name}: no alert fires at {PromQl.Percent(healthy)} errors, under every burn-rate threshold",
            Inputs(up, series, healthy, quietEnd),
            silent);

        yield return Scenario($"{slo.Name}: no traffic (0/0) fires nothing and records no ratio",
            [(up.Selector, "1x" + Samples(quietEnd)), .. series.Select(s => (s.Selector, "0+0x" + Samples(quietEnd)))],
            silent,
            new[] { RuleNames.ErrorRatio("5m"), RuleNames.ErrorRatio("1h"), RuleNames.ErrorRatio(PromQl.Duration(model.PeriodDays * 1440)) }
                .Select(r => ExprCheck(12, PromQl.SloSeries(r, model.Service, slo.Name))).ToList());

        for (var i = 0; i < burn.Count; i++)
        {
            var alert = burn[i];
            var threshold = thresholds[i];
            var above = thresholds.Where(t => t > threshold).DefaultIfEmpty(1m).Min();
            var ratio = PromQl.RoundSignificant((decimal)Math.Sqrt((double)(threshold * Math.Min(above, 1m))), 3);
            var firing = Enumerable.Range(0, burn.Count).Where(j => thresholds[j] < ratio).ToList();
            var firingAlerts = firing.Select(j => burn[j]).ToList();
            var checks = new List<YNode>();
            // Every tier is checked once, just after its own `for`; the fastest tier's scenario also runs until every
            // tier above its ratio fires. Check times are moved on until the firing set does not depend on whether the
            // alert saw the recording rules of the same evaluation or of the one before (promtool does not order groups).
            var wanted = i == 0 ? new[] { alert.ForMinutes, firingAlerts.Max(a => a.ForMinutes) } : [alert.ForMinutes];
            var times = wanted.Distinct().Select(f => Unambiguous(f + Margin, firingAlerts)).Distinct().ToArray();
            var expectations = new YNode?[burn.Count];
            foreach (var t in times)
            {
                var expected = firing.Where(j => FiresBy(t, burn[j].ForMinutes, activeFrom: Eval))
                    .Select(j => expectations[j] ??= Expected(burn[j], recordingLabels, ratio / slo.ErrorBudget)).ToList();
                checks.Add(Check(t, alert.Alert, expected));
            }

            var tier = alert.Tier!;
            yield return Scenario(
                $"{slo.Name}: the {tier.Id} tier ({PromQl.Duration(tier.LongWindowMinutes)}/{PromQl.Duration(tier.ShortWindowMinutes)}) fires at {PromQl.Percent(ratio)} errors, above {PromQl.Percent(threshold)}",
                Inputs(up, series, ratio, times.Max()),
                checks);
        }
    }

    private static List<(string Series, string Values)> Inputs(SynthSeries up, IReadOnlyList<SynthSeries> sli, decimal errorRatio, int minutes)
    {
        // 100 events a minute: bad = 100 × ratio, good = the rest.
        var bad = 100m * errorRatio;
        var good = 100m - bad;
        var inputs = new List<(string, string)> { (up.Selector, "1x" + Samples(minutes)) };
        foreach (var s in sli)
        {
            var step = (s.GoodWeight * good) + (s.BadWeight * bad);
            inputs.Add((s.Selector, "0+" + PromQl.Number(step) + "x" + Samples(minutes)));
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
    private static YMap Expected(AlertingRule rule, IReadOnlyList<Label> seriesLabels, decimal value)
    {
        var labels = new List<Label>(seriesLabels.Count + rule.Labels.Count);
        labels.AddRange(seriesLabels);
        foreach (var label in rule.Labels)
        {
            labels.Set(label.Name, Expand(label.Value, value));
        }

        var annotations = new YMapBuilder(rule.Annotations.Count);
        foreach (var annotation in rule.Annotations)
        {
            annotations.Set(annotation.Name, Expand(annotation.Value, value));
        }

        labels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name)); // names are unique: no order to keep among equals
        var labelMap = new YMapBuilder(labels.Count);
        foreach (var label in labels)
        {
            labelMap.Set(label.Name, label.Value);
        }

        return new YMapBuilder(2).Set("exp_labels", labelMap.Build()).Set("exp_annotations", annotations.Build()).Build();
    }

    /// <summary>Rule text holds the generator's own templates and spec text as literals, so its expansion is always known.</summary>
    private static string Expand(string template, decimal value) =>
        GoTemplate.TryExpand(template, value) ?? throw new InvalidOperationException("cannot predict the expansion of " + template);

    private static YMap Check(int minute, AlertingRule rule, IReadOnlyList<YNode> expected) => Check(minute, rule.Alert, expected);

    private static YMap Check(int minute, string alertName, IReadOnlyList<YNode> expected) => new YMapBuilder()
        .Set("eval_time", PromQl.Duration(minute))
        .Set("alertname", alertName)
        .Set("exp_alerts", new YSeq(expected))
        .Build();

    private static YMap ExprCheck(int minute, string expr) => new YMapBuilder()
        .Set("expr", expr)
        .Set("eval_time", PromQl.Duration(minute))
        .Set("exp_samples", new YSeq())
        .Build();

    private static YMap Scenario(string name, IReadOnlyList<(string Series, string Values)> inputs, IReadOnlyList<YNode> alertChecks, IReadOnlyList<YNode>? exprChecks = null)
    {
        var b = new YMapBuilder(5)
            .Set("name", name)
            .Set("interval", "1m")
            .Set("input_series", new YSeq(inputs.Select(i => (YNode)new YMapBuilder(2).Set("series", i.Series).Set("values", i.Values).Build()).ToArray()))
            .Set("alert_rule_test", new YSeq(alertChecks));
        if (exprChecks is { Count: > 0 })
        {
            b.Set("promql_expr_test", new YSeq(exprChecks));
        }

        return b.Build();
    }
}
