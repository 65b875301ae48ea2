using MonitoringSre.Model;

namespace MonitoringSre.Generation.Docs;

/// <summary>The incident response plan MonitoringInit scaffolds at incidents.plan: a starting point the team owns.</summary>
public static class IncidentPlanDocument
{
    public static string Render(MonitoringModel model)
    {
        var incidents = model.Incidents;
        var md = new Markdown()
            .Heading(1, $"Incident response plan: {model.Service}")
            .Paragraph($"Owned by {Markdown.Inline(model.Team ?? "the service's team")}. Scaffolded by MonitoringSre (`dotnet build -t:MonitoringInit`); edit it freely, MonitoringSre never overwrites it. Response times come from `incidents.responseTimes` in monitoring.yaml.");

        md.Heading(2, "Severity levels");
        md.Table(["Severity", "Definition", "Response time", "Who is paged", "Postmortem due"],
            incidents.Priorities.Levels.Select(l => (IReadOnlyList<string>)
            [
                l.Priority,
                l.Definition,
                l.ResponseTime,
                DocText.Reaches(model, l),
                l.PostmortemDue,
            ]));
        md.Paragraph("Alerts carry their priority as the `priority` label: `<Service>Down` is P0, fast burn of an error budget P1, slower burn P2, tickets and missing SLI data P3. Which priorities page is `incidents.paging` in monitoring.yaml; the alerts' severity and the Alertmanager routes follow the same table. When in doubt, declare the higher severity; downgrading later is cheap.");

        md.Heading(2, "Roles");
        md.Table(["Role", "Responsibilities"],
        [
            ["Incident commander", "Owns the incident from declaration to resolution: sets severity, assigns roles, decides on mitigations, keeps the timeline moving. Does not debug."],
            ["Scribe", "Keeps the timeline in the incident report (time in UTC, what was seen, what was done, by whom)."],
            ["Communications", $"Posts status updates to {Markdown.Inline(incidents.Channel ?? "the incident channel")} and to stakeholders at a fixed cadence (every 30 min for P0/P1)."],
            ["Subject-matter experts", "Investigate and mitigate under the commander's direction; say what they are about to change before changing it."],
        ]);

        md.Heading(2, "On-call and escalation");
        md.Paragraph($"{string.Join(", ", incidents.Priorities.Levels.Where(l => l.Pages).Select(l => l.Priority))} pages go to **{Markdown.Inline(incidents.OnCall ?? "(set incidents.onCall in monitoring.yaml)")}**. If a page is not acknowledged within the response time, escalate in this order:");
        var step = 1;
        foreach (var who in incidents.Escalation.DefaultIfEmpty("(set incidents.escalation in monitoring.yaml)"))
        {
            md.Numbered(step++, Markdown.Inline(who));
        }

        md.Blank();
        md.Heading(2, "Communication channels");
        md.Bullet($"Incident channel: {Markdown.Inline(incidents.Channel ?? "(set incidents.channel in monitoring.yaml)")}: one channel per incident or a thread per incident; decisions are written there.");
        md.Bullet("Status updates: what is affected, what is being done, when the next update comes.");
        md.Bullet("Incident report: `dotnet build -t:MonitoringIncident -p:MonitoringIncidentTitle=\"<title>\" -p:MonitoringIncidentSeverity=P1` writes it under docs/incidents/.");
        md.Blank();

        md.Heading(2, "Lifecycle");
        md.Numbered(1, "Detect: an alert fires or someone reports a problem.");
        md.Numbered(2, "Declare: the first responder opens an incident report, sets the severity and becomes commander until handing over.");
        md.Numbered(3, "Mitigate: stop the bleeding first (roll back, fail over, shed load); root cause comes later.");
        md.Numbered(4, "Resolve: the SLIs are back within objective and the alert has cleared.");
        md.Numbered(5, "Learn: write the postmortem, agree action items with owners and due dates.");
        md.Blank();

        md.Heading(2, "Postmortem policy");
        md.Paragraph("Every P0, P1 and P2 gets a blameless postmortem, written in the incident report, within the time in the severity table; P3 at the team's discretion. It records impact (including error budget spent), the timeline, trigger and root cause, what went well, what went wrong, where we got lucky, and action items with owner, ticket and due date. Action items are tracked to completion.");
        md.Paragraph("When an SLO's error budget is exhausted: " + Markdown.Inline(model.ErrorBudgetPolicy.Exhausted ?? "(set errorBudgetPolicy.exhausted in monitoring.yaml)"));
        return md.ToString();
    }
}
