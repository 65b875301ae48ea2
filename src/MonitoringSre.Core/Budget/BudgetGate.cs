using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Budget;

/// <summary>
/// Applies the spec's error budget policy to the live budget: per SLO, the remaining budget and the 6h burn rate from
/// the series the generated rules record. At or below errorBudgetPolicy.freezeBelow the release is frozen (an error,
/// unless overridden); above errorBudgetPolicy.warnBurnRate it is warned. Fails closed when Prometheus cannot say.
/// </summary>
public static class BudgetGate
{
    /// <summary>The paging tier whose long window the burn rate is read over (6h): burning that fast pages.</summary>
    private static readonly BurnRateTier BurnTier = BurnRateTier.Standard.Single(t => t.Id == "page-slow");

    public static BudgetResult Evaluate(MonitoringModel model, IPrometheusQuery prometheus, BudgetGateOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var slos = new List<SloBudget>();
        var window = PromQl.Duration(BurnTier.LongWindowMinutes);
        var threshold = model.ErrorBudgetPolicy.WarnBurnRate ?? BurnTier.Factor(model.PeriodDays);
        PrometheusAnswer? unreachable = null;
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var calendarStart = model.Calendar?.CurrentStart(now);
        foreach (var slo in model.Slos)
        {
            var remainingQuery = calendarStart is { } start
                ? CalendarRemaining(model, slo, now - start)
                : PromQl.SloSeries(RuleNames.BudgetRemaining, model.Service, slo.Name);
            var burnQuery = PromQl.SloSeries(RuleNames.ErrorRatio(window), model.Service, slo.Name);
            var remaining = unreachable ?? prometheus.Query(remainingQuery);
            if (remaining.Failure is { } failure)
            {
                // One unreachable server is reported once, not waited for once per SLO.
                unreachable = failure == PrometheusFailureKind.Unreachable ? remaining : null;
                var descriptor = failure == PrometheusFailureKind.Unreachable ? DiagnosticCatalog.PrometheusUnreachable : DiagnosticCatalog.PrometheusFailed;
                if (slos.Count == 0 || failure != PrometheusFailureKind.Unreachable)
                {
                    Add(diagnostics, Diagnostic.Create(descriptor, SourceLocation.WholeFile(model.SpecFile), prometheus.Source, remaining.Detail), options.FailOpen);
                }

                slos.Add(new SloBudget(slo, null, null, window, threshold, BudgetDecision.Unknown, remainingQuery, burnQuery, remaining.Detail));
                continue;
            }

            if (remaining.Values.Count == 0)
            {
                Add(diagnostics, Diagnostic.Create(DiagnosticCatalog.BudgetNoData, slo.Location, prometheus.Source, RuleNames.BudgetRemaining, slo.Name, model.Service), options.FailOpen);
                slos.Add(new SloBudget(slo, null, null, window, threshold, BudgetDecision.Unknown, remainingQuery, burnQuery, "no data"));
                continue;
            }

            // Several series (one per Prometheus job or replica) are read at their worst.
            var left = remaining.Values.Min();
            var burnAnswer = prometheus.Query(burnQuery);
            decimal? burn = burnAnswer.Failure is null && burnAnswer.Values.Count > 0 ? burnAnswer.Values.Max() / slo.ErrorBudget : null;
            var decision = Decide(model, slo, left, burn, threshold, window, options, diagnostics);
            WarnOfLowTraffic(model, slo, prometheus, diagnostics);
            slos.Add(new SloBudget(slo, left, burn, window, threshold, decision, remainingQuery, burnQuery,
                burnAnswer.Failure is null ? null : "burn rate: " + burnAnswer.Detail));
        }

        return new BudgetResult(prometheus.Source, slos, diagnostics, options) { CalendarStart = calendarStart };
    }

    /// <summary>
    /// The budget left in the current calendar period: the error ratio since it began, from the recorded 5m rates as
    /// the rolling period's is, against the SLO's budget. Each 5m sample covers the 5 minutes before it, so the samples
    /// read are those from 5 minutes into the period on: none holds traffic from before it (at least 5 minutes of them).
    /// </summary>
    private static string CalendarRemaining(MonitoringModel model, SloModel slo, TimeSpan elapsed)
    {
        var span = Math.Max(300L, (long)elapsed.TotalSeconds - 300L).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";
        var errors = PromQl.SloSeries(RuleNames.ErrorEventsRate5m, model.Service, slo.Name);
        var total = PromQl.SloSeries(RuleNames.TotalEventsRate5m, model.Service, slo.Name);
        return $"1 - (sum_over_time({errors}[{span}]) / (sum_over_time({total}[{span}]) > 0)) / {PromQl.Number(slo.ErrorBudget)}";
    }

    private static BudgetDecision Decide(MonitoringModel model, SloModel slo, decimal left, decimal? burn, decimal threshold, string window,
        BudgetGateOptions options, List<Diagnostic> diagnostics)
    {
        var policy = model.ErrorBudgetPolicy;
        if (left * 100m <= policy.FreezeBelowPercent)
        {
            if (options.Override is { Length: > 0 } reason)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.BudgetOverridden, slo.Location, slo.Name, Percent(left), reason));
                return BudgetDecision.Overridden;
            }

            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.BudgetFrozen, slo.Location, slo.Name, Percent(left), model.PeriodDays,
                Percent(policy.FreezeBelowPercent / 100m), policy.Exhausted ?? "releases freeze until the budget recovers"));
            return BudgetDecision.Frozen;
        }

        if (burn > threshold)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.BudgetBurning, slo.Location, slo.Name, Number(burn.Value), window, Number(threshold),
                policy.Burning ?? "the budget will be spent before the period ends"));
            return BudgetDecision.Burning;
        }

        return BudgetDecision.Release;
    }

    /// <summary>
    /// MON080 when the traffic Prometheus measured over the period is too low for the SLO's pages to follow its burn
    /// rate. Advice only: a query that fails or finds nothing says nothing.
    /// </summary>
    private static void WarnOfLowTraffic(MonitoringModel model, SloModel slo, IPrometheusQuery prometheus, List<Diagnostic> diagnostics)
    {
        var period = PromQl.Duration(model.PeriodDays * 1440);
        var traffic = prometheus.Query($"avg_over_time({PromQl.SloSeries(RuleNames.TotalEventsRate5m, model.Service, slo.Name)}[{period}])");
        if (traffic.Failure is null && traffic.Values.Count > 0 && LowTrafficPaging.Check(slo, model.PeriodDays, traffic.Values.Max()) is { } low)
        {
            diagnostics.Add(low.ToDiagnostic($"measured by {prometheus.Source} over the last {period}", slo.Location));
        }
    }

    private static void Add(List<Diagnostic> diagnostics, Diagnostic diagnostic, bool failOpen) =>
        diagnostics.Add(failOpen ? diagnostic.AsWarning() : diagnostic);

    public static string Percent(decimal ratio) => Number(ratio * 100m) + "%";

    public static string Number(decimal value) => DocText.Number(value, 2);
}
