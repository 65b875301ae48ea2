namespace MonitoringSre.Model;

// How the service logs, traces and marks deployments: tiny records of one idea, the spec's telemetry sections.

public sealed record LogsConfig(string? Format, string? Correlation, string? Level, string? Provider = null);

public sealed record TracesConfig(string? Propagation, string? Sampler, decimal? Ratio, string? Exporter);

public sealed record DeploymentsConfig(IReadOnlyList<string> AnnotationTags);
