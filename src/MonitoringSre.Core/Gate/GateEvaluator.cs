using System.Text.Json;
using MonitoringSre.Binding;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Gate;

/// <summary>
/// The five exit criteria of the monitoring phase, evaluated against the model, the generated files, the built code and
/// the project. Each unmet criterion says what is missing, how to fix it, and where the fix belongs.
/// </summary>
public sealed class GateEvaluator(MonitoringModel model, RuleSet rules, IReadOnlyList<GeneratedFile> generated, IGateEnvironment env)
{
    public bool RequirePromtool { get; init; } = true;

    /// <summary>
    /// false (gate off): the generated and team tests are not run, and criterion 2 is reported as not checked rather
    /// than met, so a build that does not enforce the gate does not pay for promtool.
    /// </summary>
    public bool RunPromtool { get; init; } = true;

    /// <summary>Names of the alerts that page: burn-rate tiers marked page, and the Down alert.</summary>
    private IReadOnlyList<string> PagingAlerts { get; } =
        rules.Alerts.Where(a => a.Tier is { IsPage: true } || a.Kind == AlertKind.ServiceDown).Select(a => a.Alert).Distinct().ToList();

    public IReadOnlyList<GateCriterion> Evaluate() =>
        [MonitoringConfigured(), AlertingTested(), SlosDocumented(), IncidentPlan(), Dashboards()];

    /// <summary>Where a spec key is (or, when it is missing, the nearest enclosing key that is there).</summary>
    private SourceLocation At(string path = "") => model.Locations.Of(path);

    private static string Joined(IEnumerable<string> evidence) => string.Join("; ", evidence);

    private GateCriterion MonitoringConfigured() => new WiringCriterion(model, env).Evaluate();

    private GateCriterion AlertingTested()
    {
        var findings = new List<GateFinding>();
        var evidence = new List<string>();
        if (!rules.BurnTiers.Any(t => t.IsPage))
        {
            findings.Add(new("Define at least one SLO with paging alerts (alerting.page is on by default).", At("slos")));
        }

        var tests = generated.Where(f => f.RelativePath.EndsWith(".rules.test.yml", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f.RelativePath), f.Content)).ToList();
        if (!RunPromtool)
        {
            return new GateCriterion(2, DiagnosticCatalog.GateAlerting, "Alerting rules defined and tested",
                findings.Count == 0 ? $"{PagingAlerts.Count} paging alert names; promtool test rules runs when the gate is on (-p:MonitoringGate=true)" : string.Empty,
                findings, Checked: findings.Count > 0);
        }

        var runs = env.RunPromtoolTests(tests);
        var warningOnly = false;
        if (runs is null)
        {
            findings.Add(new("promtool was not found: install it (Debian and Ubuntu: `sudo apt-get install prometheus`; elsewhere promtool is in the Prometheus release archive) or pass its path with -p:MonitoringPromtoolPath=<path of promtool>.", At("slos")));
            warningOnly = !RequirePromtool && findings.Count == 1;
        }
        else if (runs.Any(r => !r.Passed))
        {
            foreach (var run in runs.Where(r => !r.Passed))
            {
                findings.AddRange(PromtoolFailures.Read(run, env.TeamTests.FirstOrDefault(t => t.RunName == run.Name), At("slos")));
            }
        }
        else
        {
            evidence.Add($"{PagingAlerts.Count} paging alert names; promtool test rules passed on {runs.Count} file(s) ({env.TeamTests.Count} written by the team)");
        }

        return new GateCriterion(2, DiagnosticCatalog.GateAlerting, "Alerting rules defined and tested", Joined(evidence), findings, warningOnly);
    }

    private GateCriterion SlosDocumented()
    {
        var findings = new List<GateFinding>();
        if (model.Slos.Count == 0)
        {
            findings.Add(new("Define at least one SLO under slos:.", At("slos")));
        }

        foreach (var slo in model.Slos.Where(s => string.IsNullOrWhiteSpace(s.Description)))
        {
            findings.Add(new($"Describe SLO '{slo.Name}' (description: what it promises users).", slo.Location));
        }

        if (string.IsNullOrWhiteSpace(model.ErrorBudgetPolicy.Exhausted))
        {
            findings.Add(new("Say what happens when an error budget is exhausted: errorBudgetPolicy.exhausted.", At("errorBudgetPolicy")));
        }

        if (!generated.Any(f => f.RelativePath == "docs/slo.md"))
        {
            findings.Add(new("slo.md was not generated.", At("slos")));
        }

        return new GateCriterion(3, DiagnosticCatalog.GateSlos, "SLOs documented with error budgets", $"{model.Slos.Count} SLOs with budgets in docs/slo.md", findings);
    }

    private GateCriterion IncidentPlan()
    {
        var findings = new List<GateFinding>();
        var evidence = new List<string>();
        var plan = env.ReadFile(model.Incidents.Plan);
        if (plan is null)
        {
            findings.Add(new($"Write the incident response plan at {model.Incidents.Plan} (`dotnet build -t:MonitoringInit` scaffolds one).", At("incidents.plan")));
        }
        else
        {
            var absent = Priorities.Names.Where(p => !plan.Contains(p, StringComparison.Ordinal)).ToList();
            if (absent.Count > 0)
            {
                findings.Add(new($"The plan at {model.Incidents.Plan} does not cover {string.Join(", ", absent)}: define every severity P0–P3.",
                    SourceLocation.WholeFile(Path.Combine(Path.GetDirectoryName(env.ProjectFile) ?? string.Empty, model.Incidents.Plan))));
            }
            else
            {
                evidence.Add($"plan {model.Incidents.Plan} covers P0–P3");
            }
        }

        if (string.IsNullOrWhiteSpace(model.Incidents.OnCall) || model.Incidents.Escalation.Count == 0)
        {
            findings.Add(new("Set incidents.onCall and incidents.escalation.", At("incidents")));
        }

        if (model.Runbooks is null)
        {
            findings.Add(new("Set runbooks (a folder beside the project or an https URL) so every paging alert links to a runbook.", At()));
        }
        else if (!model.Runbooks.IsUrl)
        {
            var absent = PagingAlerts.Where(a => !env.FileExists(model.Runbooks.FileFor(a))).ToList();
            if (absent.Count > 0)
            {
                findings.Add(new($"Write the runbooks of {string.Join(", ", absent)} under {model.Runbooks.Value} (`dotnet build -t:MonitoringInit` creates the missing ones).", At("runbooks")));
            }
            else if (!model.Runbooks.IsAbsolute)
            {
                findings.Add(new($"The alerts' runbook_url is {model.Runbooks.UrlFor(PagingAlerts[0])}, a path no pager can open. {RunbookLinks.HowToSetBase}", At("runbooks")));
            }
            else
            {
                evidence.Add($"{PagingAlerts.Count} paging alerts with runbooks under {model.Runbooks.Value}, linked as {model.Runbooks.UrlFor(PagingAlerts[0])}");
            }
        }
        else
        {
            evidence.Add($"runbooks at {model.Runbooks.Value}");
        }

        return new GateCriterion(4, DiagnosticCatalog.GateIncidents, "Incident response plan exists", Joined(evidence), findings);
    }

    private GateCriterion Dashboards()
    {
        var findings = new List<GateFinding>();
        var expected = new List<string> { "overview", "infrastructure", "deployments" };
        if (model.Metrics.Business.Count > 0)
        {
            expected.Add("business");
        }

        foreach (var kind in expected)
        {
            var file = generated.FirstOrDefault(f => f.RelativePath == $"dashboards/{model.Service}-{kind}.json");
            if (file is null || !IsDashboard(file.ToArray()))
            {
                findings.Add(new($"The {kind} dashboard was not generated or is not valid dashboard JSON.", SourceLocation.WholeFile(model.SpecFile)));
            }
        }

        return new GateCriterion(5, DiagnosticCatalog.GateDashboards, "Dashboards created", $"{expected.Count} dashboards: {string.Join(", ", expected)}", findings);
    }

    private static bool IsDashboard(ReadOnlyMemory<byte> json)
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
