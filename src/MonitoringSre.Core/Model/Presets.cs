namespace MonitoringSre.Model;

/// <summary>The metric presets a spec can name under metrics.preset. The first is the default.</summary>
public static class Presets
{
    /// <summary>ASP.NET Core's http.server.request.duration, exported by OpenTelemetry.Exporter.Prometheus.AspNetCore.</summary>
    public static readonly MetricsPreset AspNetCoreOtel = new(
        Name: "aspnetcore-otel",
        Description: "ASP.NET Core http.server.request.duration from OpenTelemetry, scraped from its Prometheus exporter or pushed over OTLP",
        // Not the instrumentation package alone: services that trace with OpenTelemetry may still export with prometheus-net.
        Packages: ["OpenTelemetry.Exporter.Prometheus.AspNetCore"],
        DurationMetric: "http_server_request_duration_seconds",
        StatusLabel: "http_response_status_code",
        RouteLabel: "http_route",
        MethodLabel: "http_request_method",
        Buckets: [0.005m, 0.01m, 0.025m, 0.05m, 0.075m, 0.1m, 0.25m, 0.5m, 0.75m, 1m, 2.5m, 5m, 7.5m, 10m],
        // The System.Runtime meter of .NET 9+, as OpenTelemetry's Prometheus exporter names it.
        Runtime: new RuntimeMetrics(
            CpuSecondsTotal: "dotnet_process_cpu_time_seconds_total",
            CpuCount: "dotnet_process_cpu_count",
            WorkingSetBytes: "dotnet_process_memory_working_set_bytes",
            GcHeapBytes: "dotnet_gc_last_collection_heap_size_bytes",
            GcPauseSecondsTotal: "dotnet_gc_pause_time_seconds_total",
            GcCollectionsTotal: "dotnet_gc_collections_total",
            ThreadPoolQueueLength: "dotnet_thread_pool_queue_length_total",
            ThreadCount: "dotnet_thread_pool_thread_count_total"),
        // OpenTelemetry's resource attributes: service.version becomes target_info's service_version label.
        Version: new VersionInfo("target_info", "service_version"))
    {
        CanPush = true,
    };

    /// <summary>prometheus-net.AspNetCore's HttpMetrics: 16 exponential buckets from 1ms doubling.</summary>
    public static readonly MetricsPreset PrometheusNet = new(
        Name: "prometheus-net",
        Description: "prometheus-net.AspNetCore's http_request_duration_seconds",
        Packages: ["prometheus-net.AspNetCore", "prometheus-net"],
        DurationMetric: "http_request_duration_seconds",
        StatusLabel: "code",
        RouteLabel: "endpoint",
        MethodLabel: "method",
        Buckets: Enumerable.Range(0, 16).Select(n => 0.001m * (1 << n)).ToArray(),
        // prometheus-net's default process and .NET collectors.
        Runtime: new RuntimeMetrics(
            CpuSecondsTotal: "process_cpu_seconds_total",
            CpuCount: null,
            WorkingSetBytes: "process_working_set_bytes",
            GcHeapBytes: "dotnet_total_memory_bytes",
            GcPauseSecondsTotal: null,
            GcCollectionsTotal: "dotnet_collection_count_total",
            ThreadPoolQueueLength: null,
            ThreadCount: "process_num_threads"),
        Version: null);

    public static IReadOnlyList<MetricsPreset> All { get; } = [AspNetCoreOtel, PrometheusNet];

    public static MetricsPreset Default => All[0];

    public static MetricsPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// The preset whose exporter the project references, else <see cref="Default"/>. A project that references the
    /// exporters of several presets gets the one that is not the default: it was added on purpose.
    /// </summary>
    public static MetricsPreset ForPackages(IEnumerable<string> packageReferences)
    {
        var packages = packageReferences.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return All.Skip(1).FirstOrDefault(p => p.Packages.Any(packages.Contains))
            ?? Default;
    }
}
