namespace MonitoringSre.Testing;

/// <summary>
/// Aspire's aspire-servicedefaults template (tests/TestData/aspire-servicedefaults, source and licence in its README),
/// instantiated the way `dotnet new aspire-servicedefaults` would: the project named for the template's sourceName, the
/// framework chosen, the package versions filled in. The template engine cannot be installed here, so this does its
/// replacements and nothing else.
/// </summary>
public static class AspireServiceDefaults
{
    /// <summary>The versions the template's placeholders become: served here, and the gate's pinned OpenTelemetry versions.</summary>
    public static IReadOnlyDictionary<string, (string Placeholder, string Version)> Packages { get; } = new Dictionary<string, (string, string)>
    {
        ["Microsoft.Extensions.Http.Resilience"] = ("!!REPLACE_WITH_DOTNET_EXTENSIONS_VERSION!!", "10.0.0"),
        ["Microsoft.Extensions.ServiceDiscovery"] = ("!!REPLACE_WITH_SERVICE_DISCOVERY_VERSION!!", "10.0.0"),
        ["OpenTelemetry.Exporter.OpenTelemetryProtocol"] = ("!!REPLACE_WITH_OTEL_EXPORTER_VERSION!!", "1.20.1"),
        ["OpenTelemetry.Extensions.Hosting"] = ("!!REPLACE_WITH_OTEL_HOSTING_VERSION!!", "1.20.1"),
        ["OpenTelemetry.Instrumentation.AspNetCore"] = ("!!REPLACE_WITH_OTEL_ASPNETCORE_VERSION!!", "1.20.2"),
        ["OpenTelemetry.Instrumentation.Http"] = ("!!REPLACE_WITH_OTEL_HTTP_VERSION!!", "1.20.1"),
        ["OpenTelemetry.Instrumentation.Runtime"] = ("!!REPLACE_WITH_OTEL_RUNTIME_VERSION!!", "1.20.1"),
    };

    /// <summary>Extensions.cs as the template has it.</summary>
    public static string Extensions => File.ReadAllText(Repo.TestData("aspire-servicedefaults", "Extensions.cs"));

    /// <summary>The project file, for <paramref name="framework"/>, with every package version filled in.</summary>
    public static string Project(string framework = "net10.0")
    {
        var text = File.ReadAllText(Repo.TestData("aspire-servicedefaults", "Aspire.ServiceDefaults1.csproj")).Replace("net8.0", framework, StringComparison.Ordinal);
        foreach (var (placeholder, version) in Packages.Values)
        {
            text = text.Replace(placeholder, version, StringComparison.Ordinal);
        }

        if (text.Contains("!!REPLACE_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the template has a placeholder this instantiation does not fill:\n" + text);
        }

        return text;
    }
}
