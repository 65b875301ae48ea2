using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Tests.Support;
using static MonitoringSre.Tests.Support.DiagnosticAssert;

namespace MonitoringSre.Tests;

/// <summary>The schema checks shape and the binder meaning: every problem is reported in one run, each once, by the check that owns it.</summary>
public sealed class SchemaAndMeaningTests
{
    [Fact]
    public void A_key_the_schema_rejects_still_gets_the_binders_finding_about_its_meaning()
    {
        // The second name is malformed (the schema's MON021) and a repeat of the first (the binder's MON022): both are said.
        var diagnostics = SpecRun.Diagnose("""
            service: orders-api
            slos:
              - name: Avail
                objective: 99.9
                sli: {availability: {}}
              - name: Avail
                objective: 99
                sli: {availability: {}}
            """);
        Assert.Equal(["MON021", "MON022"], diagnostics.Where(d => d.Location.Line == 6).Select(d => d.Code).Order());
    }

    [Theory]
    [InlineData("period: 30x", "MON024")]            // wrong shape: the schema's
    [InlineData("period: 400d", "MON024")]           // out of range: the binder's
    [InlineData("period: 99999999999d", "MON024")]   // out of range, beyond an int
    [InlineData("threshold: fast", "MON027")]        // wrong shape: the schema's
    [InlineData("threshold: 0ms", "MON027")]         // no time at all: the binder's
    public void A_problem_is_reported_once_by_whichever_check_owns_it(string line, string code)
    {
        var yaml = line.StartsWith("period", StringComparison.Ordinal)
            ? line + "\n" + SpecRun.Minimal
            : $"service: orders-api\nslos:\n  - name: latency\n    objective: 99\n    sli:\n      latency:\n        {line}\n";
        var errors = SpecRun.Diagnose(yaml).Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1 && errors[0].Code == code, string.Join("\n", errors));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_run_schema_and_meaning_alike()
    {
        var diagnostics = SpecRun.Diagnose("""
            service: Orders
            perod: 30d
            slos:
              - name: a
                objective: 120
                sli: {availability: {}}
              - name: b
                sli: {latency: {threshold: 300ms}}
              - name: a
                objective: 99
                sli: {ratio: {errors: "sum(rate(e[5m]))", total: "sum(rate(t[{{window}}]))"}}
            """);
        Assert.Equal(
            ["MON020@1", "MON010@2", "MON023@5", "MON012@7", "MON026@8", "MON022@9", "MON025@11"],
            diagnostics.Select(d => d.Code + "@" + d.Location.Line));
    }

    [Fact]
    public void Schema_rejection_is_not_repeated_by_the_meaning_checks() =>
        Assert.Single(SpecRun.Diagnose("period: 30x\n" + SpecRun.Minimal));

    [Theory]
    [InlineData("service: x\nslos: [5, {name: 1}, {name: a, sli: []}, {name: b, objective: x, sli: {latency: 5}}, {name: c, sli: {nope: {}}}]\n")]
    [InlineData("service: x\nslos:\n  - name: a\n    objective: 99\n    sli:\n      ratio: {errors: [1], total: {a: b}}\n    alerting: {page: maybe, labels: [x], annotations: 5}\n")]
    [InlineData("service: 'a\"b'\nmetrics: {selector: [1]}\nlabels: [1, 2]\nperiod: {}\n")]
    public void Meaning_checks_survive_any_shape_the_schema_rejects(string yaml)
    {
        var diagnostics = SpecRun.Diagnose(yaml);
        Assert.NotEmpty(diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Code == "MON099");
    }
}
