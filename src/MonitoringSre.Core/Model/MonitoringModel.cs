using MonitoringSre.Diagnostics;

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
    /// <summary>The service's overview dashboard in Grafana, when a Grafana base URL is known.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>links.runbooks and links.grafana as the spec gives them (https URLs), before build properties apply.</summary>
    public LinksConfig Links { get; init; } = new(null, null);

    public string ServicePascal => Text.NameCase.ToPascal(Service);

    public string DownAlertName => ServicePascal + "Down";

    public string SliAbsentAlertName(SloModel slo) => ServicePascal + Text.NameCase.ToPascal(slo.Name) + "SliAbsent";
}

/// <summary>
/// Where runbooks live: a folder beside the project (<see cref="WebBase"/> is that folder in the repository's web view,
/// when known), or an https URL base.
/// </summary>
public sealed record RunbookBase(string Value, bool IsUrl, string? WebBase = null)
{
    /// <summary>The link in an alert: absolute whenever a base is known, so it opens from a pager.</summary>
    public string UrlFor(string alertName) => IsUrl
        ? Value.TrimEnd('/') + "/" + alertName
        : WebBase is not null ? WebBase.TrimEnd('/') + "/" + alertName + ".md" : FileFor(alertName);

    /// <summary>The runbook's file, relative to the project, when runbooks is a folder.</summary>
    public string FileFor(string alertName) => Value.TrimEnd('/', '\\') + "/" + alertName + ".md";

    /// <summary>Whether an alert's runbook_url is a link a pager can open.</summary>
    public bool IsAbsolute => IsUrl || WebBase is not null;
}

/// <param name="ExcludedRoutes">Routes whose requests are no user traffic (the scrape endpoint, health checks): globs, left out of every preset SLI.</param>
/// <summary>The spec's links: the web view of the runbooks folder, and Grafana's base URL.</summary>
public sealed record LinksConfig(string? Runbooks, string? Grafana);

public sealed record MetricsConfig(MetricsPreset Preset, string Selector, IReadOnlyList<LabelMatcher> Matchers, IReadOnlyList<BusinessMetric> Business, IReadOnlyList<string> ExcludedRoutes)
{
    /// <summary>What a spec without metrics.excludeRoutes leaves out: the scrape endpoint and the usual health checks.</summary>
    public static IReadOnlyList<string> DefaultExcludedRoutes { get; } = ["/metrics", "/health*", "/healthz", "/alive"];

    /// <summary>The matcher that leaves the excluded routes out, or null when none are.</summary>
    public LabelMatcher? RouteExclusion => ExcludedRoutes.Count == 0 ? null
        : new LabelMatcher(Preset.RouteLabel, "!~", string.Join("|", ExcludedRoutes.Select(r => string.Join(".*", r.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)))));
}

public sealed record BusinessMetric(string Metric, string Title, string Kind, string Unit);

/// <param name="FreezeBelowPercent">errorBudgetPolicy.freezeBelow: releases freeze at or below this percentage of the budget left.</param>
/// <param name="WarnBurnRate">errorBudgetPolicy.warnBurnRate, or null for the 6h paging tier's burn rate.</param>
public sealed record ErrorBudgetPolicy(string? Exhausted, string? Burning, decimal FreezeBelowPercent = 0m, decimal? WarnBurnRate = null);

public sealed record LogsConfig(string? Format, string? Correlation, string? Level, string? Provider = null);

public sealed record TracesConfig(string? Propagation, string? Sampler, decimal? Ratio, string? Exporter);

public sealed record DeploymentsConfig(IReadOnlyList<string> AnnotationTags);

public sealed record IncidentsConfig(
    string Plan,
    string? OnCall,
    string? Channel,
    IReadOnlyList<string> Escalation,
    Priorities Priorities);
