using System.Globalization;
using MonitoringSre.Binding;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Scaffolding;

/// <summary>
/// The monitoring.yaml MonitoringInit writes for a project: service from the project name, the preset its package
/// references imply, an availability and a latency SLO, runbooks, logs, traces and an incidents section, each key explained.
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

    public static string Write(string projectName, IEnumerable<string> packageReferences)
    {
        var service = NameCase.ToKebab(projectName) is { Length: > 0 } kebab ? kebab : "my-service";
        var packages = packageReferences.ToList();
        var preset = Presets.ForPackages(packages);
        var provider = LogProviderFor(packages);
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
            .Set("metrics", new YMapBuilder()
                .Set("preset", preset.Name)
                .Set("selector", $"job=\"{service}\"", "PromQL label matchers added to every generated query.")
                .Build(), $"{preset.Description}.")
            .Set("slos", slos, "Each SLO gets recording rules, multi-window multi-burn-rate alerts (P1 to P3) and promtool tests.")
            .Set("errorBudgetPolicy", new YMapBuilder()
                .Set("exhausted", "Freeze feature releases until the budget is positive; only fixes and security patches ship.")
                .Set("burning", "Page the on-call engineer and open an incident.")
                .Build(), "What the team does when an error budget burns too fast or is spent.")
            .Set("logs", new YMapBuilder()
                .Set("format", "json")
                .Set("correlation", "traceparent")
                .Set("level", "Information")
                .Set("provider", provider, "console: the built-in JSON console formatter (builder.Logging.AddJsonConsole()); serilog or nlog.")
                .Build(), "Structured logs: JSON lines with the W3C trace context ids.")
            .Set("traces", new YMapBuilder().Set("propagation", "w3c").Set("sampler", "parentbased_traceidratio").Set("ratio", new YPlain("0.1")).Set("exporter", "otlp").Build(), "Distributed tracing: OpenTelemetry, 10% of new traces sampled.")
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
}
