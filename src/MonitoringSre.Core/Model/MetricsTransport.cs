namespace MonitoringSre.Model;

/// <summary>How a service's metrics reach Prometheus: the spec's metrics.transport.</summary>
public enum MetricsTransport
{
    /// <summary>Prometheus scrapes the service's endpoint; every target has an up series.</summary>
    Scrape,

    /// <summary>
    /// The service pushes OTLP, to Prometheus' OTLP receiver or through an OpenTelemetry Collector. There is no up series
    /// and no staleness marker; each push writes the service's target_info with the samples.
    /// </summary>
    Otlp,
}
