using System.Globalization;
using MonitoringSre.Binding;
using MonitoringSre.Gate;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Scaffolding;

/// <summary>
/// The monitoring.yaml MonitoringInit writes for a project: service from the project name, the preset its package
/// references imply, an availability and a latency SLO, runbooks, logs, traces and an incidents section, each key
/// explained. Where the built code says how the service exports metrics, logs and samples (<see cref="WiredTelemetry"/>),
/// the spec says the same, and its comments say where that was read; where the code says nothing, the keys take the
/// values a new service is advised to wire.
/// </summary>
public static class SpecScaffolder
{
    /// <summary>The schema file a scaffolded spec names on its first line: a copy beside the spec, committed with it.</summary>
    public const string SchemaFileName = "monitoring.schema.json";

    /// <summary>What writes the logs: the logging library the project references, else the built-in JSON console formatter.</summary>
    public static string LogProviderFor(IEnumerable<string> packageReferences)
    {
        var packages = packageReferences.ToList();
        return packages.Any(p => p.StartsWith("Serilog", StringComparison.OrdinalIgnoreCase)) ? "serilog"
            : packages.Any(p => p.StartsWith("NLog", StringComparison.OrdinalIgnoreCase)) ? "nlog"
            : "console";
    }

    /// <summary>
    /// The spec a web project builds with when it has no monitoring.yaml: the scaffold's availability SLO at
    /// <paramref name="objective"/> (MonitoringSlo), and nothing else.
    /// </summary>
    public static string Default(string service, decimal objective) =>
        YamlText.Write(new YMapBuilder().Set("service", service).Set("slos", new YSeq(AvailabilitySlo(objective))).Build());

    private static YMap AvailabilitySlo(decimal objective) => new YMapBuilder()
        .Set("name", "availability")
        .Set("description", "Requests that do not fail with a server error.")
        .Set("objective", new YPlain(objective.ToString(CultureInfo.InvariantCulture)), "percent of good requests, 0 < objective < 100")
        .Set("sli", new YMapBuilder().Set("availability", new YMapBuilder().Set("errorStatus", "5..").Build(), "errors: responses whose status matches errorStatus").Build())
        .Build();

    public static string Write(string projectName, IEnumerable<string> packageReferences, WiredTelemetry? code = null)
    {
        var service = NameCase.ToKebab(projectName) is { Length: > 0 } kebab ? kebab : "my-service";
        var packages = packageReferences.ToList();
        var preset = Presets.ForPackages(packages);
        var threshold = preset.Buckets.OrderBy(b => Math.Abs(b - 0.25m)).First();

        var slos = new YSeq(
            AvailabilitySlo(99.9m),
            new YMapBuilder()
                .Set("name", "latency")
                .Set("description", $"Requests served within {ThresholdParser.Format(threshold)}.")
                .Set("objective", new YPlain("99"))
                .Set("sli", new YMapBuilder().Set("latency", new YMapBuilder().Set("threshold", ThresholdParser.Format(threshold)).Build(), $"good: requests at or under the threshold, a bucket boundary of the {preset.Name} histogram").Build())
                .Build());

        var doc = new YMapBuilder()
            .Set("service", service, "Service name: used in rule, file and dashboard names. Lowercase letters, digits and '-'.")
            .Set("period", "30d", "Worth adding here: description (what the service does for its users, in one sentence) and team (the owning\nteam; it becomes the label `team` on every alert).\nSLO window for every SLO: 7d to 365d, e.g. 28d or 30d.")
            .Set("runbooks", "docs/runbooks", "Base of every alert's runbook_url: a folder beside the project (MonitoringInit writes a runbook per alert there) or an https:// URL.")
            .Set("metrics", Metrics(service, preset, code), $"{preset.Description}.")
            .Set("slos", slos, "Each SLO gets recording rules, multi-window multi-burn-rate alerts (P1 to P3) and promtool tests.")
            .Set("errorBudgetPolicy", new YMapBuilder()
                .Set("exhausted", "Freeze feature releases until the budget is positive; only fixes and security patches ship.")
                .Set("burning", "Page the on-call engineer and open an incident.")
                .Build(), "What the team does when an error budget burns too fast or is spent.")
            .Set("logs", Logs(packages, code), code?.LogProvider is { Value: "opentelemetry" }
                ? "Structured logs: OpenTelemetry log records over OTLP, each with the trace context."
                : "Structured logs: JSON lines with the W3C trace context ids.")
            .Set("traces", Traces(code, out var tracesComment), tracesComment)
            .Set("deployments", new YMapBuilder().Set("annotationTags", new YSeq("deploy", service)).Build(), "Grafana annotation tags that mark a deployment on the dashboards.")
            .Set("incidents", new YMapBuilder()
                .Set("plan", "docs/incident-response.md", "The incident response plan (MonitoringInit writes a first version).")
                .Set("onCall", service + "-primary", "Replace with your rotation or pager service; it receives P0/P1 pages.")
                .Set("channel", "#inc-" + service)
                .Set("escalation", new YSeq(service + "-primary", service + "-secondary", "engineering-manager"))
                .Build(), "Incident response: who is paged, where people talk, who is next.")
            .Build();

        var header = "yaml-language-server: $schema=" + SchemaFileName + "\nMonitoringSre: SLOs, alerting and incident response of " + service + ". Every key is described in the schema above.";
        return YamlText.Write(doc, header);
    }

    private static YMap Metrics(string service, MetricsPreset preset, WiredTelemetry? code)
    {
        var metrics = new YMapBuilder().Set("preset", preset.Name);
        if (code?.Transport is { Value: "otlp" } pushed && preset.CanPush)
        {
            metrics.Set("transport", "otlp", $"Pushed over OTLP, as the code does: {pushed.Evidence}.\nThe Down alert reads target_info; pushInterval (default 60s) is OTEL_METRIC_EXPORT_INTERVAL.");
            metrics.Set("selector", $"job=\"{service}\"", "PromQL label matchers added to every generated query. A pushed service's job is its service.name\n(OTEL_SERVICE_NAME), after service.namespace and '/' when that is set.");
        }
        else
        {
            metrics.Set("transport", "scrape", code?.Transport is { } scraped
                ? $"Scraped by Prometheus, as the code exports them: {scraped.Evidence}."
                : "Scraped by Prometheus from the service's `/metrics` endpoint; otlp when the service pushes them with OpenTelemetry's OTLP exporter.");
            metrics.Set("selector", $"job=\"{service}\"", "PromQL label matchers added to every generated query.");
        }

        return metrics.Build();
    }

    private static YMap Logs(IReadOnlyList<string> packages, WiredTelemetry? code)
    {
        var logs = new YMapBuilder();
        if (code?.LogProvider is { Value: "opentelemetry" } otel)
        {
            return logs.Set("format", "otlp").Set("correlation", "traceparent").Set("level", "Information")
                .Set("provider", "opentelemetry", $"As the code logs: {otel.Evidence}.").Build();
        }

        var provider = code?.LogProvider?.Value ?? LogProviderFor(packages);
        return logs.Set("format", "json").Set("correlation", "traceparent").Set("level", "Information")
            .Set("provider", provider, code?.LogProvider is { } found
                ? $"As the code logs: {found.Evidence}."
                : "console: the built-in JSON console formatter (builder.Logging.AddJsonConsole()); serilog, nlog, or opentelemetry (format otlp).").Build();
    }

    private static YMap Traces(WiredTelemetry? code, out string comment)
    {
        var traces = new YMapBuilder().Set("propagation", "w3c");
        if (code is { Tracing: true } || code?.SamplerSet == true)
        {
            var sampler = code.Sampler!;
            traces.Set("sampler", sampler.Value, $"As the code samples: {sampler.Evidence}.");
            if (sampler.Value.EndsWith("traceidratio", StringComparison.Ordinal))
            {
                if (code.Ratio is { } ratio)
                {
                    traces.Set("ratio", new YPlain(ratio.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    traces.Set("ratio", new YPlain("1"), "The code's ratio is no constant MonitoringInit can read: write the one it samples.");
                }
            }

            traces.Set("exporter", code.TraceExporter?.Value ?? "none", code.TraceExporter is { } exporter ? $"As the code exports spans: {exporter.Evidence}." : "The code exports no spans.");
            comment = "Distributed tracing with OpenTelemetry, as the service's code has it.";
            return traces.Build();
        }

        comment = "Distributed tracing: OpenTelemetry, 10% of new traces sampled.";
        return traces.Set("sampler", "parentbased_traceidratio").Set("ratio", new YPlain("0.1")).Set("exporter", "otlp").Build();
    }
}
