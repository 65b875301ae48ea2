using MonitoringSre.Adapters;
using MonitoringSre.Gate;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// A call is wiring only when the service runs it: reachable from the entry point through the service's assembly and
/// its project references (extension methods, lambdas, local functions, state machines), and said to be conditional
/// when a branch can skip it. Each case is compiled by Roslyn against the real OpenTelemetry assemblies and read back
/// as the gate reads a build.
/// </summary>
public sealed class CallReachabilityTests : IDisposable
{
    private readonly CompiledCode _code = new();

    public void Dispose() => _code.Dispose();

    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using OpenTelemetry;
        using OpenTelemetry.Metrics;
        using OpenTelemetry.Trace;

        """;

    /// <summary>A service as the template's users write one: Program.cs calls AddServiceDefaults and nothing else.</summary>
    private const string ServiceProgram = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
        """;

    private IReadOnlyList<CallSite> Read(params string[] assemblies) => AssemblyCallReader.Read(assemblies).Calls;

    private static CallSite Only(IEnumerable<CallSite> calls, string method, string? type = null) =>
        Assert.Single(calls, c => c.Method == method && (type is null || c.Type == type));

    [Fact]
    public void The_templates_exporter_is_reached_through_the_service_defaults_project_and_is_conditional_on_its_endpoint_setting()
    {
        var defaults = _code.Library("Catalog.ServiceDefaults", AspireServiceDefaults.Extensions);
        var calls = Read(_code.Program("Catalog.Api", ServiceProgram, defaults), defaults);

        var otlp = Only(calls, "UseOtlpExporter");
        Assert.True(otlp.Reachable);
        Assert.Equal("Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters", otlp.Caller);
        Assert.Equal(new CallCondition("Extensions.AddOpenTelemetryExporters", ["OTEL_EXPORTER_OTLP_ENDPOINT"]), otlp.Condition);
        Assert.Equal(CompiledCode.LineOf(AspireServiceDefaults.Extensions, ".UseOtlpExporter()"), otlp.Source!.Line);
        Assert.EndsWith("Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters calls OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter "
            + $"(Catalog.ServiceDefaults.cs:{otlp.Source.Line}), behind a condition in Extensions.AddOpenTelemetryExporters, a method that reads OTEL_EXPORTER_OTLP_ENDPOINT from configuration",
            otlp.ToString());

        // In the lambda passed to WithMetrics, which ConfigureOpenTelemetry runs on every call.
        var instrumentation = Assert.Single(calls, c => c is { Method: "AddAspNetCoreInstrumentation", Namespace: "OpenTelemetry.Metrics" });
        Assert.True(instrumentation.Reachable);
        Assert.Null(instrumentation.Condition);
        Assert.Equal("Microsoft.Extensions.Hosting.Extensions.ConfigureOpenTelemetry (lambda)", instrumentation.Caller);
        Assert.True(Only(calls, "AddOpenTelemetry", "OpenTelemetryLoggingExtensions").Reachable);
        Assert.True(Only(calls, "set_IncludeScopes", "OpenTelemetryLoggerOptions").Reachable);
    }

    [Fact]
    public void A_call_in_a_method_nothing_calls_is_no_wiring()
    {
        var uncalled = AspireServiceDefaults.Extensions.Replace("        builder.AddOpenTelemetryExporters();\n", "        // builder.AddOpenTelemetryExporters();\n", StringComparison.Ordinal);
        Assert.NotEqual(AspireServiceDefaults.Extensions, uncalled);
        var defaults = _code.Library("Catalog.ServiceDefaults", uncalled);
        var calls = Read(_code.Program("Catalog.Api", ServiceProgram, defaults), defaults);

        var otlp = Only(calls, "UseOtlpExporter");
        Assert.False(otlp.Reachable);
        Assert.True(Only(calls, "AddServiceDiscovery", "ServiceDiscoveryServiceCollectionExtensions").Reachable); // the rest of AddServiceDefaults still runs
    }

    [Fact]
    public void A_service_that_never_calls_AddServiceDefaults_gets_none_of_its_wiring()
    {
        var defaults = _code.Library("Catalog.ServiceDefaults", AspireServiceDefaults.Extensions);
        var program = ServiceProgram.Replace("builder.AddServiceDefaults();\n", string.Empty, StringComparison.Ordinal);
        var calls = Read(_code.Program("Catalog.Api", program, defaults), defaults);

        // MapDefaultEndpoints is still called; the constructors of the lambdas' cache class run for its lambda.
        Assert.All(calls.Where(c => c.Assembly == "Catalog.ServiceDefaults.dll" && !c.Caller.Contains("MapDefaultEndpoints", StringComparison.Ordinal) && c.Method != ".ctor"),
            c => Assert.False(c.Reachable, c.ToString() + " in " + c.Caller));
        Assert.Contains(calls, c => c.Method == "MapHealthChecks" && c.Reachable);
    }

    [Fact]
    public void A_call_in_a_local_function_counts_when_the_function_is_called()
    {
        var source = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            AddExporters(builder.Services);
            builder.Build().Run();

            static void AddExporters(IServiceCollection services) =>
                services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddOtlpExporter());

            static void NeverCalled(IServiceCollection services) =>
                services.AddOpenTelemetry().WithTracing(tracing => tracing.AddOtlpExporter());
            """;
        var calls = Read(_code.Program("Svc", source));

        var metrics = Only(calls, "AddOtlpExporter", "OtlpMetricExporterExtensions");
        Assert.True(metrics.Reachable);
        Assert.Equal("Program.<Main>$ (lambda)", metrics.Caller); // the lambda inside the local function
        Assert.True(Only(calls, "WithMetrics").Reachable);
        Assert.Equal("Program.<Main>$ (local function AddExporters)", Only(calls, "WithMetrics").Caller);
        Assert.False(Only(calls, "AddOtlpExporter", "OtlpTraceExporterHelperExtensions").Reachable);
        Assert.False(Only(calls, "WithTracing").Reachable);
    }

    [Fact]
    public void A_call_behind_an_if_is_conditional_and_the_calls_around_it_are_not()
    {
        var source = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var useOtlp = args.Length > 0;
            var otel = builder.Services.AddOpenTelemetry();
            if (useOtlp)
            {
                otel.UseOtlpExporter();
            }
            else
            {
                otel.WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
            }

            builder.Build().Run();
            """;
        var calls = Read(_code.Program("Svc", source));

        var otlp = Only(calls, "UseOtlpExporter");
        Assert.True(otlp.Reachable);
        Assert.Equal(new CallCondition("Program.<Main>$", []), otlp.Condition);
        Assert.Equal("behind a condition in Program.<Main>$", otlp.Condition!.ToString());
        Assert.NotNull(Only(calls, "WithMetrics").Condition); // the else branch too
        Assert.Null(Only(calls, "AddOpenTelemetry").Condition);
        Assert.Null(Only(calls, "Build").Condition);
        Assert.Null(Only(calls, "Run").Condition);
    }

    [Fact]
    public void A_throw_on_the_way_is_no_condition()
    {
        var source = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            if (args.Length > 5)
            {
                throw new System.ArgumentException("too many arguments");
            }

            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Build().Run();
            """;
        Assert.Null(Only(Read(_code.Program("Svc", source)), "UseOtlpExporter").Condition);
    }

    [Fact]
    public void Code_after_an_await_in_an_async_main_is_reached_and_not_called_conditional()
    {
        var source = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            await System.Threading.Tasks.Task.Yield();
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            await builder.Build().RunAsync();
            """;
        var otlp = Only(Read(_code.Program("Svc", source)), "UseOtlpExporter");
        Assert.True(otlp.Reachable);
        Assert.Null(otlp.Condition);
        Assert.Equal("Program.<Main>$ (async)", otlp.Caller);
    }

    [Fact]
    public void A_type_handed_to_the_framework_has_its_methods_reached()
    {
        var source = Usings + """
            using System.Threading;
            using System.Threading.Tasks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHostedService<Exporters>();
            builder.Build().Run();

            sealed class Exporters(IServiceCollection services) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    Wire();
                    return Task.CompletedTask;
                }

                private void Wire() => services.AddOpenTelemetry().UseOtlpExporter();
            }

            sealed class Unused(IServiceCollection services)
            {
                public void Wire() => services.AddOpenTelemetry().WithMetrics(m => m.AddOtlpExporter());
            }
            """;
        var calls = Read(_code.Program("Svc", source));
        Assert.True(Only(calls, "UseOtlpExporter").Reachable);
        Assert.False(Only(calls, "AddOtlpExporter").Reachable);
    }

    [Fact]
    public void Without_an_entry_point_every_call_counts()
    {
        var library = _code.Library("Lib", Usings + """
            public static class Wiring
            {
                public static void Unused(IServiceCollection services) => services.AddOpenTelemetry().UseOtlpExporter();
            }
            """);
        var read = AssemblyCallReader.Read([library]);
        Assert.False(read.Judged);
        Assert.True(Only(read.Calls, "UseOtlpExporter").Reachable);
    }

    [Fact]
    public void The_ratio_a_sampler_is_built_with_is_read_with_the_call()
    {
        var source = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithTracing(t => t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.25))));
            builder.Build().Run();
            """;
        Assert.Equal(0.25, Only(Read(_code.Program("Svc", source)), ".ctor", "TraceIdRatioBasedSampler").Number);
    }
}
