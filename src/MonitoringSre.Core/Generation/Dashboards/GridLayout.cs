namespace MonitoringSre.Generation.Dashboards;

/// <summary>A panel placed on Grafana's 24-column grid.</summary>
public sealed record PlacedPanel(int Id, int X, int Y, int W, int H, PanelSpec? Panel, string? RowTitle)
{
    public bool IsRow => RowTitle is not null;
}

/// <summary>
/// Places rows top to bottom: a one-unit row header, then its panels left to right, wrapping at 24 columns onto a new
/// line as tall as the tallest panel of the line above. Nothing overlaps and nothing passes column 24 by construction.
/// </summary>
public static class GridLayout
{
    public const int Columns = 24;

    public static IReadOnlyList<PlacedPanel> Place(IEnumerable<RowSpec> rows)
    {
        var placed = new List<PlacedPanel>();
        var id = 1;
        var y = 0;
        foreach (var row in rows)
        {
            placed.Add(new PlacedPanel(id++, 0, y, Columns, 1, null, row.Title));
            y += 1;
            int x = 0, lineHeight = 0;
            foreach (var panel in row.Panels)
            {
                var w = Math.Clamp(panel.Width, 1, Columns);
                if (x + w > Columns)
                {
                    y += lineHeight;
                    x = 0;
                    lineHeight = 0;
                }

                placed.Add(new PlacedPanel(id++, x, y, w, panel.Height, panel, null));
                x += w;
                lineHeight = Math.Max(lineHeight, panel.Height);
            }

            y += lineHeight;
        }

        return placed;
    }
}
