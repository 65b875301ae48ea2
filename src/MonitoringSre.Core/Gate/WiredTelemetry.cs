using System.Globalization;
using MonitoringSre.Model;

namespace MonitoringSre.Gate;

/// <summary>A fact about the service's telemetry, read off its code, with the call (or setting) it was read from.</summary>
/// <param name="Evidence">What shows it: a call, a setting, or, for OpenTelemetry's defaults, what the code leaves unset.</param>
public sealed record WiredFact(string Value, string Evidence);

/// <summary>
/// What the service's code does with its telemetry, from the calls it can run: how its metrics leave it, what writes its
/// logs, how it samples traces and where spans go. MonitoringInit writes a spec from it and the gate holds a spec to it:
/// a scaffolded spec never contradicts the code, and a spec that does is told which key to change.
/// Each fact is null when the code does not say (nothing wired, or two ways at once).
/// </summary>
/// <param name="LogProviders">Every logging provider the code adds (opentelemetry, serilog, nlog, console for the JSON console), in that order of preference.</param>
/// <param name="SamplerSet">Whether the code (or its configuration) chooses the sampler, rather than leaving OpenTelemetry's default.</param>
public sealed record WiredTelemetry(WiredFact? Transport, IReadOnlyList<WiredFact> LogProviders, WiredFact? Sampler, decimal? Ratio, bool SamplerSet, WiredFact? TraceExporter, bool Tracing)
{
    /// <summary>The provider that writes the service's structured logs: OpenTelemetry's when it is there.</summary>
    public WiredFact? LogProvider => LogProviders.Count > 0 ? LogProviders[0] : null;

    public WiredFact? LogsBy(string provider) => LogProviders.FirstOrDefault(p => p.Value == provider);

    /// <summary>OpenTelemetry's sampler when none is set: sample what the parent sampled, and every new trace.</summary>
    public const string DefaultSampler = "parentbased_always_on";

    public static WiredTelemetry Of(CodeEvidence code)
    {
        var calls = code.Calls.Where(c => c.Reachable).ToList();
        CallSite? First(IEnumerable<CallPattern> patterns) => calls.FirstOrDefault(c => patterns.Any(p => p.Matches(c)));

        var otlp = First(Wiring.OtlpMetricExporters);
        var scrape = First(Wiring.ScrapeExporters);
        var transport = (otlp, scrape) switch
        {
            ({ } o, null) => new WiredFact("otlp", o.ToString()),
            (null, { } s) => new WiredFact("scrape", s.ToString()),
            _ => null,
        };

        var otelLogs = First(Wiring.OpenTelemetryLogging);
        var logs = new (string Provider, CallSite? Call)[]
            {
                ("opentelemetry", otelLogs), ("serilog", First(Wiring.SerilogLogger)), ("nlog", First(Wiring.NLogLogger)), ("console", First([Wiring.JsonConsole])),
            }
            .Where(p => p.Call is not null).Select(p => new WiredFact(p.Provider, p.Call!.ToString())).ToList();

        var tracing = First([new("WithTracing", Namespace: "OpenTelemetry"), Wiring.AspNetCoreTracing, new("AddOpenTelemetryTracing")]);
        var (sampler, ratio, set) = Sampling(calls, code.Settings, tracing is not null);
        var traceExporter = Wiring.SpanExporters.Select(e => First(e.Calls) is { } call ? new WiredFact(e.Exporter, call.ToString()) : null).FirstOrDefault(f => f is not null);
        return new WiredTelemetry(transport, logs, sampler, ratio, set, traceExporter, tracing is not null);
    }

    /// <summary>
    /// The sampler the code builds (ParentBasedSampler over TraceIdRatioBasedSampler, AlwaysOn or AlwaysOff), else the one
    /// configuration names (OTEL_TRACES_SAMPLER), else, when the service traces, OpenTelemetry's default.
    /// </summary>
    private static (WiredFact? Sampler, decimal? Ratio, bool Set) Sampling(List<CallSite> calls, IReadOnlyList<ConfigSetting> settings, bool tracing)
    {
        CallSite? New(string type) => calls.FirstOrDefault(c => c.Method == ".ctor" && c.Type == type && c.Namespace.StartsWith("OpenTelemetry.Trace", StringComparison.Ordinal));
        var parent = New("ParentBasedSampler");
        var ratioSampler = New("TraceIdRatioBasedSampler");
        var on = New("AlwaysOnSampler");
        var off = New("AlwaysOffSampler");
        var ratio = ratioSampler?.Number is { } n ? (decimal?)Math.Round((decimal)n, 6) : null;
        var root = ratioSampler is not null ? ("traceidratio", ratioSampler) : off is not null ? ("always_off", off) : on is not null ? ("always_on", on) : ((string, CallSite)?)null;
        if (parent is not null)
        {
            return (new WiredFact("parentbased_" + (root?.Item1 ?? "always_on"), string.Join(" and ", new[] { parent, root?.Item2 }.OfType<CallSite>())), ratio, true);
        }

        if (root is { } r)
        {
            return (new WiredFact(r.Item1, r.Item2.ToString()), ratio, true);
        }

        if (settings.FirstOrDefault(s => s.Path.EndsWith("OTEL_TRACES_SAMPLER", StringComparison.OrdinalIgnoreCase)) is { } setting)
        {
            var argument = settings.FirstOrDefault(s => s.Path.EndsWith("OTEL_TRACES_SAMPLER_ARG", StringComparison.OrdinalIgnoreCase));
            var configured = decimal.TryParse(argument?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a : (decimal?)null;
            return (new WiredFact(setting.Value.Trim().ToLowerInvariant(), $"{setting.File} sets {setting.Path} = {setting.Value}"), configured, true);
        }

        return tracing ? (new WiredFact(DefaultSampler, "no sampler is set, so OpenTelemetry's default applies"), null, false) : (null, null, false);
    }
}
