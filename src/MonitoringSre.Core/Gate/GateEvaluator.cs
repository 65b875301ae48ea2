using System.Text.Json;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;
using MonitoringSre.Spec;

namespace MonitoringSre.Gate;

/// <summary>
/// The five exit criteria of the monitoring phase, evaluated against the model, the generated files and the project.
/// Each unmet criterion says what is missing and how to fix it.
/// </summary>
public sealed class GateEvaluator(MonitoringModel model, RuleSet rules, IReadOnlyList<GeneratedFile> generated, SpecMapping? spec, IGateEnvironment env)
{
    public static readonly string[] MetricsExporters =
    [
        "OpenTelemetry.Exporter.Prometheus.AspNetCore", "OpenTelemetry.Exporter.Prometheus.HttpListener",
        "OpenTelemetry.Exporter.OpenTelemetryProtocol", "prometheus-net.AspNetCore", "prometheus-net",
    ];

    public static readonly string[] StructuredLogging =
    [
        "Serilog.AspNetCore", "Serilog.Formatting.Compact", "Serilog.Extensions.Hosting", "NLog", "NLog.Web.AspNetCore", "NLog.Extensions.Logging",
    ];

    public bool RequirePromtool { get; init; } = true;

    /// <summary>Names of the alerts that page: burn-rate tiers marked page, and the Down alert.</summary>
    private IReadOnlyList<string> PagingAlerts { get; } =
        rules.Alerts.Where(a => a.Tier is { IsPage: true } || a.Kind == AlertKind.ServiceDown).Select(a => a.Alert).Distinct().ToList();

    public IReadOnlyList<GateCriterion> Evaluate() =>
        [MonitoringConfigured(), AlertingTested(), SlosDocumented(), IncidentPlan(), Dashboards()];

    private SourceLocation At(params string[] path)
    {
        SpecNode? node = spec;
        SpecNode? last = spec;
        foreach (var key in path)
        {
            node = (node as SpecMapping)?[key];
            if (node is null)
            {
                break;
            }

            last = node;
        }

        return last?.Location ?? SourceLocation.WholeFile(model.SpecFile);
    }

    private bool Has(string package) => env.PackageReferences.Contains(package, StringComparer.OrdinalIgnoreCase);

    private GateCriterion Criterion(int id, string code, string title, List<string> missing, List<string> evidence, SourceLocation location) =>
        new(id, code, title, missing.Count == 0, string.Join("; ", evidence), string.Join(" ", missing), location);

    private GateCriterion MonitoringConfigured()
    {
        var missing = new List<string>();
        var evidence = new List<string>();
        var metrics = spec?["metrics"] as SpecMapping;
        if (metrics?["preset"] is null && metrics?["selector"] is null)
        {
            missing.Add("Declare metrics in monitoring.yaml: metrics.preset (aspnetcore-otel or prometheus-net) or metrics.selector.");
        }

        var exporter = MetricsExporters.FirstOrDefault(Has);
        if (exporter is null)
        {
            missing.Add("Reference a metrics exporter: `dotnet add package OpenTelemetry.Exporter.Prometheus.AspNetCore --prerelease` (the Prometheus exporter is published as a prerelease only), or `dotnet add package prometheus-net.AspNetCore`.");
        }
        else
        {
            evidence.Add($"metrics: {model.Metrics.Preset.Name} preset, package {exporter}");
        }

        if (model.Logs.Format != "json" || string.IsNullOrEmpty(model.Logs.Correlation))
        {
            missing.Add("Declare structured logs: logs.format: json and logs.correlation (e.g. traceparent).");
        }

        var logging = StructuredLogging.FirstOrDefault(Has) ?? (model.Logs.Provider == "console" ? "the built-in JSON console formatter (logs.provider: console)" : null);
        if (logging is null)
        {
            missing.Add("Set logs.provider: console when the service logs with builder.Logging.AddJsonConsole(), or reference a structured logging package: `dotnet add package Serilog.AspNetCore` or `dotnet add package NLog.Web.AspNetCore`.");
        }
        else
        {
            evidence.Add($"logs: {model.Logs.Format} with {model.Logs.Correlation}, {logging}");
        }

        if (string.IsNullOrEmpty(model.Traces.Propagation) || string.IsNullOrEmpty(model.Traces.Sampler) || model.Traces.Ratio is null)
        {
            missing.Add("Declare tracing: traces.propagation (w3c), traces.sampler and traces.ratio.");
        }

        var instrumentation = env.PackageReferences.FirstOrDefault(p => p.StartsWith("OpenTelemetry.Instrumentation.", StringComparison.OrdinalIgnoreCase));
        if (!Has("OpenTelemetry.Extensions.Hosting") || instrumentation is null)
        {
            missing.Add("Reference OpenTelemetry tracing: `dotnet add package OpenTelemetry.Extensions.Hosting` and an instrumentation package, `dotnet add package OpenTelemetry.Instrumentation.AspNetCore`.");
        }
        else
        {
            evidence.Add($"traces: {model.Traces.Propagation}, {model.Traces.Sampler} {model.Traces.Ratio}, OpenTelemetry.Extensions.Hosting + {instrumentation}");
        }

        var where = missing.Any(m => m.Contains("traces.", StringComparison.Ordinal)) ? At("traces")
            : missing.Any(m => m.Contains("logs.", StringComparison.Ordinal)) ? At("logs") : At("metrics");
        return Criterion(1, "MON050", "Monitoring configured (metrics, logs, traces)", missing, evidence, where);
    }

    private GateCriterion AlertingTested()
    {
        var missing = new List<string>();
        var evidence = new List<string>();
        if (!rules.Alerts.Any(a => a.Tier is { IsPage: true }))
        {
            missing.Add("Define at least one SLO with paging alerts (alerting.page is on by default).");
        }

        var tests = generated.Where(f => f.RelativePath.EndsWith(".rules.test.yml", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f.RelativePath), f.Content)).Concat(env.UserTests).ToList();
        var outcome = env.RunPromtoolTests(tests);
        if (outcome is null)
        {
            missing.Add("promtool was not found: install it (Debian and Ubuntu: `sudo apt-get install prometheus`; elsewhere promtool is in the Prometheus release archive) or pass its path with -p:MonitoringPromtoolPath=<path of promtool>.");
        }
        else if (!outcome.Passed)
        {
            missing.Add("promtool test rules failed: " + Condense(outcome.Output));
        }
        else
        {
            evidence.Add($"{PagingAlerts.Count} paging alert names; promtool test rules passed on {tests.Count} file(s) ({env.UserTests.Count} written by the team)");
        }

        return Criterion(2, "MON051", "Alerting rules defined and tested", missing, evidence, At("slos")) with
        {
            WarningOnly = outcome is null && !RequirePromtool && missing.Count == 1,
        };
    }

    private GateCriterion SlosDocumented()
    {
        var missing = new List<string>();
        var location = At("slos");
        if (model.Slos.Count == 0)
        {
            missing.Add("Define at least one SLO under slos:.");
        }

        foreach (var slo in model.Slos.Where(s => string.IsNullOrWhiteSpace(s.Description)))
        {
            missing.Add($"Describe SLO '{slo.Name}' (description: what it promises users).");
            location = slo.Location;
        }

        if (string.IsNullOrWhiteSpace(model.ErrorBudgetPolicy.Exhausted))
        {
            missing.Add("Say what happens when an error budget is exhausted: errorBudgetPolicy.exhausted.");
            location = missing.Count == 1 ? At("errorBudgetPolicy") : location;
        }

        if (!generated.Any(f => f.RelativePath == "docs/slo.md"))
        {
            missing.Add("slo.md was not generated.");
        }

        var evidence = new List<string> { $"{model.Slos.Count} SLOs with budgets in docs/slo.md" };
        return Criterion(3, "MON052", "SLOs documented with error budgets", missing, evidence, location);
    }

    private GateCriterion IncidentPlan()
    {
        var missing = new List<string>();
        var evidence = new List<string>();
        var plan = env.ReadFile(model.Incidents.Plan);
        if (plan is null)
        {
            missing.Add($"Write the incident response plan at {model.Incidents.Plan} (`dotnet build -t:MonitoringInit` scaffolds one).");
        }
        else
        {
            var absent = new[] { "P0", "P1", "P2", "P3" }.Where(p => !plan.Contains(p, StringComparison.Ordinal)).ToList();
            if (absent.Count > 0)
            {
                missing.Add($"The plan at {model.Incidents.Plan} does not cover {string.Join(", ", absent)}: define every severity P0–P3.");
            }
            else
            {
                evidence.Add($"plan {model.Incidents.Plan} covers P0–P3");
            }
        }

        if (string.IsNullOrWhiteSpace(model.Incidents.OnCall) || model.Incidents.Escalation.Count == 0)
        {
            missing.Add("Set incidents.onCall and incidents.escalation.");
        }

        if (model.Runbooks is null)
        {
            missing.Add("Set runbooks (a folder beside the project or an https URL) so every paging alert links to a runbook.");
        }
        else if (!model.Runbooks.IsUrl)
        {
            var absent = PagingAlerts.Where(a => !env.FileExists(model.Runbooks.UrlFor(a))).ToList();
            if (absent.Count > 0)
            {
                missing.Add($"Write the runbooks of {string.Join(", ", absent)} under {model.Runbooks.Value} (`dotnet build -t:MonitoringInit` creates the missing ones).");
            }
            else
            {
                evidence.Add($"{PagingAlerts.Count} paging alerts with runbooks under {model.Runbooks.Value}");
            }
        }
        else
        {
            evidence.Add($"runbooks at {model.Runbooks.Value}");
        }

        return Criterion(4, "MON053", "Incident response plan exists", missing, evidence, At("incidents"));
    }

    private GateCriterion Dashboards()
    {
        var missing = new List<string>();
        var expected = new List<string> { "overview", "infrastructure", "deployments" };
        if (model.Metrics.Business.Count > 0)
        {
            expected.Add("business");
        }

        foreach (var kind in expected)
        {
            var file = generated.FirstOrDefault(f => f.RelativePath == $"dashboards/{model.Service}-{kind}.json");
            if (file is null || !IsDashboard(file.Content))
            {
                missing.Add($"The {kind} dashboard was not generated or is not valid dashboard JSON.");
            }
        }

        return Criterion(5, "MON054", "Dashboards created", missing, [$"{expected.Count} dashboards: {string.Join(", ", expected)}"], SourceLocation.WholeFile(model.SpecFile));
    }

    /// <summary>promtool's report on one line (MSBuild would make each line an error of its own), without the passing files.</summary>
    private static string Condense(string output)
    {
        var lines = output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0 && l != "SUCCESS")
            .ToList();
        // Keep "Unit Testing: <file>" only for the files that failed.
        var kept = lines.Where((l, i) => !l.StartsWith("Unit Testing:", StringComparison.Ordinal) || (i + 1 < lines.Count && !lines[i + 1].StartsWith("Unit Testing:", StringComparison.Ordinal)));
        var text = string.Join(" ", kept);
        return text.Length > 4000 ? text[..4000] + " …" : text;
    }

    private static bool IsDashboard(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return root.TryGetProperty("uid", out _) && root.TryGetProperty("panels", out var panels) && panels.GetArrayLength() > 0
                && root.TryGetProperty("schemaVersion", out _) && root.TryGetProperty("templating", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
