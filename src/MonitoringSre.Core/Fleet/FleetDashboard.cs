using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Dashboards;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Text;

namespace MonitoringSre.Fleet;

/// <summary>
/// dashboards/fleet-slos.json: every SLO of every service of the fleet in one table, worst budget first: objective, SLI
/// over the last hour, budget left, burn rate over the last hour, owner, and a link to the service's overview. The
/// owner and the overview's uid are known to the build, not to Prometheus, so the objective's query carries them as labels.
/// </summary>
public static class FleetDashboard
{
    public const string Uid = "monitoring-sre-fleet";

    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The panels' queries, in order: the table's four, then the budget left over time.</summary>
    public static IReadOnlyList<string> Queries(IReadOnlyList<FleetService> services)
    {
        var selector = "{service=~" + PromQl.Quote(string.Join("|", services.Select(s => System.Text.RegularExpressions.Regex.Escape(s.Model.Service)))) + "}";
        var objective = string.Join("\nor\n", services.Select(s =>
        {
            var series = $"{RuleNames.Objective}{{service={PromQl.Quote(s.Model.Service)}}}";
            var withTeam = s.Model.Team is { } team ? $"label_replace({series}, \"team\", {PromQl.Quote(team)}, \"\", \"\")" : series;
            return $"label_replace({withTeam}, \"dashboard\", {PromQl.Quote(DashboardJson.Uid(s.Model.Service, "overview"))}, \"\", \"\")";
        }));
        return
        [
            objective,
            $"1 - {RuleNames.ErrorRatio("1h")}{selector}",
            $"{RuleNames.BudgetRemaining}{selector}",
            $"{RuleNames.ErrorRatio("1h")}{selector} / {RuleNames.ErrorBudget}{selector}",
            $"{RuleNames.BudgetRemaining}{selector}",
        ];
    }

    public static GeneratedFile Generate(IReadOnlyList<FleetService> services)
    {
        var queries = Queries(services);
        var table = new PanelSpec("table", "Every SLO, worst budget first",
            "Per SLO: its objective, the SLI over the last hour, the error budget left over its period, the burn rate over the last hour (100% spends the budget exactly over the period) and the owning team. A row opens its service's overview.",
            [.. queries.Take(4).Select(q => new Query(q, Instant: true, Table: true))], 24, 12)
        {
            Unit = "percentunit",
            Transformations = ["merge"],
            HiddenFields = ["Time"],
            FieldNames =
            [
                new("service", "Service"),
                new("slo", "SLO"),
                new("team", "Owner"),
                new("dashboard", "Overview"),
                new("Value #A", "Objective"),
                new("Value #B", "SLI, last hour"),
                new("Value #C", "Budget left"),
                new("Value #D", "Burn rate, last hour"),
            ],
            CellLink = "/d/${__data.fields.Overview}?${__url_time_range}",
            SortBy = "Budget left",
        };
        var history = new PanelSpec("timeseries", "Error budget left", "The error budget left over each SLO's period; below 0 it is overspent.",
            [new Query(queries[4], "{{service}} {{slo}}")], 24, 10)
        {
            Unit = "percentunit",
            Thresholds = [new(null, "red"), new(0, "green")],
        };

        using var buffer = new PooledBytes(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("uid", Uid);
            w.WriteString("title", "Fleet / SLOs");
            w.WriteString("description", $"Every SLO of the {services.Count} services of the fleet, from the series their rules record.");
            w.WriteStartArray("tags");
            w.WriteStringValue(DashboardJson.Tag);
            w.WriteStringValue("fleet");
            w.WriteEndArray();
            w.WriteString("timezone", "utc");
            w.WriteBoolean("editable", true);
            w.WriteStartObject("time");
            w.WriteString("from", "now-24h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteString("refresh", "1m");
            w.WriteNumber("schemaVersion", DashboardJson.SchemaVersion);
            w.WriteNumber("version", 1);
            WriteTemplating(w);
            w.WriteStartObject("annotations");
            w.WriteStartArray("list");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("links");
            foreach (var service in services)
            {
                w.WriteStartObject();
                w.WriteString("title", service.Model.Service);
                w.WriteString("type", "link");
                w.WriteString("url", "/d/" + DashboardJson.Uid(service.Model.Service, "overview"));
                w.WriteString("tooltip", service.Model.Service + " overview");
                w.WriteBoolean("keepTime", true);
                w.WriteBoolean("includeVars", true);
                w.WriteBoolean("asDropdown", false);
                w.WriteBoolean("targetBlank", false);
                w.WriteString("icon", "dashboard");
                w.WriteStartArray("tags");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("panels");
            foreach (var placed in GridLayout.Place([new RowSpec("SLOs", [table, history])]))
            {
                PanelJson.Write(w, placed);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return new GeneratedFile("dashboards/fleet-slos.json", Utf8Segments.Of(buffer.WrittenSpan));
    }

    private static void WriteTemplating(Utf8JsonWriter w)
    {
        w.WriteStartObject("templating");
        w.WriteStartArray("list");
        DashboardJson.WriteDatasourceVariable(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
