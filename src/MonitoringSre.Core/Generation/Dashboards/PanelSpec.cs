namespace MonitoringSre.Generation.Dashboards;

/// <summary>One PromQL query of a panel. <see cref="Instant"/> queries with <see cref="Table"/> format feed table panels.</summary>
public sealed record Query(string Expr, string Legend = "", bool Instant = false, bool Table = false);

/// <summary>A threshold step: from <see cref="Value"/> (null: from minus infinity) the colour is <see cref="Color"/>.</summary>
public sealed record Step(decimal? Value, string Color);

/// <summary>What a generator says about a panel; the layout decides where it goes and the writer how it is spelled.</summary>
public sealed record PanelSpec(
    string Type,
    string Title,
    string Description,
    IReadOnlyList<Query> Queries,
    int Width,
    int Height = 8)
{
    public string Unit { get; init; } = "short";

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public IReadOnlyList<Step> Thresholds { get; init; } = [new(null, "green")];

    /// <summary>Draw the thresholds as lines on a time series (burn-rate page factors).</summary>
    public bool ThresholdLines { get; init; }

    /// <summary>Grafana transformation ids applied in order, each with empty options (table panels: merge).</summary>
    public IReadOnlyList<string> Transformations { get; init; } = [];

    /// <summary>Table panels: after the transformations, an organize that names these fields ("Value #A" → "Objective").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FieldNames { get; init; } = [];

    /// <summary>Table panels: fields the organize leaves out (Time).</summary>
    public IReadOnlyList<string> HiddenFields { get; init; } = [];

    /// <summary>A link on every cell, e.g. to a dashboard named by a field of the row: /d/${__data.fields.dashboard}.</summary>
    public string? CellLink { get; init; }

    /// <summary>Table panels: the field (by its shown name) the rows are sorted by, ascending unless <see cref="SortDescending"/>.</summary>
    public string? SortBy { get; init; }

    public bool SortDescending { get; init; }
}

/// <summary>A titled row of panels; panels wrap onto further lines of the 24-column grid.</summary>
public sealed record RowSpec(string Title, IReadOnlyList<PanelSpec> Panels);

/// <summary>Everything one dashboard shows.</summary>
public sealed record DashboardSpec(string Kind, string Title, string Description, IReadOnlyList<RowSpec> Rows)
{
    /// <summary>Template variables besides the data source, e.g. the node_exporter instance.</summary>
    public IReadOnlyList<(string Name, string Label, string Query)> QueryVariables { get; init; } = [];
}
