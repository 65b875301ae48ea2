namespace MonitoringSre.Model;

/// <summary>The validated spec with defaults applied. Nothing past this point knows about YAML.</summary>
public sealed record MonitoringModel(
    string Service,
    string? Team,
    string? Description,
    int PeriodDays,
    RunbookBase? Runbooks,
    IReadOnlyList<Label> Labels,
    MetricsConfig Metrics,
    IReadOnlyList<SloModel> Slos,
    ErrorBudgetPolicy ErrorBudgetPolicy,
    LogsConfig Logs,
    TracesConfig Traces,
    DeploymentsConfig Deployments,
    IncidentsConfig Incidents,
    string SpecFile)
{
    /// <summary>calendar: the period is calendar-aligned; null for a rolling period.</summary>
    public CalendarPeriod? Calendar { get; init; }

    /// <summary>The service's overview dashboard in Grafana, when a Grafana base URL is known.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>Where the spec's sections are, for findings about them.</summary>
    public SpecLocations Locations { get; init; } = SpecLocations.None(SpecFile);

    /// <summary>links.runbooks and links.grafana as the spec gives them (https URLs), before build properties apply.</summary>
    public LinksConfig Links { get; init; } = new(null, null);

    public string ServicePascal => Text.NameCase.ToPascal(Service);

    public string DownAlertName => ServicePascal + "Down";

    public string SliAbsentAlertName(SloModel slo) => ServicePascal + Text.NameCase.ToPascal(slo.Name) + "SliAbsent";
}
