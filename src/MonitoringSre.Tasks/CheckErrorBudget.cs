using Microsoft.Build.Framework;
using MonitoringSre.Adapters;
using MonitoringSre.Budget;
using MonitoringSre.Diagnostics;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// The release gate (MonitoringBudgetGate=true): asks the Prometheus at MonitoringPrometheusUrl for each SLO's live
/// error budget, applies the spec's policy, and writes budget.json and budget.md into <see cref="OutputDirectory"/>.
/// </summary>
public sealed class CheckErrorBudget : SpecTask
{
    public string? PrometheusUrl { get; set; }

    /// <summary>MonitoringPrometheusTenant: sent as X-Scope-OrgID to a multi-tenant Prometheus (Mimir, Cortex, Thanos).</summary>
    public string? PrometheusTenant { get; set; }

    /// <summary>MonitoringBudgetOverride: the reason a release goes out through a frozen budget.</summary>
    public string? Override { get; set; }

    /// <summary>MonitoringBudgetFailOpen: when Prometheus cannot say, warn instead of failing.</summary>
    public bool FailOpen { get; set; }

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    protected override bool Run()
    {
        if (PrometheusHttpClient.Problem(PrometheusUrl, out var url) is { } problem)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.BudgetGateSetup, SourceLocation.WholeFile(SpecFile), problem,
                "Pass the base URL of the Prometheus that evaluates the generated rules: -p:MonitoringPrometheusUrl=https://prometheus.example.com; put credentials in MONITORING_PROMETHEUS_TOKEN, or MONITORING_PROMETHEUS_USERNAME and _PASSWORD."));
            return false;
        }

        var tenant = string.IsNullOrWhiteSpace(PrometheusTenant) ? null : PrometheusTenant.Trim();
        if (tenant is not null && PrometheusHttpClient.TenantProblem(tenant) is { } tenantProblem)
        {
            Report(Diagnostic.Create(DiagnosticCatalog.BudgetGateTenant, SourceLocation.WholeFile(SpecFile), tenant, tenantProblem));
            return false;
        }

        var source = ResolveSpec(out _);
        if (source is null)
        {
            return !Log.HasLoggedErrors;
        }

        var bound = MonitoringPipeline.Bind(source.File, source.Content, import: Import());
        foreach (var diagnostic in bound.Diagnostics.Where(d => d.IsError))
        {
            Report(diagnostic);
        }

        if (!bound.Succeeded)
        {
            return false;
        }

        var model = bound.Model!;
        using var prometheus = new PrometheusHttpClient(url!, Environment.GetEnvironmentVariable, tenant: tenant);
        var result = BudgetGate.Evaluate(model, prometheus, new BudgetGateOptions(string.IsNullOrWhiteSpace(Override) ? null : Override.Trim(), FailOpen));
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        foreach (var file in BudgetReport.Write(model.Service, model.PeriodDays, result))
        {
            OutputWriter.WriteIfChanged(Path.Combine(OutputDirectory, file.RelativePath), file.Content);
        }

        var frozen = result.Slos.Count(s => s.Decision == BudgetDecision.Frozen);
        var report = Path.Combine(OutputDirectory, "budget.md");
        Log.LogMessage(MessageImportance.High, result.Passed
            ? $"MonitoringSre budget gate: {model.Service}: release allowed ({result.Slos.Count(s => s.Decision is BudgetDecision.Release or BudgetDecision.Burning)}/{result.Slos.Count} SLOs within budget{(result.Slos.Any(s => s.Decision == BudgetDecision.Overridden) ? ", frozen ones overridden" : string.Empty)}); see {report}"
            : $"MonitoringSre budget gate: {model.Service}: release blocked ({frozen} of {result.Slos.Count} SLOs frozen{(result.Slos.Any(s => s.Decision == BudgetDecision.Unknown) ? ", budgets unknown" : string.Empty)}); see {report}");
        return !Log.HasLoggedErrors;
    }
}
