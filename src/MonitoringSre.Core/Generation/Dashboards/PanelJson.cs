using System.Text.Json;

namespace MonitoringSre.Generation.Dashboards;

/// <summary>One placed panel as Grafana panel JSON: its grid position, queries, field config (unit, thresholds) and options.</summary>
internal static class PanelJson
{
    public static void Write(Utf8JsonWriter w, PlacedPanel placed)
    {
        w.WriteStartObject();
        if (placed.IsRow)
        {
            w.WriteString("type", "row");
            w.WriteNumber("id", placed.Id);
            w.WriteString("title", placed.RowTitle);
            w.WriteBoolean("collapsed", false);
            WriteGridPos(w, placed);
            w.WriteStartArray("panels");
            w.WriteEndArray();
            w.WriteEndObject();
            return;
        }

        var panel = placed.Panel!;
        w.WriteString("type", panel.Type);
        w.WriteNumber("id", placed.Id);
        w.WriteString("title", panel.Title);
        w.WriteString("description", panel.Description);
        DashboardJson.WriteDatasource(w);
        WriteGridPos(w, placed);
        w.WriteStartArray("targets");
        var refId = 'A';
        foreach (var query in panel.Queries)
        {
            w.WriteStartObject();
            w.WriteString("refId", (refId++).ToString());
            DashboardJson.WriteDatasource(w);
            w.WriteString("expr", query.Expr);
            w.WriteString("legendFormat", query.Legend.Length > 0 ? query.Legend : "__auto");
            w.WriteBoolean("range", !query.Instant);
            w.WriteBoolean("instant", query.Instant);
            if (query.Table)
            {
                w.WriteString("format", "table");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (panel.Transformations.Count > 0 || panel.FieldNames.Count > 0 || panel.HiddenFields.Count > 0)
        {
            w.WriteStartArray("transformations");
            foreach (var id in panel.Transformations)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStartObject("options");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            if (panel.FieldNames.Count > 0 || panel.HiddenFields.Count > 0)
            {
                w.WriteStartObject();
                w.WriteString("id", "organize");
                w.WriteStartObject("options");
                w.WriteStartObject("excludeByName");
                foreach (var field in panel.HiddenFields)
                {
                    w.WriteBoolean(field, true);
                }

                w.WriteEndObject();
                w.WriteStartObject("renameByName");
                foreach (var (field, name) in panel.FieldNames)
                {
                    w.WriteString(field, name);
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        WriteFieldConfig(w, panel);
        WriteOptions(w, panel);
        w.WriteEndObject();
    }

    private static void WriteGridPos(Utf8JsonWriter w, PlacedPanel p)
    {
        w.WriteStartObject("gridPos");
        w.WriteNumber("h", p.H);
        w.WriteNumber("w", p.W);
        w.WriteNumber("x", p.X);
        w.WriteNumber("y", p.Y);
        w.WriteEndObject();
    }

    private static void WriteFieldConfig(Utf8JsonWriter w, PanelSpec panel)
    {
        w.WriteStartObject("fieldConfig");
        w.WriteStartObject("defaults");
        w.WriteString("unit", panel.Unit);
        if (panel.Min is { } min)
        {
            w.WriteNumber("min", min);
        }

        if (panel.Max is { } max)
        {
            w.WriteNumber("max", max);
        }

        if (panel.CellLink is not null)
        {
            w.WriteStartArray("links");
            w.WriteStartObject();
            w.WriteString("title", "Open");
            w.WriteString("type", "link");
            w.WriteString("icon", "dashboard");
            w.WriteString("tooltip", string.Empty);
            w.WriteString("url", panel.CellLink);
            w.WriteStartArray("tags");
            w.WriteEndArray();
            w.WriteBoolean("asDropdown", false);
            w.WriteBoolean("targetBlank", false);
            w.WriteBoolean("includeVars", false);
            w.WriteBoolean("keepTime", true);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("color");
        w.WriteString("mode", panel.Type is "stat" or "gauge" ? "thresholds" : "palette-classic");
        w.WriteEndObject();
        w.WriteStartObject("thresholds");
        w.WriteString("mode", "absolute");
        w.WriteStartArray("steps");
        foreach (var step in panel.Thresholds)
        {
            w.WriteStartObject();
            if (step.Value is { } value)
            {
                w.WriteNumber("value", value);
            }
            else
            {
                w.WriteNull("value");
            }

            w.WriteString("color", step.Color);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (panel.Type == "timeseries")
        {
            w.WriteStartObject("custom");
            w.WriteNumber("fillOpacity", 10);
            w.WriteNumber("lineWidth", 1);
            w.WriteStartObject("thresholdsStyle");
            w.WriteString("mode", panel.ThresholdLines ? "line" : "off");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("overrides");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter w, PanelSpec panel)
    {
        w.WriteStartObject("options");
        switch (panel.Type)
        {
            case "timeseries":
                w.WriteStartObject("legend");
                w.WriteString("displayMode", "list");
                w.WriteString("placement", "bottom");
                w.WriteBoolean("showLegend", true);
                w.WriteEndObject();
                w.WriteStartObject("tooltip");
                w.WriteString("mode", "multi");
                w.WriteString("sort", "desc");
                w.WriteEndObject();
                break;
            case "stat" or "gauge":
                w.WriteStartObject("reduceOptions");
                w.WriteStartArray("calcs");
                w.WriteStringValue("lastNotNull");
                w.WriteEndArray();
                w.WriteString("fields", string.Empty);
                w.WriteBoolean("values", false);
                w.WriteEndObject();
                if (panel.Type == "stat")
                {
                    w.WriteString("colorMode", "value");
                    w.WriteString("graphMode", "area");
                    w.WriteString("textMode", "auto");
                }
                else
                {
                    w.WriteBoolean("showThresholdMarkers", true);
                }

                break;
            case "table":
                w.WriteBoolean("showHeader", true);
                if (panel.SortBy is not null)
                {
                    w.WriteStartArray("sortBy");
                    w.WriteStartObject();
                    w.WriteString("displayName", panel.SortBy);
                    w.WriteBoolean("desc", panel.SortDescending);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                break;
        }

        w.WriteEndObject();
    }
}
