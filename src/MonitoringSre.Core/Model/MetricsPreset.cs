namespace MonitoringSre.Model;

/// <summary>
/// How one kind of .NET service names its HTTP metrics. Presets are data: generators read these fields and never
/// branch on the preset's name.
/// </summary>
/// <param name="DurationMetric">Histogram base name; _count and _bucket are appended.</param>
/// <param name="Buckets">Histogram upper bounds in seconds, ascending, without +Inf.</param>
/// <param name="Packages">
/// The NuGet packages that export these metrics: a project referencing one of them uses this preset
/// (MonitoringInit), and the gate suggests the first when the exporter is not wired.
/// </param>
public sealed record MetricsPreset(
    string Name,
    string Description,
    IReadOnlyList<string> Packages,
    string DurationMetric,
    string StatusLabel,
    string RouteLabel,
    string MethodLabel,
    IReadOnlyList<decimal> Buckets,
    RuntimeMetrics Runtime,
    VersionInfo? Version)
{
    /// <summary>
    /// Whether the preset's metrics can also be pushed over OTLP under the same names: OpenTelemetry's instruments are
    /// named by Prometheus' default OTLP translation exactly as its Prometheus exporter names them.
    /// </summary>
    public bool CanPush { get; init; }
}

/// <summary>
/// Process-level USE metrics the preset's exporter publishes. Null where the exporter has no such metric; the
/// infrastructure dashboard leaves that panel out.
/// </summary>
public sealed record RuntimeMetrics(
    string CpuSecondsTotal,
    string? CpuCount,
    string WorkingSetBytes,
    string? GcHeapBytes,
    string? GcPauseSecondsTotal,
    string? GcCollectionsTotal,
    string? ThreadPoolQueueLength,
    string? ThreadCount);

/// <summary>A series whose label carries the running version, e.g. target_info{service_version}.</summary>
public sealed record VersionInfo(string Metric, string Label);
