using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;

namespace MonitoringSre.Tests;

/// <summary>The line every build prints about the gate, and whether the build loads a task to report findings.</summary>
public sealed class GateHeadlineTests
{
    private static readonly SourceLocation Spec = new("monitoring.yaml", 3, 1);

    private static GateCriterion Met(int id) => new(id, DiagnosticCatalog.GateSlos, $"Criterion {id}", "found", []);

    private static GateCriterion Unmet(int id, bool warningOnly = false) =>
        new(id, DiagnosticCatalog.GateIncidents, $"Criterion {id}", "missing", [new GateFinding("Write it.", Spec)], WarningOnly: warningOnly);

    private static GateCriterion NotChecked(int id) => new(id, DiagnosticCatalog.GateAlerting, $"Criterion {id}", "runs when the gate is on", [], Checked: false);

    [Fact]
    public void All_criteria_met_is_one_short_line_whether_or_not_the_gate_is_on()
    {
        var result = new GateResult("orders-api", [Met(1), Met(2), Met(3), Met(4), Met(5)]);

        Assert.Equal("MonitoringSre gate: 5/5 exit criteria met", result.Headline(enforced: false, "bin/Debug/net10.0/monitoring/"));
        Assert.Equal("MonitoringSre gate: 5/5 exit criteria met", result.Headline(enforced: true, "bin/Debug/net10.0/monitoring/"));
        Assert.False(result.HasFindingsToReport(enforced: true));
    }

    [Fact]
    public void With_the_gate_off_the_line_names_what_is_unmet_and_what_was_not_checked_and_says_how_to_enforce()
    {
        var result = new GateResult("orders-api", [Met(1), NotChecked(2), Met(3), Unmet(4), Met(5)]);

        Assert.Equal(
            "MonitoringSre gate: 3/5 exit criteria met; not met: 4. Criterion 4; not checked until the gate is on: 2. Criterion 2 (see bin/Debug/net10.0/monitoring/gate.md); build with -p:MonitoringGate=true to enforce them.",
            result.Headline(enforced: false, "bin/Debug/net10.0/monitoring/"));
        Assert.False(result.HasFindingsToReport(enforced: false));
    }

    [Fact]
    public void With_the_gate_on_unmet_criteria_are_findings_to_report()
    {
        var result = new GateResult("orders-api", [Met(1), Met(2), Met(3), Unmet(4), Met(5)]);

        Assert.Equal("MonitoringSre gate: 4/5 exit criteria met; not met: 4. Criterion 4 (see bin/monitoring/gate.md)", result.Headline(enforced: true, "bin/monitoring/"));
        Assert.True(result.HasFindingsToReport(enforced: true));
    }

    [Fact]
    public void A_finding_that_is_only_a_warning_is_reported_with_the_gate_off()
    {
        var result = new GateResult("orders-api", [Met(1), Unmet(2, warningOnly: true), Met(3), Met(4), Met(5)]);

        Assert.True(result.HasFindingsToReport(enforced: false));
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public void Gate_md_lists_what_to_do_per_unmet_criterion_with_code_as_written()
    {
        var unmet = new GateCriterion(1, DiagnosticCatalog.GateMonitoring, "Monitoring configured (metrics, logs, traces)", "", [
            new GateFinding("Tracing is not wired: `Program.<Main>$` never calls `AddOtlpExporter()`.", new SourceLocation("/src/Program.cs", 12, 1)),
            new GateFinding("Declare structured logs in monitoring.yaml: logs.format.", Spec),
        ]);
        var md = GateReport.Markdown(new GateResult("orders-api", [unmet, Met(2), Met(3), Met(4), Met(5)]));

        Assert.Contains("| ❌ | 1. Monitoring configured (metrics, logs, traces) | — | MON050: 2 things, below |", md);
        Assert.Contains("""
            ## 1. Monitoring configured (metrics, logs, traces) (MON050)

            - `Program.cs` line 12: Tracing is not wired: `Program.<Main>$` never calls `AddOtlpExporter()`.
            - `monitoring.yaml` line 3: Declare structured logs in monitoring.yaml: logs.format.
            """, md);
        Assert.DoesNotContain("&lt;", md);
    }
}
