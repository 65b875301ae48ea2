using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// One copy of the sample service, which meets every exit criterion, broken in one criterion at a time: the gate must
/// then fail with exactly that criterion's code and no other, and pass again once it is repaired.
/// </summary>
public sealed class GateTests
{
    private const string Gate = "-p:MonitoringGate=true";

    [Fact]
    public void Gate_passes_when_every_criterion_is_met_and_fails_with_exactly_the_code_of_the_one_that_is_not()
    {
        using var project = TestProject.FromSample(nameof(Gate_passes_when_every_criterion_is_met_and_fails_with_exactly_the_code_of_the_one_that_is_not), "OrdersApi");
        project.AddPackage();

        var pass = project.Build(Gate);
        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", pass.Output);
        AssertGateFiles(project, met: 5, unmet: []);

        // Nothing changed: the last result is reported again; nothing is evaluated and promtool does not run.
        var again = project.Build(Gate);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Skipping target \"_MonitoringGateEvaluate\" because all output files are up-to-date", again.Output);
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", again.Output);

        var spec = File.ReadAllText(project.SpecFile);
        BreakOne(project, "MON050", () => File.WriteAllText(project.SpecFile, spec.Edit("format: json", "format: text")), () => File.WriteAllText(project.SpecFile, spec));
        BreakOne(project, "MON052", () => File.WriteAllText(project.SpecFile, Regex.Replace(spec, "  exhausted: .*\n", string.Empty)), () => File.WriteAllText(project.SpecFile, spec));

        var runbook = project.Output("docs/runbooks/OrdersApiLatencyBudgetBurn.md");
        var runbookText = File.ReadAllText(runbook);
        var plan = project.Output("docs/incident-response.md");
        var planText = File.ReadAllText(plan);
        BreakOne(project, "MON053", () => File.WriteAllText(plan, planText.EditAll("P2", "Sev2")), () => File.WriteAllText(plan, planText));

        var dashboard = project.Output("obj/monitoring/out/dashboards/orders-api-infrastructure.json");
        var dashboardText = File.ReadAllText(dashboard);
        BreakOne(project, "MON054", () => File.WriteAllText(dashboard, "{ not json"), () => File.WriteAllText(dashboard, dashboardText));

        var userTest = project.Output("monitoring.tests/checkout.yml");
        var userTestText = File.ReadAllText(userTest);
        var failing = BreakOne(project, "MON051", () => File.WriteAllText(userTest, userTestText.Edit("value: 0.25", "value: 0.5")), () => File.WriteAllText(userTest, userTestText));
        // At the failing check in the team's own file, with the test's name, and promtool's lines as lines.
        var line = File.ReadAllLines(userTest).ToList().FindIndex(l => l.Contains("- expr: slo:sli_error:ratio_rate5m", StringComparison.Ordinal)) + 1;
        Assert.Contains($"{userTest}({line},15): error MON051: Exit criterion not met: Alerting rules defined and tested. Team test 'checkout SLI counts one failed checkout in four' in monitoring.tests/checkout.yml failed:", failing);
        // MSBuild shows each line of the message as a line of its own, at the same place.
        Assert.Contains($"{userTest}({line},15): error MON051:     expr slo:sli_error:ratio_rate5m{{service=\"orders-api\", slo=\"checkout\"}} at 20m", failing);
        Assert.Matches($@"{Regex.Escape(userTest)}\({line},15\): error MON051:     expected: .* 5E-01", failing);
        Assert.Matches($@"{Regex.Escape(userTest)}\({line},15\): error MON051:     got:      .* 2.5E-01", failing);
        Assert.DoesNotContain("user-", failing);

        // A runbook missing is fixed beside the runbooks key; wiring removed from the code is fixed in Program.cs.
        var runbooksLine = File.ReadAllLines(project.SpecFile).ToList().FindIndex(l => l.StartsWith("runbooks:", StringComparison.Ordinal)) + 1;
        var noRunbook = BreakOne(project, "MON053", () => File.Delete(runbook), () => File.WriteAllText(runbook, runbookText));
        Assert.Contains($"{project.SpecFile}({runbooksLine},11): error MON053", noRunbook);
    }

    [Theory]
    [InlineData("OrdersApi", new[] { "app.MapPrometheusScrapingEndpoint();", ".AddPrometheusExporter())", "builder.Logging.AddJsonConsole(" }, new[] { "MapPrometheusScrapingEndpoint", "AddPrometheusExporter", "AddJsonConsole" })]
    [InlineData("InventoryApi", new[] { "app.UseHttpMetrics();", ".AddOtlpExporter()" }, new[] { "UseHttpMetrics", "AddOtlpExporter" })]
    public void A_sample_with_one_wiring_call_removed_fails_criterion_1_naming_that_call(string sample, string[] calls, string[] methods)
    {
        using var project = TestProject.FromSample(nameof(A_sample_with_one_wiring_call_removed_fails_criterion_1_naming_that_call) + "-" + sample, sample);
        project.AddPackage();
        var program = project.Output("Program.cs");
        var text = File.ReadAllText(program);
        foreach (var (call, method) in calls.Zip(methods))
        {
            Assert.Contains(call, text);
            File.WriteAllText(program, Without(text, call));

            var build = project.Build(Gate);

            Assert.NotEqual(0, build.ExitCode);
            Assert.Equal(["MON050"], ErrorCodes(build.Output));
            Assert.Matches($@"{Regex.Escape(program)}\(\d+,\d+\): error MON050: .*never calls [^.]*{method}", build.Output);
        }

        File.WriteAllText(program, text);
        var wired = project.Build(Gate);
        Assert.True(wired.ExitCode == 0, wired.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", wired.Output);
    }

    /// <summary>The source without one call: a statement goes whole; a call in a chain keeps the chain compiling.</summary>
    private static string Without(string source, string call) => call switch
    {
        ".AddPrometheusExporter())" => source.Edit("        .AddMeter(OrdersMetrics.MeterName)   // business KPIs\n        .AddPrometheusExporter())", "        .AddMeter(OrdersMetrics.MeterName))"),
        "builder.Logging.AddJsonConsole(" => Regex.Replace(source, @"builder\.Logging\.AddJsonConsole\(options =>\n\{\n(.*\n)*?\}\);\n", string.Empty),
        ".AddOtlpExporter()" => source.Edit("\n    .AddOtlpExporter());", ");"),
        _ => source.EditAll(call, string.Empty),
    };

    [Fact]
    public void Without_promtool_alerting_is_unmet_unless_promtool_is_not_required_and_gate_off_never_fails()
    {
        using var project = TestProject.FromSample(nameof(Without_promtool_alerting_is_unmet_unless_promtool_is_not_required_and_gate_off_never_fails), "OrdersApi");
        project.AddPackage();
        var missing = "-p:MonitoringPromtoolPath=" + Path.Combine(project.Root, "no-promtool-here");

        var unmet = project.Build(Gate, missing);
        Assert.NotEqual(0, unmet.ExitCode);
        Assert.Equal(["MON051"], ErrorCodes(unmet.Output));
        Assert.Contains("promtool was not found: install it (Debian and Ubuntu: `sudo apt-get install prometheus`", unmet.Output);

        var relaxed = project.Build(Gate, missing, "-p:MonitoringRequirePromtool=false");
        Assert.True(relaxed.ExitCode == 0, relaxed.ToString());
        Assert.Contains("warning MON051: Exit criterion not met: Alerting rules defined and tested. promtool was not found", relaxed.Output);

        // Gate off: everything broken, the build still succeeds and says how to enforce the gate.
        File.Delete(project.Output("docs/incident-response.md"));
        File.WriteAllText(project.SpecFile, File.ReadAllText(project.SpecFile).Edit("format: json", "format: text"));
        var off = project.Build(missing);
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Empty(ErrorCodes(off.Output));
        // With the gate off promtool is not looked for: criterion 2 is not checked rather than unmet.
        Assert.Contains("MonitoringSre gate: 2/5 exit criteria met; not met: 1. Monitoring configured (metrics, logs, traces), 4. Incident response plan exists; not checked until the gate is on: 2. Alerting rules defined and tested (see bin/Debug/net10.0/monitoring/gate.md); build with -p:MonitoringGate=true to enforce them.", off.Output);
        AssertGateFiles(project, met: 2, unmet: [1, 2, 4]);
    }

    [Fact]
    public void Gate_on_a_project_without_a_spec_is_one_error()
    {
        using var project = TestProject.Console(nameof(Gate_on_a_project_without_a_spec_is_one_error));
        project.AddPackage();
        var build = project.Build(Gate);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(["MON055"], ErrorCodes(build.Output));
    }

    [Fact]
    public void Every_command_the_gate_suggests_works_when_pasted_as_written()
    {
        using var project = TestProject.Web(nameof(Every_command_the_gate_suggests_works_when_pasted_as_written));
        project.AddPackage();
        var init = project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit");
        Assert.True(init.ExitCode == 0, init.ToString());
        File.Delete(project.Output("docs/runbooks/OrdersApiDown.md"));

        const string runbookBase = "-p:MonitoringRunbookBaseUrl=https://git.example.org/shop/orders/blob/HEAD/docs/runbooks";
        var failing = project.Build(Gate, runbookBase);
        Assert.Equal(["MON050", "MON053"], ErrorCodes(failing.Output));
        var commands = Regex.Matches(failing.Output, "`(dotnet [^`]+)`").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("dotnet add package OpenTelemetry.Exporter.Prometheus.AspNetCore --version 1.20.1-beta.1", commands); // pinned: what was tested
        Assert.Contains("dotnet build -t:MonitoringInit", commands);
        Assert.Contains(project.ProjectFile + " : error MON050", failing.Output); // a missing package is fixed in the project file

        // Pasted in the project's folder, as a user would.
        foreach (var command in commands)
        {
            var run = project.Dotnet([.. command.Split(' ').Skip(1)]);
            Assert.True(run.ExitCode == 0, command + "\n" + run);
        }

        // What the commands could fix is fixed: the runbook exists and every package is referenced. What is left is code
        // to write in Program.cs (GateWiringTests pastes that too).
        var after = project.Build(Gate, runbookBase);
        Assert.Equal(["MON050"], ErrorCodes(after.Output));
        Assert.DoesNotContain("dotnet add package", after.Output);
        Assert.DoesNotContain(project.ProjectFile + " : error MON050", after.Output);
        Assert.Matches(@"Program\.cs\(\d+,\d+\): error MON050", after.Output);
    }

    private static string BreakOne(TestProject project, string code, Action breakIt, Action repair)
    {
        breakIt();
        var broken = project.Build(Gate);
        repair();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Equal([code], ErrorCodes(broken.Output));
        var gate = JsonDocument.Parse(File.ReadAllText(project.Output("obj/Debug/net10.0/monitoring-gate/gate.json"))).RootElement;
        Assert.Equal(4, gate.GetProperty("met").GetInt32());

        // What CI publishes from the output folder is this evaluation's verdict, though the build failed.
        Assert.Equal(File.ReadAllText(project.Output("obj/Debug/net10.0/monitoring-gate/gate.md")), File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.md")));
        Assert.Contains("**4/5 exit criteria met.**", File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.md")));

        var fixedAgain = project.Build(Gate);
        Assert.True(fixedAgain.ExitCode == 0, code + " repaired:\n" + fixedAgain);
        return broken.Output;
    }

    private static string[] ErrorCodes(string output) =>
        Regex.Matches(output, @"error (MON\d{3}):").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static void AssertGateFiles(TestProject project, int met, int[] unmet)
    {
        var root = JsonDocument.Parse(File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.json"))).RootElement;
        Assert.Equal("orders-api", root.GetProperty("service").GetString());
        Assert.Equal((met, 5), (root.GetProperty("met").GetInt32(), root.GetProperty("total").GetInt32()));
        var criteria = root.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], criteria.Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal(unmet, criteria.Where(c => !c.GetProperty("met").GetBoolean()).Select(c => c.GetProperty("id").GetInt32()));
        Assert.All(criteria, c => Assert.True(c.TryGetProperty("title", out _) && c.TryGetProperty("evidence", out _) && c.TryGetProperty("fix", out _)));

        var md = File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.md"));
        Assert.Contains($"**{met}/5 exit criteria met.**", md);
        Assert.Equal(met, Regex.Matches(md, "✅").Count);
    }
}
