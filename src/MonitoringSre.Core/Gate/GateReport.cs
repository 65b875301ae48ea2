using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Docs;

namespace MonitoringSre.Gate;

/// <summary>gate.json (machine-readable) and gate.md (a checklist for a pull request); gate.json also reads back.</summary>
public static class GateReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<GeneratedFile> Write(GateResult result) =>
        [new GeneratedFile("gate.json", Json(result)), new GeneratedFile("gate.md", Markdown(result))];

    public static string Json(GateResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("service", result.Service);
            w.WriteNumber("met", result.Met);
            w.WriteNumber("total", result.Total);
            w.WriteStartArray("criteria");
            foreach (var c in result.Criteria)
            {
                w.WriteStartObject();
                w.WriteNumber("id", c.Id);
                w.WriteString("title", c.Title);
                w.WriteBoolean("met", c.Met);
                w.WriteBoolean("checked", c.Checked);
                w.WriteString("evidence", c.Evidence);
                w.WriteString("fix", c.Fix);
                w.WriteString("code", c.Code);
                w.WriteBoolean("warningOnly", c.WarningOnly);
                if (c.Snippet is not null)
                {
                    w.WriteString("snippet", c.Snippet);
                }

                w.WriteStartArray("findings");
                foreach (var f in c.Findings)
                {
                    w.WriteStartObject();
                    w.WriteString("fix", f.Fix);
                    w.WriteString("file", f.Location.File);
                    w.WriteNumber("line", f.Location.Line);
                    w.WriteNumber("column", f.Location.Column);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a gate.json this class wrote; null when it is missing or not readable.</summary>
    public static GateResult? Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var criteria = root.GetProperty("criteria").EnumerateArray().Select(c => new GateCriterion(
                c.GetProperty("id").GetInt32(),
                DiagnosticCatalog.All.Single(d => d.Code == c.GetProperty("code").GetString()),
                c.GetProperty("title").GetString()!,
                c.GetProperty("evidence").GetString()!,
                c.GetProperty("findings").EnumerateArray().Select(f => new GateFinding(f.GetProperty("fix").GetString()!,
                    new SourceLocation(f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32()))).ToList(),
                c.GetProperty("warningOnly").GetBoolean(),
                !c.TryGetProperty("checked", out var isChecked) || isChecked.GetBoolean(),
                c.TryGetProperty("snippet", out var snippet) ? snippet.GetString() : null)).ToList();
            return new GateResult(root.GetProperty("service").GetString()!, criteria);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public static string Markdown(GateResult result)
    {
        var md = new Markdown()
            .Heading(1, $"Monitoring gate: {result.Service}")
            .Paragraph($"**{result.Met}/{result.Total} exit criteria met.**" + (result.NotChecked > 0
                ? $" {result.NotChecked} not checked: promtool runs only when the gate is on (`dotnet build -p:MonitoringGate=true`)."
                : string.Empty))
            .Table(["", "Exit criterion", "Evidence", "What to do"], result.Criteria.Select(c => (IReadOnlyList<string>)
            [
                c.Met ? "✅" : !c.Checked ? "➖" : c.WarningOnly ? "⚠️" : "❌",
                $"{c.Id}. {c.Title}",
                c.Evidence.Length > 0 ? c.Evidence : "—",
                c.Met ? "—" : !c.Checked ? "Build with `-p:MonitoringGate=true` to check it." : c.Findings.Count switch
                {
                    0 => $"{c.Code}: {c.Fix}",
                    1 => $"{c.Code}: one thing, below",
                    var n => $"{c.Code}: {n.ToString(System.Globalization.CultureInfo.InvariantCulture)} things, below",
                },
            ]));

        // What to do, as a list per unmet criterion: one item per finding, at its place, each readable on its own.
        foreach (var c in result.Criteria.Where(c => c.Checked && !c.Met && c.Findings.Count > 0))
        {
            md.Heading(2, $"{c.Id}. {c.Title} ({c.Code})");
            foreach (var f in c.Findings)
            {
                md.Bullet(Where(f.Location) + Generation.Docs.Markdown.Inline(f.Fix));
            }

            md.Blank();
            if (c.Snippet is not null)
            {
                md.Paragraph("All of it at once, in Program.cs (or where the service's OpenTelemetry is set up):").Code("csharp", c.Snippet);
            }
        }

        return md.ToString();
    }

    /// <summary>"`Program.cs` line 12: ", or nothing for a finding about no place in particular.</summary>
    private static string Where(SourceLocation at) =>
        string.IsNullOrEmpty(at.File) ? string.Empty
            : Generation.Docs.Markdown.InlineCode(Path.GetFileName(at.File)) + (at.Line > 0 ? " line " + at.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + ": ";
}
