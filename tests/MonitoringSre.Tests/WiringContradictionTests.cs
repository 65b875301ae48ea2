using MonitoringSre.Gate;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Where the code does otherwise than the spec says, criterion 1 says so once, at the spec key to change, instead of
/// asking for wiring the service does not want; and no finding says a call is never made when the code makes it.
/// Each service is compiled by Roslyn against the real OpenTelemetry assemblies.
/// </summary>
public sealed class WiringContradictionTests : IDisposable
{
    private readonly CompiledCode _code = new();

    public void Dispose() => _code.Dispose();

    private const string Head = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using OpenTelemetry;
        using OpenTelemetry.Logs;
        using OpenTelemetry.Metrics;
        using OpenTelemetry.Trace;

        var builder = WebApplication.CreateBuilder(args);

        """;

    private const string Tail = """

        var app = builder.Build();
        app.Run();
        """;

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
          sampler: parentbased_traceidratio
          ratio: 0.1
          exporter: otlp
        """;

    /// <summary>The service's OpenTelemetry packages, all there: these tests are about calls, not references.</summary>
    internal static readonly ProjectPackages OpenTelemetryPackages =
        new([], ["OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Exporter.OpenTelemetryProtocol", "OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Exporter.Prometheus.AspNetCore"]);

    private GateCriterion Criterion1(string body, string spec = Spec)
    {
        var code = CompiledCode.Evidence(_code.Program("Catalog.Api", Head + body + Tail));
        return new TestGateEnvironment(code, OpenTelemetryPackages, "/src/Catalog.Api.csproj").Criterion1(spec);
    }

    private const string Otel = """
        builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = true);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddOtlpExporter())
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.1))).AddOtlpExporter())
            .WithLogging(logging => logging.AddOtlpExporter());
        """;

    [Fact]
    public void The_spec_and_code_agreeing_meet_criterion_1()
    {
        var c = Criterion1(Otel);
        Assert.True(c.Met, c.Fix);
    }

    [Fact]
    public void A_spec_that_says_otlp_for_a_scraped_service_is_told_to_write_scrape()
    {
        var scraped = Otel.Replace("metrics.AddAspNetCoreInstrumentation().AddOtlpExporter()", "metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter()", StringComparison.Ordinal);
        var finding = Assert.Single(Criterion1(scraped).Findings);
        Assert.StartsWith("The service exports its metrics for a scrape (Catalog.Api.dll: Program.<Main>$ (lambda) calls PrometheusExporterMeterProviderBuilderExtensions.AddPrometheusExporter", finding.Fix);
        Assert.EndsWith("but monitoring.yaml's metrics.transport is otlp: its Down alert would wait for pushes that never come. Write metrics.transport: scrape.", finding.Fix);
        Assert.Equal(4, finding.Location.Line); // metrics.transport
    }

    [Fact]
    public void A_ratio_the_code_samples_otherwise_is_a_finding_at_traces_ratio()
    {
        var finding = Assert.Single(Criterion1(Otel.Replace("TraceIdRatioBasedSampler(0.1)", "TraceIdRatioBasedSampler(0.25)", StringComparison.Ordinal)).Findings);
        Assert.StartsWith("The service samples 0.25 of new traces (", finding.Fix);
        Assert.EndsWith("but monitoring.yaml's traces.ratio is 0.1: write traces.ratio: 0.25, or change the ratio where the code sets it.", finding.Fix);
        Assert.Equal(17, finding.Location.Line); // traces.ratio
    }

    [Fact]
    public void A_spec_that_says_opentelemetry_for_json_console_logs_is_told_to_write_json()
    {
        var console = Otel.Replace("builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = true);", "builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);", StringComparison.Ordinal)
            .Replace("\n    .WithLogging(logging => logging.AddOtlpExporter());", ";", StringComparison.Ordinal);
        var finding = Assert.Single(Criterion1(console).Findings);
        Assert.StartsWith("The service logs through console (Catalog.Api.dll: Program.<Main>$ calls ConsoleLoggerExtensions.AddJsonConsole", finding.Fix);
        Assert.EndsWith("not the OpenTelemetry logging provider, but monitoring.yaml says logs.provider: opentelemetry: write logs.format: json and logs.provider: console.", finding.Fix);
    }

    [Fact]
    public void A_method_of_the_same_name_on_another_type_is_named_with_the_type_looked_for()
    {
        // Spans and metrics go out over OTLP, logs do not: "never calls AddOtlpExporter" would be false.
        var noLogExporter = Otel.Replace("\n    .WithLogging(logging => logging.AddOtlpExporter());", ";", StringComparison.Ordinal);
        var finding = Assert.Single(Criterion1(noLogExporter).Findings);
        Assert.StartsWith("An OTLP log exporter is not wired: Catalog.Api.dll never calls OtlpLogExporterHelperExtensions.AddOtlpExporter or UseOtlpExporter. It calls OtlpMetricExporterExtensions.AddOtlpExporter (Catalog.Api.cs:", finding.Fix);
        Assert.Contains("append to the `AddOpenTelemetry()` that Program.<Main>$ calls: `.WithLogging(logging => logging.AddOtlpExporter())` (with `using OpenTelemetry.Logs;` in that file).", finding.Fix);
    }
}
