using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// Writes a <see cref="DashboardSpec"/> as classic Grafana dashboard JSON (schemaVersion 42) through Utf8JsonWriter:
/// a datasource variable used by every panel, deployment annotations, links between the service's dashboards, and the
/// panels placed by <see cref="GridLayout"/>.
/// </summary>
public static class DashboardJson
{
    public const int SchemaVersion = 42;
    public const string Tag = "monitoring-sre";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n", // the same file on every OS
        // PromQL reads better with > and ' as they are; quotes and backslashes are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A stable uid of at most 40 characters from the service and the dashboard kind.</summary>
    public static string Uid(string service, string kind)
    {
        var uid = service + "-" + kind;
        if (uid.Length <= 40)
        {
            return uid;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(uid)))[..8].ToLowerInvariant();
        return uid[..31] + "-" + hash;
    }

    /// <summary>The dashboard as a generated file.</summary>
    public static GeneratedFile Render(string relativePath, MonitoringModel model, DashboardSpec spec)
    {
        using var buffer = new PooledBytes(64 * 1024);
        WriteDashboard(buffer, model, spec);
        return new GeneratedFile(relativePath, Utf8Segments.Of(buffer.WrittenSpan));
    }

    private static void WriteDashboard(PooledBytes buffer, MonitoringModel model, DashboardSpec spec)
    {
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("uid", Uid(model.Service, spec.Kind));
            w.WriteString("title", $"{model.Service} / {spec.Title}");
            w.WriteString("description", spec.Description);
            w.WriteStartArray("tags");
            w.WriteStringValue(Tag);
            w.WriteStringValue(model.Service);
            w.WriteEndArray();
            w.WriteString("timezone", "utc");
            w.WriteBoolean("editable", true);
            w.WriteNumber("graphTooltip", 1);
            w.WriteStartObject("time");
            w.WriteString("from", "now-6h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteString("refresh", "1m");
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteNumber("version", 1);
            WriteTemplating(w, spec);
            WriteAnnotations(w, model);
            WriteLinks(w, model);
            w.WriteStartArray("panels");
            foreach (var placed in GridLayout.Place(spec.Rows))
            {
                PanelJson.Write(w, placed);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    internal static void WriteDatasource(Utf8JsonWriter w)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", "prometheus");
        w.WriteString("uid", "${datasource}");
        w.WriteEndObject();
    }

    private static void WriteTemplating(Utf8JsonWriter w, DashboardSpec spec)
    {
        w.WriteStartObject("templating");
        w.WriteStartArray("list");
        WriteDatasourceVariable(w);
        foreach (var (name, label, query) in spec.QueryVariables)
        {
            w.WriteStartObject();
            w.WriteString("type", "query");
            w.WriteString("name", name);
            w.WriteString("label", label);
            WriteDatasource(w);
            w.WriteString("query", query);
            w.WriteString("definition", query);
            w.WriteNumber("hide", 0);
            w.WriteNumber("refresh", 2);
            w.WriteNumber("sort", 1);
            w.WriteBoolean("includeAll", true);
            w.WriteBoolean("multi", true);
            w.WriteString("allValue", ".*");
            w.WriteString("regex", string.Empty);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The datasource variable every query of every dashboard uses, for the user to pick their Prometheus.</summary>
    internal static void WriteDatasourceVariable(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "datasource");
        w.WriteString("name", "datasource");
        w.WriteString("label", "Data source");
        w.WriteString("query", "prometheus");
        w.WriteNumber("hide", 0);
        w.WriteNumber("refresh", 1);
        w.WriteString("regex", string.Empty);
        w.WriteBoolean("includeAll", false);
        w.WriteBoolean("multi", false);
        w.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter w, MonitoringModel model)
    {
        w.WriteStartObject("annotations");
        w.WriteStartArray("list");

        w.WriteStartObject();
        w.WriteString("name", "Annotations & Alerts");
        w.WriteNumber("builtIn", 1);
        w.WriteStartObject("datasource");
        w.WriteString("type", "grafana");
        w.WriteString("uid", "-- Grafana --");
        w.WriteEndObject();
        w.WriteBoolean("enable", true);
        w.WriteBoolean("hide", true);
        w.WriteString("iconColor", "rgba(0, 211, 255, 1)");
        w.WriteString("type", "dashboard");
        w.WriteEndObject();

        if (model.Deployments.AnnotationTags.Count > 0)
        {
            w.WriteStartObject();
            w.WriteString("name", "Deployments");
            w.WriteStartObject("datasource");
            w.WriteString("type", "grafana");
            w.WriteString("uid", "-- Grafana --");
            w.WriteEndObject();
            w.WriteBoolean("enable", true);
            w.WriteBoolean("hide", false);
            w.WriteString("iconColor", "#8F3BB8");
            w.WriteStartObject("target");
            w.WriteString("type", "tags");
            w.WriteNumber("limit", 100);
            w.WriteBoolean("matchAny", true);
            w.WriteStartArray("tags");
            foreach (var tag in model.Deployments.AnnotationTags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (DashboardQueries.NewVersion(model) is { } newVersion)
        {
            w.WriteStartObject();
            w.WriteString("name", "New version");
            WriteDatasource(w);
            w.WriteBoolean("enable", true);
            w.WriteBoolean("hide", false);
            w.WriteString("iconColor", "#FF9830");
            w.WriteString("expr", newVersion);
            w.WriteString("step", "1m");
            w.WriteString("titleFormat", "Deployed");
            w.WriteString("textFormat", $"{{{{{model.Metrics.Preset.Version!.Label}}}}}");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter w, MonitoringModel model)
    {
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("title", model.Service + " dashboards");
        w.WriteString("type", "dashboards");
        w.WriteString("icon", "external link");
        w.WriteString("tooltip", "The other MonitoringSre dashboards of " + model.Service);
        w.WriteStartArray("tags");
        w.WriteStringValue(Tag);
        w.WriteStringValue(model.Service);
        w.WriteEndArray();
        w.WriteBoolean("asDropdown", false);
        w.WriteBoolean("targetBlank", false);
        w.WriteBoolean("includeVars", true);
        w.WriteBoolean("keepTime", true);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
