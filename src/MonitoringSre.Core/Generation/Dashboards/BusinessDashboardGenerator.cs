namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// dashboards/&lt;service&gt;-business.json, when metrics.business is not empty: per KPI a time series (a counter as its
/// rate, a gauge as its value) and beside it a stat of the value over the dashboard's time range.
/// </summary>
public sealed class BusinessDashboardGenerator : IOutputGenerator
{
    public const string Kind = "business";

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var model = context.Model;
        if (model.Metrics.Business.Count == 0)
        {
            yield break;
        }

        var panels = new List<PanelSpec>();
        foreach (var kpi in model.Metrics.Business)
        {
            var series = DashboardQueries.Selector(model, kpi.Metric);
            if (kpi.Kind == "gauge")
            {
                panels.Add(new PanelSpec("timeseries", kpi.Title, $"{kpi.Metric} over time.", [new Query($"sum({series})", kpi.Title)], 16) { Unit = kpi.Unit });
                panels.Add(new PanelSpec("stat", kpi.Title + " (now)", $"Latest value of {kpi.Metric}.", [new Query($"sum({series})")], 8) { Unit = kpi.Unit });
            }
            else
            {
                var rateUnit = kpi.Unit == "short" ? "short" : kpi.Unit;
                panels.Add(new PanelSpec("timeseries", kpi.Title + " / s", $"Rate of {kpi.Metric}.",
                    [new Query($"sum(rate({series}[{DashboardQueries.RateInterval}]))", kpi.Title)], 16) { Unit = rateUnit, Min = 0 });
                panels.Add(new PanelSpec("stat", kpi.Title + " (time range)", $"Increase of {kpi.Metric} over the dashboard's time range.",
                    [new Query($"sum(increase({series}[$__range]))")], 8) { Unit = kpi.Unit });
            }
        }

        var spec = new DashboardSpec(Kind, "Business KPIs", $"Business KPIs of {model.Service} (metrics.business in monitoring.yaml).",
            [new RowSpec("Business KPIs", panels)]);
        yield return DashboardJson.Render($"dashboards/{model.Service}-{Kind}.json", model, spec);
    }
}
