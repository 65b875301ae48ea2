namespace MonitoringSre.Model;

/// <summary>
/// How one kind of .NET service names its HTTP metrics. Presets are data: generators read these fields and never
/// branch on the preset's name.
/// </summary>
/// <param name="DurationMetric">Histogram base name; _count and _bucket are appended.</param>
/// <param name="Buckets">Histogram upper bounds in seconds, ascending, without +Inf.</param>
public sealed record MetricsPreset(
    string Name,
    string Description,
    string DurationMetric,
    string StatusLabel,
    string RouteLabel,
    string MethodLabel,
    IReadOnlyList<decimal> Buckets);
