using System.Globalization;
using System.Text;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Docs;

/// <summary>An incident report to fill in, from the title, severity and detection time, and what the spec knows.</summary>
public static class IncidentReportDocument
{
    public const int MaxSlugLength = 60;

    /// <summary>
    /// A file-name-safe slug: ASCII letters and digits joined by '-', accents dropped, at most 60 characters; "incident"
    /// when nothing is left. It can hold no path separator and no "..", so no title writes outside the output folder.
    /// </summary>
    public static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxSlugLength)
        {
            slug = slug[..MaxSlugLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "incident" : slug;
    }

    public static string Render(string id, string title, string severity, DateTimeOffset detected, string service, MonitoringModel? model)
    {
        var utc = detected.ToUniversalTime();
        var md = new Markdown()
            .Heading(1, $"{id}: {title}")
            .Table(["", ""],
            [
                ["ID", id],
                ["Title", title],
                ["Severity", $"{severity}: {(model?.Incidents.Priorities ?? Priorities.Default)[severity].Definition}"],
                ["Response time", (model?.Incidents.Priorities ?? Priorities.Default)[severity].ResponseTime],
                ["Status", "Open"],
                ["Detected (UTC)", utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)],
                ["Service", service],
                ["Team", model?.Team ?? "(not set)"],
                ["On call", model?.Incidents.OnCall ?? "(not set)"],
                ["Channel", model?.Incidents.Channel ?? "(not set)"],
                ["Postmortem due", PostmortemDue(severity, utc)],
            ]);

        md.Heading(2, "Roles");
        md.Table(["Role", "Who"], [["Incident commander", ""], ["Scribe", ""], ["Communications", ""], ["Subject-matter experts", ""]]);

        md.Heading(2, "Impact");
        md.Paragraph("Who was affected, how, and for how long. Error budget spent per SLO:");
        if (model is { Slos.Count: > 0 })
        {
            md.Table(["SLO", "Objective", "Budget per period", "Budget spent by this incident"], model.Slos.Select(s =>
            {
                var budget = new ErrorBudget(s.Objective, model.PeriodDays);
                return (IReadOnlyList<string>)[s.Name, DocText.Number(s.Objective) + "% over " + model.PeriodDays + "d", DocText.Minutes(budget.DowntimeMinutes) + " of full downtime", ""];
            }));
        }
        else
        {
            md.Paragraph("(No SLOs known: monitoring.yaml is missing or has errors.)");
        }

        md.Heading(2, "Timeline (UTC)");
        md.Table(["Time", "Event"], [[utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), "Detected; incident declared as " + severity], ["", ""]]);

        md.Heading(2, "Detection");
        md.Paragraph("Which alert fired (name, tier, labels) or who reported it; which dashboards showed it" + (model is null ? "." : $": {model.Service} / Service overview, {model.Service} / Deployments."));

        foreach (var section in new[] { "Trigger", "Root cause", "Resolution", "What went well", "What went wrong", "Where we got lucky" })
        {
            md.Heading(2, section).Paragraph("(to be written)");
        }

        md.Heading(2, "Action items");
        md.Table(["Type", "Action", "Owner", "Ticket", "Due"], [["mitigate / prevent / detect", "", "", "", ""]]);

        md.Heading(2, "Communications");
        md.Paragraph($"Status updates posted to {Markdown.Inline(model?.Incidents.Channel ?? "the incident channel")} and to stakeholders: time, audience, message.");
        return md.ToString();
    }

    private static string PostmortemDue(string severity, DateTimeOffset detected)
    {
        var due = Priorities.Default[severity].PostmortemDue;
        if (!due.EndsWith("business days", StringComparison.Ordinal))
        {
            return due;
        }

        var days = int.Parse(due.Split(' ')[0], CultureInfo.InvariantCulture);
        var date = detected.UtcDateTime.Date;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days--;
            }
        }

        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (" + due + ")";
    }
}
