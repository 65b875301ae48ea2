using MonitoringSre.Generation.Dashboards;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Docs;

/// <summary>A runbook per generated alert name: meaning, impact, dashboards, diagnostic PromQL, mitigation, escalation.</summary>
public static class RunbookDocument
{
    public static string Render(MonitoringModel model, IReadOnlyList<AlertingRule> rules)
    {
        var first = rules[0];
        var md = new Markdown().Heading(1, first.Alert);
        var slo = first.Slo;
        switch (first.Kind)
        {
            case AlertKind.BudgetBurn:
                var budget = slo!.Budget(model.PeriodDays);
                md.Paragraph($"**Meaning.** The {slo.Name} SLO of {model.Service} ({DocText.Number(slo.Objective)}% over {model.PeriodDays} days) is spending its error budget faster than it can afford. " + DocText.SliInWords(model, slo));
                md.Table(["Tier", "Windows", "Burn rate", "Priority", "Budget gone in"], rules.Select(r =>
                {
                    var (tier, burnRate, _, hours) = r.Threshold!;
                    return (IReadOnlyList<string>)[tier.Id, DocText.Windows(tier), DocText.Number(burnRate) + "x", tier.Priority, DocText.Hours(hours)];
                }));
                md.Paragraph($"**Impact.** Users see failures (or slowness) above the {PromQl.Percent(slo.ErrorBudget)} the SLO allows. The budget is {DocText.Minutes(budget.DowntimeMinutes)} of full downtime per period; the tier that fired (label `long_window`) says how much of it is at stake.");
                break;
            case AlertKind.SliAbsent:
                md.Paragraph($"**Meaning.** The SLI of {model.Service} {slo!.Name} has had no data for 10 minutes, so its burn-rate alerts cannot fire.");
                md.Paragraph("**Impact.** None on users by itself, but the service is flying blind: an outage would go unnoticed by this SLO.");
                break;
            default:
                md.Paragraph($"**Meaning.** Down fires when {ServiceLiveness.Meaning(model, Markdown.InlineCode)}.");
                md.Paragraph("**Impact.** " + ServiceLiveness.Impact(model.Metrics));
                break;
        }

        md.Heading(2, "Dashboards");
        md.Bullet($"{DocText.DashboardTitle(model, "Service overview")} (uid `{DashboardJson.Uid(model.Service, OverviewDashboardGenerator.Kind)}`): RED and SLO rows.");
        md.Bullet($"{DocText.DashboardTitle(model, "Deployments")} (uid `{DashboardJson.Uid(model.Service, DeploymentsDashboardGenerator.Kind)}`): did a deployment start it?");
        md.Bullet($"{DocText.DashboardTitle(model, "Infrastructure")} (uid `{DashboardJson.Uid(model.Service, InfrastructureDashboardGenerator.Kind)}`): CPU, memory, disk, network.");
        md.Blank();

        md.Heading(2, "Diagnose");
        var route = model.Metrics.Preset.RouteLabel;
        var queries = new List<(string, string)>
        {
            ServiceLiveness.DiagnoseQuery(model.Metrics),
            ("Error ratio by route", DashboardQueries.ErrorRatio(model, route).Replace(DashboardQueries.RateInterval, "5m", StringComparison.Ordinal)),
            ("p99 latency by route", DashboardQueries.Quantile(model, "0.99", route).Replace(DashboardQueries.RateInterval, "5m", StringComparison.Ordinal)),
        };
        if (slo is not null)
        {
            queries.Insert(1, ("SLI error ratio, 5m and 1h", $"{PromQl.SloSeries(RuleNames.ErrorRatio("5m"), model.Service, slo.Name)}\n{PromQl.SloSeries(RuleNames.ErrorRatio("1h"), model.Service, slo.Name)}"));
            queries.Insert(2, ("Error budget left this period", PromQl.SloSeries(RuleNames.BudgetRemaining, model.Service, slo.Name)));
        }

        foreach (var (title, query) in queries)
        {
            md.Paragraph(title + ":");
            md.Code("promql", query);
        }

        md.Heading(2, "Mitigate");
        md.Numbered(1, "If a deployment preceded the alert, roll it back first and investigate after.");
        md.Numbered(2, "If one route or dependency dominates the errors, shed or degrade that feature.");
        md.Numbered(3, "If the process is saturated (CPU, thread-pool queue, GC pauses on the infrastructure dashboard), scale out.");
        md.Numbered(4, "Record every action with its time (UTC) in the incident report.");
        md.Blank();

        md.Heading(2, "Escalate");
        md.Paragraph($"Declare an incident ({Markdown.InlineCode("dotnet build -t:MonitoringIncident -p:MonitoringIncidentTitle=\"...\" -p:MonitoringIncidentSeverity=" + first.Labels.First(l => l.Name == "priority").Value)}), follow the plan in {Markdown.InlineCode(model.Incidents.Plan)}, and escalate along: {Markdown.Inline(string.Join(" → ", model.Incidents.Escalation.DefaultIfEmpty(model.Incidents.OnCall ?? "the on-call engineer")))}.");
        return md.ToString();
    }
}
