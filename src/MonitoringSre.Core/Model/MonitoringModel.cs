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
    public string ServicePascal => Text.NameCase.ToPascal(Service);

    public string DownAlertName => ServicePascal + "Down";

    public string SliAbsentAlertName(SloModel slo) => ServicePascal + Text.NameCase.ToPascal(slo.Name) + "SliAbsent";
}

/// <summary>Where runbooks live: a folder beside the project, or an https URL base.</summary>
public sealed record RunbookBase(string Value, bool IsUrl)
{
    public string UrlFor(string alertName) => IsUrl
        ? Value.TrimEnd('/') + "/" + alertName
        : Value.TrimEnd('/', '\\') + "/" + alertName + ".md";
}

public sealed record MetricsConfig(MetricsPreset Preset, string Selector, IReadOnlyList<LabelMatcher> Matchers, IReadOnlyList<BusinessMetric> Business);

public sealed record BusinessMetric(string Metric, string Title, string Kind, string Unit);

public sealed record ErrorBudgetPolicy(string? Exhausted, string? Burning);

public sealed record LogsConfig(string? Format, string? Correlation, string? Level, string? Provider = null);

public sealed record TracesConfig(string? Propagation, string? Sampler, decimal? Ratio, string? Exporter);

public sealed record DeploymentsConfig(IReadOnlyList<string> AnnotationTags);

public sealed record IncidentsConfig(
    string Plan,
    string? OnCall,
    string? Channel,
    IReadOnlyList<string> Escalation,
    IReadOnlyDictionary<string, string> ResponseTimes)
{
    public static IReadOnlyDictionary<string, string> DefaultResponseTimes { get; } = new Dictionary<string, string>
    {
        ["P0"] = "immediate",
        ["P1"] = "15m",
        ["P2"] = "1h",
        ["P3"] = "next business day",
    };
}
