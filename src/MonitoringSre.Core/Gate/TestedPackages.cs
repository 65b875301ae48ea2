namespace MonitoringSre.Gate;

/// <summary>
/// The package versions this release's wiring fixes were built and tested with (the samples reference them and the
/// integration tests paste the fixes against them). A suggested <c>dotnet add package</c> pins them: pasted, it gives
/// what was tested, not whatever a feed lists as newest that day, which may not restore or may have moved an API.
/// </summary>
public static class TestedPackages
{
    public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OpenTelemetry.Extensions.Hosting"] = "1.20.1",
        ["OpenTelemetry.Instrumentation.AspNetCore"] = "1.20.2",
        ["OpenTelemetry.Exporter.OpenTelemetryProtocol"] = "1.20.1",
        ["OpenTelemetry.Exporter.Prometheus.AspNetCore"] = "1.20.1-beta.1",
    };

    /// <summary>The command that adds <paramref name="package"/>: at its tested version when there is one, else the feed's newest.</summary>
    public static string AddCommand(string package) =>
        "dotnet add package " + package + (Versions.TryGetValue(package, out var version) ? " --version " + version : string.Empty);
}
