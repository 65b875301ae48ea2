namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// dashboards/&lt;service&gt;-deployments.json: the versions running over time, a table of versions with first and last
/// seen (when the preset exports a version), and error ratio and p99 latency, on which the deployment annotations show.
/// </summary>
public sealed class DeploymentsDashboardGenerator : IOutputGenerator
{
    public const string Kind = "deployments";

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var model = context.Model;
        var rows = new List<RowSpec>();
        if (model.Metrics.Preset.Version is { } version)
        {
            var running = $"count by ({version.Label}) ({DashboardQueries.Selector(model, version.Metric)})";
            rows.Add(new RowSpec("Versions",
            [
                new PanelSpec("timeseries", "Instances by version", $"Instances reporting each {version.Label} ({version.Metric}).",
                    [new Query(running, $"{{{{{version.Label}}}}}")], 12) { Unit = "short", Min = 0 },
                new PanelSpec("table", "Versions seen", "Each version with the first and last time it ran within the dashboard's time range.",
                [
                    new Query($"min_over_time(timestamp({running})[$__range:1m]) * 1000", "first seen", Instant: true, Table: true),
                    new Query($"max_over_time(timestamp({running})[$__range:1m]) * 1000", "last seen", Instant: true, Table: true),
                ], 12) { Unit = "dateTimeAsIso", Transformations = ["merge"] },
            ]));
        }

        rows.Add(new RowSpec("Service health around deployments",
        [
            new PanelSpec("timeseries", "Error ratio", "Share of failing responses; deployments are marked on the time axis.",
                [new Query(DashboardQueries.ErrorRatio(model), "error ratio")], 12) { Unit = "percentunit", Min = 0 },
            new PanelSpec("timeseries", "Latency p99", "99th percentile of request duration; deployments are marked on the time axis.",
                [new Query(DashboardQueries.Quantile(model, "0.99"), "p99")], 12) { Unit = "s", Min = 0 },
            new PanelSpec("timeseries", "Request rate", "Requests per second.", [new Query(DashboardQueries.RequestRate(model), "requests / s")], 24) { Unit = "reqps", Min = 0 },
        ]));

        var spec = new DashboardSpec(Kind, "Deployments", $"Deployments of {model.Service} and how the service behaved around them.", rows);
        yield return DashboardJson.Render($"dashboards/{model.Service}-{Kind}.json", model, spec);
    }
}
