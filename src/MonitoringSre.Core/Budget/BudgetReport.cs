using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Docs;

namespace MonitoringSre.Budget;

/// <summary>budget.json and budget.md beside the gate's report: what CI attaches to the release.</summary>
public static class BudgetReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<GeneratedFile> Write(string service, int periodDays, BudgetResult result) =>
        [new GeneratedFile("budget.json", Json(service, periodDays, result)), new GeneratedFile("budget.md", Markdown(service, periodDays, result))];

    private static string Json(string service, int periodDays, BudgetResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("service", service);
            w.WriteString("prometheus", result.Source);
            w.WriteBoolean("passed", result.Passed);
            w.WriteNumber("periodDays", periodDays);
            if (result.CalendarStart is { } start)
            {
                w.WriteString("calendarPeriodStart", start.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
            }
            w.WriteString("override", result.Options.Override);
            w.WriteBoolean("failOpen", result.Options.FailOpen);
            w.WriteStartArray("slos");
            foreach (var s in result.Slos)
            {
                w.WriteStartObject();
                w.WriteString("slo", s.Slo.Name);
                w.WriteNumber("objective", s.Slo.Objective);
                Number(w, "budgetRemaining", s.Remaining);
                Number(w, "burnRate", s.BurnRate);
                w.WriteString("burnWindow", s.BurnWindow);
                w.WriteNumber("burnRateAllowed", s.BurnThreshold);
                w.WriteString("decision", Decision(s.Decision));
                w.WriteString("remainingQuery", s.RemainingQuery);
                w.WriteString("burnQuery", s.BurnQuery);
                w.WriteString("problem", s.Problem);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, decimal.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Markdown(string service, int periodDays, BudgetResult result)
    {
        var md = new Markdown()
            .Heading(1, $"Error budgets of {service}: release {(result.Passed ? "allowed" : "frozen")}")
            .Paragraph($"Read from Prometheus at {Generation.Docs.Markdown.InlineCode(result.Source)}, over "
                + (result.CalendarStart is { } start
                    ? $"the current calendar period of {periodDays} days, since {start.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)}."
                    : $"the {periodDays}-day period."));
        if (result.Options.Override is { Length: > 0 } reason)
        {
            md.Paragraph("**Override:** " + Generation.Docs.Markdown.Inline(reason));
        }

        md.Table(["SLO", "Objective", "Budget left", "Burn rate", "Decision", "Query"],
            result.Slos.Select(s => (IReadOnlyList<string>)
            [
                s.Slo.Name,
                BudgetGate.Number(s.Slo.Objective) + "%",
                s.Remaining is { } r ? BudgetGate.Percent(r) : "no data",
                (s.BurnRate is { } b ? BudgetGate.Number(b) + "x" : "no data") + $" over {s.BurnWindow} (allowed {BudgetGate.Number(s.BurnThreshold)}x)",
                Decision(s.Decision) + (s.Problem is null ? string.Empty : ": " + s.Problem),
                Generation.Docs.Markdown.InlineCode(s.RemainingQuery),
            ]));
        return md.ToString();
    }

    private static string Decision(BudgetDecision decision) => decision switch
    {
        BudgetDecision.Release => "release",
        BudgetDecision.Burning => "release (burning)",
        BudgetDecision.Frozen => "frozen",
        BudgetDecision.Overridden => "overridden",
        _ => "unknown",
    };
}
