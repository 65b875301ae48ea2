using System.Globalization;
using MonitoringSre.Model;

namespace MonitoringSre.Gate;

/// <summary>
/// What criterion 1 looks for in the built code, per preset and per spec key. Data, not branches: adding a library or an
/// exporter is a row here.
/// </summary>
public static class Wiring
{
    private const string Otel = "OpenTelemetry";
    private const string MetricsNamespace = "OpenTelemetry.Metrics";
    private const string Trace = "OpenTelemetry.Trace";

    private static readonly CallPattern PrometheusExporter = new("AddPrometheusExporter", Namespace: MetricsNamespace);

    /// <summary>UseOtlpExporter(): OTLP for every signal at once. Declared before the lists that name it (static fields start in order).</summary>
    private static readonly CallPattern UseOtlp = new("UseOtlpExporter", Namespace: Otel);

    /// <summary>What exports metrics over OTLP: the metrics exporter, or UseOtlpExporter (every signal).</summary>
    public static readonly IReadOnlyList<CallPattern> OtlpMetricExporters = [new("AddOtlpExporter", "OtlpMetricExporterExtensions"), UseOtlp];

    /// <summary>What exports metrics for a scrape: OpenTelemetry's Prometheus exporter and prometheus-net's middleware and servers.</summary>
    public static readonly IReadOnlyList<CallPattern> ScrapeExporters =
        [PrometheusExporter, new("UseHttpMetrics", Namespace: "Prometheus"), new("MapMetrics", Namespace: "Prometheus"), new("UseMetricServer", Namespace: "Prometheus"), CallPattern.New("KestrelMetricServer", "Prometheus")];

    /// <summary>The OpenTelemetry logging provider: builder.Logging.AddOpenTelemetry(), or WithLogging() on the OpenTelemetry builder.</summary>
    public static readonly IReadOnlyList<CallPattern> OpenTelemetryLogging = [new("AddOpenTelemetry", "OpenTelemetryLoggingExtensions"), new("WithLogging", Namespace: Otel)];

    /// <summary>The built-in JSON console formatter.</summary>
    public static readonly CallPattern JsonConsole = new("AddJsonConsole", "ConsoleLoggerExtensions");

    /// <summary>Serilog as the logger: UseSerilog() on the host, or AddSerilog() on the services.</summary>
    public static readonly IReadOnlyList<CallPattern> SerilogLogger = [new("UseSerilog", Namespace: "Serilog"), new("AddSerilog", Namespace: "Serilog")];

    /// <summary>NLog as the logger.</summary>
    public static readonly IReadOnlyList<CallPattern> NLogLogger = [new("UseNLog", Namespace: "NLog"), new("AddNLog", Namespace: "NLog"), new("AddNLogWeb", Namespace: "NLog")];

    /// <summary>Tracing of ASP.NET Core's requests on the tracer provider.</summary>
    public static readonly CallPattern AspNetCoreTracing = new("AddAspNetCoreInstrumentation", Namespace: Trace);

    /// <summary>
    /// Per traces.exporter value, in the order a service that has several is described by: the calls that add that span
    /// exporter, its package, and the call a fix adds.
    /// </summary>
    public static readonly IReadOnlyList<(string Exporter, IReadOnlyList<CallPattern> Calls, string Package, string Fix)> SpanExporters =
    [
        ("otlp", [new("AddOtlpExporter", "OtlpTraceExporterHelperExtensions"), UseOtlp], "OpenTelemetry.Exporter.OpenTelemetryProtocol", "AddOtlpExporter()"),
        ("zipkin", [new("AddZipkinExporter", Namespace: Trace)], "OpenTelemetry.Exporter.Zipkin", "AddZipkinExporter()"),
        ("console", [new("AddConsoleExporter", Namespace: Trace)], "OpenTelemetry.Exporter.Console", "AddConsoleExporter()"),
    ];

    /// <summary>The service's OpenTelemetry setup, services.AddOpenTelemetry(): where OpenTelemetry fixes go.</summary>
    public static readonly CallPattern AddOpenTelemetry = new("AddOpenTelemetry", "OpenTelemetryServicesExtensions");

    public static IReadOnlyList<WiringCheck> For(MonitoringModel model)
    {
        var checks = new List<WiringCheck>();
        checks.AddRange(Metrics[model.Metrics.Preset.Name].Where(c => c.Transport is null || c.Transport == model.Metrics.Transport));
        if (model.Logs.Format is "json" or "otlp")
        {
            checks.AddRange(Logs(model.Logs));
        }

        if (model.Traces.Sampler is not null || model.Traces.Exporter is not null || model.Traces.Propagation is not null)
        {
            checks.AddRange(Traces(model.Traces));
        }

        return checks;
    }

    /// <summary>Per preset (by name), what wires its metrics. A test holds every preset to having a row.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<WiringCheck>> Metrics { get; } = new Dictionary<string, IReadOnlyList<WiringCheck>>
    {
        [Presets.AspNetCoreOtel.Name] = OtelMetrics(Presets.AspNetCoreOtel),
        [Presets.PrometheusNet.Name] = PrometheusNetMetrics(Presets.PrometheusNet),
    };

    private static WiringCheck[] OtelMetrics(MetricsPreset preset) =>
    [
        new("metrics", "ASP.NET Core's request metrics (http.server.request.duration) in OpenTelemetry",
            [new([new("AddAspNetCoreInstrumentation", Namespace: MetricsNamespace)]), new([new("AddMeter", Namespace: MetricsNamespace)], String: "Microsoft.AspNetCore.Hosting")],
            ["OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Extensions.Hosting"],
            MetricsFix("metrics.AddAspNetCoreInstrumentation()"), "metrics.preset"),
        new("metrics", "the Prometheus exporter, for a scrape",
            [new([PrometheusExporter])], preset.Packages,
            MetricsFix("metrics.AddPrometheusExporter()"), "metrics.transport") { Transport = MetricsTransport.Scrape },
        new("metrics", "the Prometheus scrape endpoint (GET /metrics)",
            [new([new("MapPrometheusScrapingEndpoint")]), new([new("UseOpenTelemetryPrometheusScrapingEndpoint")])],
            preset.Packages,
            new(FixPlace.AfterBuild, "app.MapPrometheusScrapingEndpoint();"), "metrics.transport") { OnlyWith = PrometheusExporter, Transport = MetricsTransport.Scrape },
        new("metrics", "an OTLP metric exporter",
            [new([OtlpMetricExporters[0]]), new([UseOtlp])], ["OpenTelemetry.Exporter.OpenTelemetryProtocol"],
            MetricsFix("metrics.AddOtlpExporter()"), "metrics.transport") { Transport = MetricsTransport.Otlp },
    ];

    /// <summary>Each call one way of its own: any of them wires the signal.</summary>
    private static WiringWay[] Ways(IEnumerable<CallPattern> calls) => calls.Select(c => new WiringWay([c])).ToArray();

    private static WiringFix MetricsFix(string call) =>
        new(FixPlace.BeforeBuild, $"builder.Services.AddOpenTelemetry().WithMetrics(metrics => {call});", MetricsNamespace) { Chain = $".WithMetrics(metrics => {call})" };

    private static WiringFix TracingFix(string call) =>
        new(FixPlace.BeforeBuild, $"builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.{call});", Trace) { Chain = $".WithTracing(tracing => tracing.{call})" };

    private static WiringCheck[] PrometheusNetMetrics(MetricsPreset preset) =>
    [
        new("metrics", "prometheus-net's HTTP request metrics (http_request_duration_seconds)",
            [new([new("UseHttpMetrics", Namespace: "Prometheus")])], preset.Packages.Take(1).ToList(),
            new(FixPlace.AfterBuild, "app.UseHttpMetrics();", "Prometheus")),
        new("metrics", "prometheus-net's scrape endpoint (GET /metrics)",
            [new([new("MapMetrics", Namespace: "Prometheus")]), new([new("UseMetricServer", Namespace: "Prometheus")]), new([CallPattern.New("KestrelMetricServer", "Prometheus")])],
            preset.Packages.Take(1).ToList(),
            new(FixPlace.AfterBuild, "app.MapMetrics();", "Prometheus")),
    ];

    private static IEnumerable<WiringCheck> Logs(LogsConfig logs)
    {
        var console = new WiringWay([JsonConsole]);
        var consoleByName = new WiringWay([new("AddConsole", "ConsoleLoggerExtensions")], String: "json");
        var consoleSetting = new WiringWay([], Settings: [new("Logging:Console:FormatterName", "json")]);
        var serilogJson = new WiringWay([CallPattern.New("CompactJsonFormatter", "Serilog")]);
        var serilogRendered = new WiringWay([CallPattern.New("RenderedCompactJsonFormatter", "Serilog")]);
        var serilogPlain = new WiringWay([CallPattern.New("JsonFormatter", "Serilog")]);
        var serilogSetting = new WiringWay([], Settings: [new(string.Empty, "JsonFormatter")]);
        var nlogJson = new WiringWay([CallPattern.New("JsonLayout", "NLog")]);
        var nlogSetting = new WiringWay([], Settings: [new(string.Empty, "JsonLayout")]);
        var consoleFix = new WiringFix(FixPlace.BeforeBuild, "builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);");

        if (logs.Format == "otlp" || logs.Provider == "opentelemetry")
        {
            var provider = Ways(OpenTelemetryLogging);
            var providerFix = new WiringFix(FixPlace.BeforeBuild, "builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = true);") { Chain = ".WithLogging()" };
            yield return new("logs", "the OpenTelemetry logging provider", provider, ["OpenTelemetry.Extensions.Hosting"], providerFix, "logs.format");
            yield return new("logs", "an OTLP log exporter", [new([new("AddOtlpExporter", "OtlpLogExporterHelperExtensions")]), new([UseOtlp])], ["OpenTelemetry.Exporter.OpenTelemetryProtocol"],
                new(FixPlace.BeforeBuild, "builder.Services.AddOpenTelemetry().WithLogging(logging => logging.AddOtlpExporter());", "OpenTelemetry.Logs")
                {
                    Chain = ".WithLogging(logging => logging.AddOtlpExporter())",
                }, "logs.format");
            if (!string.IsNullOrEmpty(logs.Correlation))
            {
                // The provider records the current activity's trace and span ids on every record, scopes or not.
                yield return new("logs", $"the trace context on every log record ({logs.Correlation}), which the OpenTelemetry logging provider records from the current activity",
                    provider, [], providerFix, "logs.format");
            }

            yield break;
        }

        switch (logs.Provider)
        {
            case "serilog":
                yield return new("logs", "Serilog as the logger",
                    Ways(SerilogLogger), ["Serilog.AspNetCore", "Serilog.Extensions.Hosting"],
                    new(FixPlace.BeforeBuild, "builder.Services.AddSerilog((services, configuration) => configuration.WriteTo.Console(new CompactJsonFormatter()));", "Serilog; using Serilog.Formatting.Compact"), "logs.format");
                yield return new("logs", "Serilog writing JSON", [serilogJson, serilogRendered, serilogPlain, serilogSetting], ["Serilog.Formatting.Compact", "Serilog.AspNetCore"],
                    new(FixPlace.Configuration, "pass `new Serilog.Formatting.Compact.CompactJsonFormatter()` to the sink, e.g. `configuration.WriteTo.Console(new Serilog.Formatting.Compact.CompactJsonFormatter())`"), "logs.format");
                break;
            case "nlog":
                yield return new("logs", "NLog as the logger",
                    Ways(NLogLogger), ["NLog.Web.AspNetCore", "NLog.Extensions.Logging"],
                    new(FixPlace.BeforeBuild, "builder.Logging.AddNLog();", "NLog.Extensions.Logging"), "logs.format");
                yield return new("logs", "NLog writing JSON", [nlogJson, nlogSetting], ["NLog"],
                    new(FixPlace.Configuration, "in nlog.config, give the target a JSON layout: `<layout xsi:type=\"JsonLayout\" includeEventProperties=\"true\" />`"), "logs.format");
                break;
            case "console":
                yield return new("logs", "the built-in JSON console formatter", [console, consoleByName, consoleSetting], [], consoleFix, "logs.format");
                break;
            default:
                yield return new("logs", "JSON logs (the JSON console formatter, Serilog or NLog with a JSON layout)",
                    [console, consoleByName, consoleSetting, serilogJson, serilogRendered, serilogPlain, nlogJson], [], consoleFix, "logs.format");
                break;
        }

        // The JSON console formatter writes the trace context (TraceId, SpanId) only as a scope.
        if (!string.IsNullOrEmpty(logs.Correlation) && logs.Provider is null or "console")
        {
            yield return new("logs", $"the trace context on every log line ({logs.Correlation})",
                [new([new("set_IncludeScopes", "ConsoleFormatterOptions", "Microsoft.Extensions.Logging.Console")]), new([], Settings: [new("Console:FormatterOptions:IncludeScopes", "true")]),
                 serilogJson, serilogRendered, serilogPlain, nlogJson, serilogSetting, nlogSetting],
                [], consoleFix, "logs.format");
        }
    }

    private static IEnumerable<WiringCheck> Traces(TracesConfig traces)
    {
        yield return new("traces", "tracing of ASP.NET Core requests",
            [new([AspNetCoreTracing])], ["OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Extensions.Hosting"],
            TracingFix("AddAspNetCoreInstrumentation()"), "traces");

        var ratio = (traces.Ratio ?? 1m).ToString(CultureInfo.InvariantCulture);
        var sampler = traces.Sampler switch
        {
            "traceidratio" => ([CallPattern.New("TraceIdRatioBasedSampler", Trace)], $"new TraceIdRatioBasedSampler({ratio})"),
            "parentbased_traceidratio" => ([CallPattern.New("ParentBasedSampler", Trace), CallPattern.New("TraceIdRatioBasedSampler", Trace)],
                $"new ParentBasedSampler(new TraceIdRatioBasedSampler({ratio}))"),
            "always_on" => ([CallPattern.New("AlwaysOnSampler", Trace)], "new AlwaysOnSampler()"),
            "always_off" => ([CallPattern.New("AlwaysOffSampler", Trace)], "new AlwaysOffSampler()"),
            "parentbased_always_off" => ([CallPattern.New("ParentBasedSampler", Trace), CallPattern.New("AlwaysOffSampler", Trace)], "new ParentBasedSampler(new AlwaysOffSampler())"),
            _ => ((CallPattern[]?)null, string.Empty), // parentbased_always_on is OpenTelemetry's default
        };
        if (sampler.Item1 is { } calls)
        {
            yield return new("traces", $"the {traces.Sampler} sampler",
                [new(calls), new([], Settings: [new("OTEL_TRACES_SAMPLER", traces.Sampler!)])], ["OpenTelemetry.Extensions.Hosting"],
                TracingFix($"SetSampler({sampler.Item2})"), "traces.sampler");
        }

        if (SpanExporters.FirstOrDefault(e => e.Exporter == traces.Exporter) is { Calls: not null } exporter)
        {
            yield return new("traces", $"the {traces.Exporter} span exporter", Ways(exporter.Calls), [exporter.Package],
                TracingFix(exporter.Fix), "traces.exporter");
        }

        var propagator = traces.Propagation switch
        {
            "b3" or "b3multi" => "B3Propagator",
            "jaeger" => "JaegerPropagator",
            _ => null, // w3c is .NET's default
        };
        if (propagator is not null)
        {
            yield return new("traces", $"{traces.Propagation} context propagation",
                [new([CallPattern.New(propagator, "OpenTelemetry.Extensions.Propagators")])], ["OpenTelemetry.Extensions.Propagators"],
                new(FixPlace.BeforeBuild, $"OpenTelemetry.Sdk.SetDefaultTextMapPropagator(new OpenTelemetry.Extensions.Propagators.{propagator}({(traces.Propagation == "b3" ? "singleHeader: true" : string.Empty)}));"), "traces.propagation");
        }
    }
}
