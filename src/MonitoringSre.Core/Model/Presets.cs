namespace MonitoringSre.Model;

/// <summary>The metric presets a spec can name under metrics.preset. The first is the default.</summary>
public static class Presets
{
    /// <summary>ASP.NET Core's http.server.request.duration, exported by OpenTelemetry.Exporter.Prometheus.AspNetCore.</summary>
    public static readonly MetricsPreset AspNetCoreOtel = new(
        Name: "aspnetcore-otel",
        Description: "ASP.NET Core http.server.request.duration exported by OpenTelemetry's Prometheus exporter",
        DurationMetric: "http_server_request_duration_seconds",
        StatusLabel: "http_response_status_code",
        RouteLabel: "http_route",
        MethodLabel: "http_request_method",
        Buckets: [0.005m, 0.01m, 0.025m, 0.05m, 0.075m, 0.1m, 0.25m, 0.5m, 0.75m, 1m, 2.5m, 5m, 7.5m, 10m]);

    /// <summary>prometheus-net.AspNetCore's HttpMetrics: 16 exponential buckets from 1ms doubling.</summary>
    public static readonly MetricsPreset PrometheusNet = new(
        Name: "prometheus-net",
        Description: "prometheus-net.AspNetCore's http_request_duration_seconds",
        DurationMetric: "http_request_duration_seconds",
        StatusLabel: "code",
        RouteLabel: "endpoint",
        MethodLabel: "method",
        Buckets: Enumerable.Range(0, 16).Select(n => 0.001m * (1 << n)).ToArray());

    public static IReadOnlyList<MetricsPreset> All { get; } = [AspNetCoreOtel, PrometheusNet];

    public static MetricsPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
