using System.Text.Json;

namespace MonitoringSre.IntegrationTests.Support;

/// <summary>
/// Every query of a generated Grafana dashboard, with the variables Grafana would fill in replaced, asked of a real
/// Prometheus: what a team sees on the panel, or that the panel stays empty.
/// </summary>
public static class DashboardQueries
{
    /// <summary>The panel title and query of every target in <paramref name="dashboardFile"/> (rows' nested panels too).</summary>
    public static IReadOnlyList<(string Panel, string Expr)> Read(string dashboardFile, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(dashboardFile));
        var queries = new List<(string, string)>();
        void Walk(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("targets", out var targets))
                {
                    foreach (var target in targets.EnumerateArray())
                    {
                        queries.Add((panel.GetProperty("title").GetString()!, Substitute(target.GetProperty("expr").GetString()!, variables)));
                    }
                }

                if (panel.TryGetProperty("panels", out var nested))
                {
                    Walk(nested);
                }
            }
        }

        Walk(dashboard.RootElement.GetProperty("panels"));
        return queries;
    }

    /// <summary>The queries that return no series, or a NaN or infinite value, as "panel 'title': expr".</summary>
    public static async Task<IReadOnlyList<string>> WithoutDataAsync(HttpClient http, string prometheus, IEnumerable<(string Panel, string Expr)> queries)
    {
        var empty = new List<string>();
        foreach (var (panel, expr) in queries)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(prometheus + "/api/v1/query?query=" + Uri.EscapeDataString(expr)));
            var data = doc.RootElement.GetProperty("data");
            var result = data.GetProperty("result");
            var values = data.GetProperty("resultType").GetString() == "vector"
                ? result.EnumerateArray().Select(r => r.GetProperty("value")[1].GetString()).ToList()
                : [result[1].GetString()];
            if (values.Count == 0 || values.Any(v => v is "NaN" or "+Inf" or "-Inf"))
            {
                empty.Add($"panel '{panel}': {expr} -> {result}");
            }
        }

        return empty;
    }

    /// <summary>Grafana's own variables as a panel over the last hour has them; the dashboard's variables as given.</summary>
    private static string Substitute(string expr, IReadOnlyDictionary<string, string>? variables)
    {
        var text = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$__range", "5m", StringComparison.Ordinal);
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            text = text.Replace("$" + name, value, StringComparison.Ordinal);
        }

        return text;
    }
}
