using MonitoringSre.Generation.RuleTests;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// Builds the recording and alerting rules of a model: per SLO, the SLI error ratio over every window, the SLO's
/// meta series, and the multi-window multi-burn-rate alerts; per service, the Down alert.
/// </summary>
public static class RuleSetBuilder
{

    public static RuleSet Build(MonitoringModel model) => new(model);

    internal static IEnumerable<RuleGroup> Groups(MonitoringModel model)
    {
        foreach (var slo in model.Slos)
        {
            var interval = slo.EvaluationIntervalSeconds is { } seconds
                ? seconds % 60 == 0 ? PromQl.Duration(seconds / 60) : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s"
                : null;
            yield return new RuleGroup(SliGroup(model, slo), SliRecordings(model, slo), interval);
            yield return new RuleGroup(BudgetGroup(model, slo), BudgetRecordings(model, slo), interval);
            yield return new RuleGroup(AlertsGroup(model, slo), SloAlerts(model, slo), interval);
        }

        yield return new RuleGroup(ServiceGroup(model), [DownAlert(model)]);
    }

    /// <summary>The names of <see cref="Groups"/>, in order, without making the rules.</summary>
    internal static IEnumerable<string> GroupNames(MonitoringModel model) =>
        model.Slos.SelectMany(slo => new[] { SliGroup(model, slo), BudgetGroup(model, slo), AlertsGroup(model, slo) }).Append(ServiceGroup(model));

    private static string SliGroup(MonitoringModel model, SloModel slo) => $"{model.Service}-{slo.Name}-sli";

    /// <summary>
    /// The period's ratio reads 30 days of the 5m recordings: in a group of its own it cannot hold up the windows the
    /// alerts read, and Prometheus evaluates groups side by side.
    /// </summary>
    private static string BudgetGroup(MonitoringModel model, SloModel slo) => $"{model.Service}-{slo.Name}-budget";

    private static string AlertsGroup(MonitoringModel model, SloModel slo) => $"{model.Service}-{slo.Name}-alerts";

    private static string ServiceGroup(MonitoringModel model) => $"{model.Service}-service-alerts";

    internal static SloRules For(MonitoringModel model, SloModel slo) => new(SloAlerts(model, slo), RecordingLabels(model, slo));

    /// <summary>Per SLO, the tier of each of its burn-rate alerts (<see cref="SloAlerts"/>), in order.</summary>
    internal static IEnumerable<BurnRateTier> BurnTiers(MonitoringModel model) => model.Slos.SelectMany(s => s.Alerting.Tiers);

    /// <summary>Per SLO a burn-rate alert per tier and the SLI-absent alert (<see cref="SloAlerts"/>), and the Down alert.</summary>
    internal static int AlertCount(MonitoringModel model) => model.Slos.Sum(s => s.Alerting.Tiers.Count + 1) + 1;

    private static List<Rule> SliRecordings(MonitoringModel model, SloModel slo)
    {
        var queries = new SliQueries(model.Metrics, slo.Sli);
        var labels = RecordingLabels(model, slo);
        var rules = new List<Rule>();
        var errors5m = PromQl.SloSeries(RuleNames.ErrorEventsRate5m, model.Service, slo.Name);
        var total5m = PromQl.SloSeries(RuleNames.TotalEventsRate5m, model.Service, slo.Name);

        // The 5m rates are recorded on their own so that every longer window can be summed from them: traffic-weighted,
        // and the raw series are read here only. The total comes first so the errors can borrow it (rules in a group
        // run in order, each seeing the ones before): the raw total is read once.
        // A raw SLI has no events to weigh: its 5m ratio stands for the errors and 1 for the total, so a window's ratio
        // is the mean of its 5m ratios, as Sloth computes the period's. An idle 5m (0/0, NaN) counts 0 of 0 rather than
        // poisoning the sums with NaN; both series still exist then, so only an SLI without any series reads as absent.
        var five = PromQl.Duration(BurnRateTier.AllWindowMinutes[0]);
        if (queries.IsRaw)
        {
            rules.Add(new RecordingRule(RuleNames.TotalEventsRate5m, () => $"({queries.Ratio(five)}) >= bool 0", labels));
            rules.Add(new RecordingRule(RuleNames.ErrorEventsRate5m, () => $"({queries.Ratio(five)}) >= 0\nor on ()\n0 * {total5m}", labels));
        }
        else
        {
            rules.Add(new RecordingRule(RuleNames.TotalEventsRate5m, () => $"({queries.Total(five)}) >= 0", labels));
            rules.Add(new RecordingRule(RuleNames.ErrorEventsRate5m, () => ErrorsOrZero(queries.Errors(five, $"sum({total5m})"), total5m), labels));
        }

        rules.Add(new RecordingRule(RuleNames.ErrorRatio(five), () => $"{errors5m}\n/\n({total5m} > 0)", labels));

        foreach (var minutes in BurnRateTier.AllWindowMinutes.Skip(1))
        {
            var w = PromQl.Duration(minutes);
            rules.Add(new RecordingRule(RuleNames.ErrorRatio(w), slo.Alerting.Windows switch
            {
                // Each 5m sample covers the 5 minutes before it, so samples over (w - 5m) span w: the window is centred
                // where the raw one is, and weighs its first and last 5 minutes less.
                WindowSource.Recorded => () => SumOfRecorded(errors5m, total5m, PromQl.Duration(minutes - BurnRateTier.AllWindowMinutes[0])),

                // 0/0 over an idle window is NaN, no ratio: dropped, as the other SLIs drop a window without traffic.
                _ when queries.IsRaw => () => $"({queries.Ratio(w)}) >= 0",
                _ => () =>
                {
                    var total = queries.Total(w);
                    return $"({ErrorsOrZero(queries.Errors(w, total), $"(({total}) >= 0)")})\n/\n(({total}) > 0)";
                },
            }, labels));
        }

        return rules;
    }

    private static List<Rule> BudgetRecordings(MonitoringModel model, SloModel slo)
    {
        var labels = RecordingLabels(model, slo);
        var info = slo.InfoLabels.Count == 0 ? labels : RecordingLabels(model, slo, slo.InfoLabels);
        string Series(string record) => PromQl.SloSeries(record, model.Service, slo.Name);
        var five = PromQl.Duration(BurnRateTier.AllWindowMinutes[0]);
        var period = PromQl.Duration(model.PeriodDays * 1440);
        var budget = PromQl.Number(slo.ErrorBudget);
        return
        [
            new RecordingRule(RuleNames.ErrorRatio(period),
                () => SumOfRecorded(Series(RuleNames.ErrorEventsRate5m), Series(RuleNames.TotalEventsRate5m), period), labels),
            new RecordingRule(RuleNames.Objective, () => $"vector({PromQl.Number(slo.Objective / 100m)})", info),
            new RecordingRule(RuleNames.ErrorBudget, () => $"vector({budget})", info),
            new RecordingRule(RuleNames.PeriodDays, () => $"vector({model.PeriodDays})", info),
            new RecordingRule(RuleNames.CurrentBurnRate, () => $"{Series(RuleNames.ErrorRatio(five))} / {budget}", labels),
            new RecordingRule(RuleNames.PeriodBurnRate, () => $"{Series(RuleNames.ErrorRatio(period))} / {budget}", labels),
            new RecordingRule(RuleNames.BudgetRemaining, () => $"1 - {Series(RuleNames.ErrorRatio(period))} / {budget}", labels),
        ];
    }

    /// <summary>A ratio over a span from the recorded 5m rates: the sum of errors over the sum of totals, so busy minutes weigh more.</summary>
    private static string SumOfRecorded(string errors5m, string total5m, string span) =>
        $"sum_over_time({errors5m}[{span}])\n/\n(sum_over_time({total5m}[{span}]) > 0)";

    /// <summary>
    /// Exporters create an error series only after the first error; until then the errors query is empty and the
    /// ratio would read "no data". Zero times the total fills the gap with the total's labels. A NaN (a custom query's
    /// 0/0 over an idle window) fails ">= 0" and counts as no errors rather than poisoning every window that sums it.
    /// </summary>
    private static string ErrorsOrZero(string errors, string total) => $"(({errors}) >= 0)\nor on ()\n0 * sum({total})";

    private static List<AlertingRule> SloAlerts(MonitoringModel model, SloModel slo)
    {
        var rules = new List<AlertingRule>(slo.Alerting.Tiers.Count + 1);
        var budget = slo.Budget(model.PeriodDays);
        foreach (var tier in slo.Alerting.Tiers)
        {
            var threshold = budget.Threshold(tier);
            var longW = PromQl.Duration(tier.LongWindowMinutes);
            var shortW = PromQl.Duration(tier.ShortWindowMinutes);
            var extras = slo.Alerting.For(tier);
            var labels = AlertLabels(model, slo, tier.Priority, [.. slo.Alerting.Labels, .. extras.Labels],
                [new Label("long_window", longW), new Label("short_window", shortW)]);
            rules.Add(new AlertingRule(slo.Alerting.Name, tier.ForMinutes, labels, AlertKind.BudgetBurn, slo, threshold,
                () => BurnExpr(model, slo, tier, threshold),
                () => Annotations(model, slo.Alerting.Name,
                    AlertText.BurnSummary(model, slo), AlertText.BurnDescription(model, slo, threshold), [.. slo.Alerting.Annotations, .. extras.Annotations])));
        }

        var absentName = model.SliAbsentAlertName(slo);
        rules.Add(new AlertingRule(
            absentName,
            10,
            AlertLabels(model, slo, "P3", slo.Alerting.Labels, []),
            AlertKind.SliAbsent,
            slo,
            null,
            () => $"absent({PromQl.SloSeries(RuleNames.TotalEventsRate5m, model.Service, slo.Name)})",
            () => Annotations(model, absentName, AlertText.AbsentSummary(model, slo), AlertText.AbsentDescription(model, slo), [])));
        return rules;
    }

    /// <summary>
    /// A tier's condition. Burn rates (error ratio / budget) on both windows, so the alert's value is the burn rate over
    /// the long window. A short window without events holds no news of recovery, so the next longer window judges in its
    /// place: at low traffic an outage does not resolve every time five minutes pass without a request, and once traffic
    /// stops the alert ends when that window empties too. And the long window must hold
    /// <see cref="AlertingPolicy.MinFailedEvents"/> failed events, counted from the 5m error rate, for the burn rate to
    /// mean something; a raw SLI has no events to count.
    /// </summary>
    private static string BurnExpr(MonitoringModel model, SloModel slo, BurnRateTier tier, BurnThreshold threshold)
    {
        var ratio = PromQl.Number(slo.ErrorBudget);
        var factor = PromQl.Number(threshold.BurnRate);
        var longW = PromQl.Duration(tier.LongWindowMinutes);
        string Ratio(int minutes) => PromQl.SloSeries(RuleNames.ErrorRatio(PromQl.Duration(minutes)), model.Service, slo.Name);
        var shortRatio = Ratio(tier.ShortWindowMinutes);
        var expr = $"{Ratio(tier.LongWindowMinutes)} / {ratio} > {factor}\nand\n"
            + $"({shortRatio} / {ratio} > {factor} or ({Ratio(tier.QuietShortWindowMinutes)} / {ratio} > {factor} unless {shortRatio}))";
        if (slo.Sli is RawSli || slo.Alerting.MinFailedEvents == 0)
        {
            return expr;
        }

        var step = FailedEventsFloor.CountStepSeconds;
        var errors = PromQl.SloSeries(RuleNames.ErrorEventsRate5m, model.Service, slo.Name);
        return expr + $"\nand\nround(sum_over_time({errors}[{longW}:{PromQl.Duration(step / 60)}]) * {step}) >= {slo.Alerting.MinFailedEvents}";
    }

    internal static AlertingRule DownAlert(MonitoringModel model) => new(
        model.DownAlertName,
        ServiceLiveness.ForMinutes,
        AlertLabels(model, null, "P0", [], []),
        AlertKind.ServiceDown,
        null,
        null,
        () => ServiceLiveness.DownExpr(model.Metrics),
        () => Annotations(model, model.DownAlertName, AlertText.DownSummary(model), AlertText.DownDescription(model), []));

    /// <param name="extra">Labels after the SLO's own: its infoLabels, on its metadata series.</param>
    private static IReadOnlyList<Label> RecordingLabels(MonitoringModel model, SloModel slo, IReadOnlyList<Label>? extra = null)
    {
        var labels = new List<Label> { new("service", model.Service), new("slo", slo.Name) };
        foreach (var label in model.Labels.Concat(slo.Labels).Concat(extra ?? []))
        {
            labels.Set(label.Name, label.Value);
        }

        return labels;
    }

    /// <summary>
    /// severity (from the priority's row of the incident policy), priority, service, slo, team, the spec's labels, the
    /// SLO's labels, then alerting.labels and the tier's pageAlert/ticketAlert labels (later ones win), then the windows.
    /// </summary>
    private static IReadOnlyList<Label> AlertLabels(
        MonitoringModel model, SloModel? slo, string priority, IReadOnlyList<Label> alertLabels, IReadOnlyList<Label> windows)
    {
        var labels = new List<Label>();
        labels.Set("severity", model.Incidents.Priorities[priority].Severity);
        labels.Set("priority", priority);
        labels.Set("service", model.Service);
        labels.Set("slo", slo?.Name);
        labels.Set("team", model.Team);
        foreach (var label in model.Labels.Concat(slo?.Labels ?? []).Concat(alertLabels).Concat(windows))
        {
            labels.Set(label.Name, label.Value);
        }

        // Prometheus expands alert labels as templates; what the spec says must arrive as written.
        for (var i = 0; i < labels.Count; i++)
        {
            if (GoTemplate.Literal(labels[i].Value) is var literal && !ReferenceEquals(literal, labels[i].Value))
            {
                labels[i] = labels[i] with { Value = literal };
            }
        }

        return labels;
    }

    private static IReadOnlyList<Label> Annotations(MonitoringModel model, string alertName, string summary, string description, IReadOnlyList<Label> extra)
    {
        var annotations = new List<Label> { new("summary", summary), new("description", description) };
        if (model.Runbooks is not null)
        {
            annotations.Add(new Label("runbook_url", GoTemplate.Literal(model.Runbooks.UrlFor(alertName))));
        }

        if (model.DashboardUrl is not null)
        {
            annotations.Add(new Label("dashboard_url", GoTemplate.Literal(model.DashboardUrl)));
        }

        foreach (var label in extra)
        {
            annotations.Set(label.Name, GoTemplate.Literal(label.Value));
        }

        return annotations;
    }
}
