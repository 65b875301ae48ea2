using MonitoringSre.Gate;
using MonitoringSre.Scaffolding;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// MonitoringInit writes what the built code does: how metrics leave the service, what writes its logs, how it samples
/// and where spans go, read from the service's and its project references' assemblies. A scaffolded spec never
/// contradicts the code: criterion 1 is met with it, as written.
/// </summary>
public sealed class ScaffoldFromCodeTests : IDisposable
{
    private readonly CompiledCode _code = new();

    public void Dispose() => _code.Dispose();

    private (string Spec, CodeEvidence Code) Scaffold(string program, string? library = null)
    {
        var libraries = library is null ? [] : new[] { _code.Library("Catalog.ServiceDefaults", library) };
        var code = CompiledCode.Evidence([.. libraries.Prepend(_code.Program("Catalog.Api", program, libraries))]);
        return (SpecScaffolder.Write("Catalog.Api", [], WiredTelemetry.Of(code)), code);
    }

    private static GateCriterion Criterion1(string spec, CodeEvidence code) => new TestGateEnvironment(code, WiringContradictionTests.OpenTelemetryPackages, "/src/Catalog.Api.csproj").Criterion1(spec);

    [Fact]
    public void The_service_defaults_template_is_scaffolded_as_pushing_logging_through_OpenTelemetry_and_sampling_by_default()
    {
        var (spec, code) = Scaffold("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """, AspireServiceDefaults.Extensions);
        var model = SpecRun.Run(spec).Model!;
        Assert.Equal(Model.MetricsTransport.Otlp, model.Metrics.Transport);
        Assert.Equal(("otlp", "opentelemetry"), (model.Logs.Format, model.Logs.Provider));
        Assert.Equal(("parentbased_always_on", null, "otlp"), (model.Traces.Sampler, model.Traces.Ratio, model.Traces.Exporter));
        Assert.Contains("# Pushed over OTLP, as the code does: Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters calls OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter", spec);
        Assert.Contains("# As the code samples: no sampler is set, so OpenTelemetry's default applies.", spec);

        var c = Criterion1(spec, code);
        Assert.True(c.Met, c.Fix);
    }

    [Fact]
    public void A_service_that_scrapes_logs_json_and_samples_a_ratio_is_scaffolded_so()
    {
        var (spec, code) = Scaffold("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Logging;
            using OpenTelemetry.Metrics;
            using OpenTelemetry.Trace;

            var builder = WebApplication.CreateBuilder(args);
            builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
            builder.Services.AddOpenTelemetry()
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter())
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.25)))
                    .AddOtlpExporter());
            var app = builder.Build();
            app.MapPrometheusScrapingEndpoint();
            app.Run();
            """);
        var model = SpecRun.Run(spec).Model!;
        Assert.Equal(Model.MetricsTransport.Scrape, model.Metrics.Transport);
        Assert.Equal(("json", "console"), (model.Logs.Format, model.Logs.Provider));
        Assert.Equal(("parentbased_traceidratio", 0.25m, "otlp"), (model.Traces.Sampler, model.Traces.Ratio, model.Traces.Exporter));

        var c = Criterion1(spec, code);
        Assert.True(c.Met, c.Fix);
    }

    [Fact]
    public void Without_code_to_read_the_scaffold_is_the_advised_setup()
    {
        var spec = SpecScaffolder.Write("Catalog.Api", []);
        var model = SpecRun.Run(spec).Model!;
        Assert.Equal(Model.MetricsTransport.Scrape, model.Metrics.Transport);
        Assert.Equal(("json", "console"), (model.Logs.Format, model.Logs.Provider));
        Assert.Equal(("parentbased_traceidratio", 0.1m), (model.Traces.Sampler, model.Traces.Ratio));
    }
}
