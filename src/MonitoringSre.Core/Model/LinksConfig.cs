namespace MonitoringSre.Model;

/// <summary>The spec's links: the web view of the runbooks folder, and Grafana's base URL.</summary>
public sealed record LinksConfig(string? Runbooks, string? Grafana);
