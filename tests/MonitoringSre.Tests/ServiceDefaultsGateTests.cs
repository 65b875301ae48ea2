using MonitoringSre.Gate;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Criterion 1 on a service built the way Aspire's ServiceDefaults template builds one: Program.cs calls
/// AddServiceDefaults, and the template's Extensions.cs wires OpenTelemetry, logs through its logging provider with
/// IncludeScopes, and pushes everything over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The code is compiled by
/// Roslyn from the template's own source; the findings are read as a team would.
/// </summary>
public sealed class ServiceDefaultsGateTests : IDisposable
{
    private readonly CompiledCode _code = new();

    public void Dispose() => _code.Dispose();

    private const string Program = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/items/{id}", (int id) => id);
        app.Run();
        """;

    /// <summary>What MonitoringInit writes for this code (InitFromCodeTests holds it to that).</summary>
    private const string Spec = """
        service: catalog-api
        metrics:
          preset: aspnetcore-otel
          transport: otlp
        slos:
          - name: availability
            objective: 99.9
            sli:
              availability: {}
        logs:
          format: otlp
          correlation: traceparent
          provider: opentelemetry
        traces:
          propagation: w3c
          sampler: parentbased_always_on
          exporter: otlp
        """;

    /// <summary>The packages the service gets through its reference to the ServiceDefaults project.</summary>
    private static readonly ProjectPackages ThroughServiceDefaults = new([], [.. AspireServiceDefaults.Packages.Keys]);

    private GateCriterion Criterion1(string spec, string? extensions = null, string program = Program, ProjectPackages? packages = null)
    {
        var defaults = _code.Library("Catalog.ServiceDefaults", extensions ?? AspireServiceDefaults.Extensions);
        var code = CompiledCode.Evidence(_code.Program("Catalog.Api", program, defaults), defaults);
        return new TestGateEnvironment(code, packages ?? ThroughServiceDefaults).Criterion1(spec);
    }

    private static int Line(string source, string text) => CompiledCode.LineOf(source, text);

    private string ExtensionsFile => Path.Combine(_code.Folder, "Catalog.ServiceDefaults.cs");

    [Fact]
    public void The_template_meets_criterion_1_with_its_spec_and_the_evidence_says_the_exporter_is_conditional()
    {
        var c = Criterion1(Spec);
        Assert.True(c.Met, c.Fix);
        Assert.Contains("metrics: an OTLP metric exporter: Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters calls "
            + $"OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter (Catalog.ServiceDefaults.cs:{Line(AspireServiceDefaults.Extensions, ".UseOtlpExporter()")}), "
            + "behind a condition in Extensions.AddOpenTelemetryExporters, a method that reads OTEL_EXPORTER_OTLP_ENDPOINT from configuration", c.Evidence);
        Assert.Contains("logs: the OpenTelemetry logging provider: Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.ConfigureOpenTelemetry calls OpenTelemetryLoggingExtensions.AddOpenTelemetry", c.Evidence);
        Assert.Contains("the trace context on every log record (traceparent)", c.Evidence);
        Assert.DoesNotContain("IncludeScopes", c.Fix);
    }

    [Fact]
    public void A_spec_that_expects_a_scrape_is_told_the_service_pushes_and_which_key_to_write()
    {
        var c = Criterion1(Spec.Replace("  transport: otlp\n", string.Empty, StringComparison.Ordinal));
        var finding = Assert.Single(c.Findings);
        Assert.StartsWith("The service pushes its metrics over OTLP (Catalog.ServiceDefaults.dll: ", finding.Fix);
        Assert.EndsWith("but monitoring.yaml's metrics.transport is scrape (the default): its Down alert would wait for an up series that a pushed service never has, "
            + "and page for as long as the service runs. Write metrics.transport: otlp.", finding.Fix);
        Assert.Equal((3, 3), (finding.Location.Line, finding.Location.Column)); // metrics' first key: no metrics.transport to point at
    }

    [Fact]
    public void Without_the_exporter_call_the_findings_name_the_calls_and_go_where_the_template_sets_up_OpenTelemetry()
    {
        var removed = AspireServiceDefaults.Extensions.Replace("            builder.Services.AddOpenTelemetry().UseOtlpExporter();\n", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(AspireServiceDefaults.Extensions, removed);
        var c = Criterion1(Spec, removed);

        var setup = Line(removed, "        builder.Services.AddOpenTelemetry()");
        Assert.Equal(3, c.Findings.Count); // the metric, log and span exporters
        var metrics = c.Findings[0];
        Assert.Equal("An OTLP metric exporter is not wired: the code in Catalog.Api.dll and Catalog.ServiceDefaults.dll never calls AddOtlpExporter or UseOtlpExporter. "
            + $"In Catalog.ServiceDefaults.cs (Extensions.ConfigureOpenTelemetry, line {setup}), append to the `AddOpenTelemetry()` that Extensions.ConfigureOpenTelemetry calls: "
            + "`.WithMetrics(metrics => metrics.AddOtlpExporter())` (with `using OpenTelemetry.Metrics;` in that file).", metrics.Fix);
        Assert.Equal((ExtensionsFile, setup), (metrics.Location.File, metrics.Location.Line));
        Assert.Contains("`.WithLogging(logging => logging.AddOtlpExporter())`", c.Findings[1].Fix);
        Assert.Contains("`.WithTracing(tracing => tracing.AddOtlpExporter())`", c.Findings[2].Fix);
        Assert.All(c.Findings, f => Assert.DoesNotContain("dotnet add package", f.Fix)); // the service has the package, through ServiceDefaults
    }

    [Fact]
    public void When_the_method_that_adds_the_exporter_is_no_longer_called_the_finding_names_the_call_and_its_file()
    {
        var uncalled = AspireServiceDefaults.Extensions.Replace("        builder.AddOpenTelemetryExporters();\n", "        // builder.AddOpenTelemetryExporters();\n", StringComparison.Ordinal);
        var c = Criterion1(Spec, uncalled);

        var line = Line(uncalled, ".UseOtlpExporter()");
        var metrics = c.Findings[0];
        Assert.Equal("An OTLP metric exporter is not wired: Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters calls "
            + $"OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter (Catalog.ServiceDefaults.cs:{line}), behind a condition in Extensions.AddOpenTelemetryExporters, "
            + "a method that reads OTEL_EXPORTER_OTLP_ENDPOINT from configuration, but nothing the service runs calls Extensions.AddOpenTelemetryExporters. "
            + "Call Extensions.AddOpenTelemetryExporters again from code that runs (Program.cs, or a method it calls), or wire it where the service's OpenTelemetry is set up.", metrics.Fix);
        Assert.Equal((ExtensionsFile, line), (metrics.Location.File, metrics.Location.Line));
    }

    [Fact]
    public void A_spec_scaffolded_for_json_console_logs_is_told_the_service_logs_through_OpenTelemetry_and_never_that_IncludeScopes_is_not_set()
    {
        var json = Spec.Replace("  format: otlp\n", "  format: json\n", StringComparison.Ordinal).Replace("  provider: opentelemetry\n", "  provider: console\n", StringComparison.Ordinal);
        var c = Criterion1(json);
        var finding = Assert.Single(c.Findings);
        Assert.StartsWith("The service logs through the OpenTelemetry logging provider (Catalog.ServiceDefaults.dll: ", finding.Fix);
        Assert.EndsWith("but monitoring.yaml says logs.format: json with logs.provider: console: write logs.format: otlp and logs.provider: opentelemetry.", finding.Fix);
    }

    [Fact]
    public void The_console_check_says_what_the_code_does_set_when_it_is_another_types_IncludeScopes()
    {
        var withConsole = AspireServiceDefaults.Extensions.Replace("        builder.Services.AddOpenTelemetry()\n", "        builder.Logging.AddJsonConsole();\n        builder.Services.AddOpenTelemetry()\n", StringComparison.Ordinal);
        var json = Spec.Replace("  format: otlp\n", "  format: json\n", StringComparison.Ordinal).Replace("  provider: opentelemetry\n", "  provider: console\n", StringComparison.Ordinal);
        var c = Criterion1(json, withConsole);
        var finding = Assert.Single(c.Findings);
        Assert.StartsWith("The trace context on every log line (traceparent) is not wired: the code in Catalog.Api.dll and Catalog.ServiceDefaults.dll never sets ConsoleFormatterOptions.IncludeScopes or creates a ", finding.Fix);
        Assert.Contains($" It sets OpenTelemetryLoggerOptions.IncludeScopes (Catalog.ServiceDefaults.cs:{Line(withConsole, "logging.IncludeScopes = true;")}), which is another type's and does not do this.", finding.Fix);
    }

    [Fact]
    public void A_sampler_the_code_sets_is_a_finding_at_the_spec_key_and_never_advice_to_paste_a_second_one()
    {
        var sampled = AspireServiceDefaults.Extensions.Replace("                tracing.AddSource(builder.Environment.ApplicationName)\n",
            "                tracing.SetSampler(new ParentBasedSampler(new AlwaysOnSampler()));\n                tracing.AddSource(builder.Environment.ApplicationName)\n", StringComparison.Ordinal);
        Assert.NotEqual(AspireServiceDefaults.Extensions, sampled);
        var c = Criterion1(Spec.Replace("parentbased_always_on", "parentbased_traceidratio\n  ratio: 0.1", StringComparison.Ordinal), sampled);
        var finding = Assert.Single(c.Findings);
        Assert.StartsWith("The service samples with parentbased_always_on (Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.ConfigureOpenTelemetry (lambda) calls new ParentBasedSampler", finding.Fix);
        Assert.Contains("but monitoring.yaml's traces.sampler is parentbased_traceidratio: write traces.sampler: parentbased_always_on, or change the sampler where the code sets it", finding.Fix);
        Assert.DoesNotContain("SetSampler(new", finding.Fix);

        // With OpenTelemetry's default sampling, a spec asking for a ratio is missing wiring, fixed where the template sets up tracing.
        var unset = Criterion1(Spec.Replace("parentbased_always_on", "parentbased_traceidratio\n  ratio: 0.1", StringComparison.Ordinal));
        Assert.Contains("append to the `AddOpenTelemetry()` that Extensions.ConfigureOpenTelemetry calls: `.WithTracing(tracing => tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.1))))`",
            Assert.Single(unset.Findings).Fix);
    }

    [Fact]
    public void A_package_the_service_lacks_is_added_without_moving_a_central_pin()
    {
        var withoutOtlp = new ProjectPackages([], [.. AspireServiceDefaults.Packages.Keys.Where(p => p != "OpenTelemetry.Exporter.OpenTelemetryProtocol")]);
        var removed = AspireServiceDefaults.Extensions.Replace("            builder.Services.AddOpenTelemetry().UseOtlpExporter();\n", string.Empty, StringComparison.Ordinal);

        var plain = Criterion1(Spec, removed, packages: withoutOtlp).Findings[0];
        Assert.Contains("Reference it first: `dotnet add package OpenTelemetry.Exporter.OpenTelemetryProtocol --version 1.20.1`; then in Catalog.ServiceDefaults.cs", plain.Fix);

        var pinned = Criterion1(Spec, removed, packages: withoutOtlp with { CentralVersions = new Dictionary<string, string> { ["OpenTelemetry.Exporter.OpenTelemetryProtocol"] = "1.12.0" } }).Findings[0];
        Assert.Contains("Reference it first: add `<PackageReference Include=\"OpenTelemetry.Exporter.OpenTelemetryProtocol\" />` to Checkout.csproj, without a version: "
            + "Directory.Packages.props pins it at 1.12.0 for every project, and that pin stays as it is; then", pinned.Fix);
        Assert.DoesNotContain("--version", pinned.Fix);

        var unpinned = Criterion1(Spec, removed, packages: withoutOtlp with { CentralVersions = new Dictionary<string, string>() }).Findings[0];
        Assert.Contains("`dotnet add package OpenTelemetry.Exporter.OpenTelemetryProtocol --version 1.20.1`, which under central package management adds a PackageVersion for "
            + "OpenTelemetry.Exporter.OpenTelemetryProtocol alone to Directory.Packages.props and leaves every other pin as it is", unpinned.Fix);
    }
}
