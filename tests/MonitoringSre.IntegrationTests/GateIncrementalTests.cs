using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// The gate's evaluation is guarded by MSBuild's Inputs/Outputs: a build that changed nothing reports the last result
/// with built-in tasks and loads no MonitoringSre assembly, gate off or on, and every input that can change the verdict
/// evaluates it again. Each step below changes one input of the sample and watches which builds evaluate.
/// </summary>
public sealed class GateIncrementalTests
{
    private const string Gate = "-p:MonitoringGate=true";
    private const string EvaluationSkipped = "Skipping target \"_MonitoringGateEvaluate\" because all output files are up-to-date";
    private const string Evaluated = "MonitoringSre gate: evaluated;";

    [Fact]
    public void A_build_that_changed_nothing_loads_no_MonitoringSre_assembly_with_the_gate_off_or_on()
    {
        using var project = TestProject.FromSample(nameof(A_build_that_changed_nothing_loads_no_MonitoringSre_assembly_with_the_gate_off_or_on), "OrdersApi");
        project.AddPackage();

        foreach (var gate in new[] { Gate, "-p:MonitoringGate=false" })
        {
            var first = project.Build(gate);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Contains(Evaluated, first.Output);

            var noop = project.Build(gate, "-v:d");
            Assert.True(noop.ExitCode == 0, noop.ToString());
            Assert.Contains("Using \"Message\" task from assembly", noop.Output); // the log is detailed enough to show task loads
            Assert.Contains(EvaluationSkipped, noop.Output);
            Assert.Contains("Skipping target \"_MonitoringGenerate\" because all output files are up-to-date", noop.Output);
            Assert.DoesNotContain("Assembly loaded during TaskRun: MonitoringSre", noop.Output);
            Assert.DoesNotContain("task from assembly \"" + Path.Combine(project.Root, "packages"), noop.Output);
            Assert.DoesNotContain(Evaluated, noop.Output);
        }

        // Reported from what the last evaluation wrote: the same verdict, and gate.md still in the output folder.
        var off = project.Build();
        Assert.Contains("MonitoringSre gate: 4/5 exit criteria met; not checked until the gate is on: 2. Alerting rules defined and tested (see bin/Debug/net10.0/monitoring/gate.md); build with -p:MonitoringGate=true to enforce them.", off.Output);
        File.Delete(project.Output("bin/Debug/net10.0/monitoring/gate.md"));
        var on = project.Build(Gate);
        Assert.Contains(Evaluated, on.Output); // the gate turned on: promtool runs
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", on.Output);
        Assert.True(File.Exists(project.Output("bin/Debug/net10.0/monitoring/gate.md")));
    }

    [Fact]
    public void A_failing_gate_reports_the_same_errors_on_a_build_that_changed_nothing()
    {
        using var project = TestProject.FromSample(nameof(A_failing_gate_reports_the_same_errors_on_a_build_that_changed_nothing), "OrdersApi");
        project.AddPackage();
        File.Delete(project.Output("docs/runbooks/OrdersApiDown.md"));

        var first = project.Build(Gate);
        var again = project.Build(Gate);

        Assert.NotEqual(0, first.ExitCode);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains(EvaluationSkipped, again.Output);
        var errors = ErrorLines(first.Output);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("error MON053", e));
        Assert.Equal(errors, ErrorLines(again.Output));
        Assert.Contains("MonitoringSre gate: 4/5 exit criteria met; not met: 4. Incident response plan exists (see bin/Debug/net10.0/monitoring/gate.md)", again.Output);
    }

    [Fact]
    public void Every_input_of_the_gate_evaluates_it_again_and_nothing_else_does()
    {
        using var project = TestProject.FromSample(nameof(Every_input_of_the_gate_evaluates_it_again_and_nothing_else_does), "OrdersApi");
        project.AddPackage();
        Assert.Contains(Evaluated, project.Build().Output);
        AssertSkipped(project.Build(), "nothing changed");

        void Step(string what, Action change, string[]? args = null, bool evaluates = true)
        {
            change();
            var build = project.Build(args ?? []);
            Assert.True(build.ExitCode == 0, what + "\n" + build);
            if (evaluates)
            {
                Assert.True(build.Output.Contains(Evaluated, StringComparison.Ordinal), what + " did not evaluate the gate again\n" + build);
                AssertSkipped(project.Build(args ?? []), "after " + what);
            }
            else
            {
                AssertSkipped(build, what);
            }
        }

        static void Edit(string path, Func<string, string> edit) => File.WriteAllText(path, edit(File.ReadAllText(path)));
        var runbook = project.Output("docs/runbooks/OrdersApiLatencyBudgetBurn.md");
        var runbookText = File.ReadAllText(runbook);

        Step("the spec", () => Edit(project.SpecFile, s => s.Edit("Accepts and tracks customer orders.", "Accepts, tracks and ships customer orders.")));
        Step("a property", () => { }, ["-p:MonitoringRunbookBaseUrl=https://git.example.org/shop/orders/blob/main/docs/runbooks"]);
        Step("the property removed", () => { });
        Step("the code", () => Edit(project.Output("Program.cs"), s => s + "\n// a comment changes the assembly's MVID\n"));
        Step("appsettings.json", () => Edit(project.Output("appsettings.json"), s => s.Edit("\"Ratio\": 0.1", "\"Ratio\": 0.2")));
        Step("the incident plan", () => Edit(project.Output("docs/incident-response.md"), s => s + "\nReviewed by the team.\n"));
        Step("a runbook deleted", () => File.Delete(runbook));
        Assert.Contains("\"met\": 3", File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.json")));
        Step("the runbook written again", () => File.WriteAllText(runbook, runbookText));
        Assert.Contains("\"met\": 4", File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.json")));
        Step("a team test", () => Edit(project.Output("monitoring.tests/checkout.yml"), s => s + "\n# reviewed\n"));
        Step("a new team test", () => File.Copy(project.Output("monitoring.tests/checkout.yml"), project.Output("monitoring.tests/checkout-again.yml")));
        Step("a package reference", () => Edit(project.ProjectFile, s => s.Edit("</Project>", $"  <ItemGroup><PackageReference Include=\"OpenTelemetry\" Version=\"{CachedVersion(project, "opentelemetry")}\" /></ItemGroup>\n</Project>")));
        var core = Directory.GetFiles(Path.Combine(project.Root, "packages", "monitoringsre"), "MonitoringSre.Core.dll", SearchOption.AllDirectories).Single();
        File.SetLastWriteTimeUtc(core, DateTime.UtcNow);
        var afterCore = project.Build();
        Assert.True(afterCore.ExitCode == 0, afterCore.ToString());
        Assert.True(!afterCore.Output.Contains("Skipping target \"_MonitoringGenerate\"", StringComparison.Ordinal), "the core assembly alone changed, and nothing was generated\n" + afterCore);
        Assert.Contains(Evaluated, afterCore.Output);
        Step("a file beside the project that the gate does not read", () => File.WriteAllText(project.Output("notes.txt"), "x"), evaluates: false);

        // promtool is an input only with the gate on: where it is, and the program itself.
        var promtoolDir = Path.Combine(project.Root, "tools");
        Directory.CreateDirectory(promtoolDir);
        var promtool = Path.Combine(promtoolDir, "promtool");
        var withPromtool = new[] { Gate, "-p:MonitoringPromtoolPath=" + promtool };
        var missing = project.Build(withPromtool);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("promtool was not found", missing.Output);
        Assert.Contains(Evaluated, missing.Output);
        File.Copy(Executables.Promtool, promtool);
        Step("promtool installed where it was looked for", () => { }, withPromtool);
        Step("promtool updated", () => File.SetLastWriteTimeUtc(promtool, DateTime.UtcNow), withPromtool);
    }

    private static void AssertSkipped(ProcessResult build, string what)
    {
        Assert.True(build.ExitCode == 0, what + "\n" + build);
        Assert.True(build.Output.Contains(EvaluationSkipped, StringComparison.Ordinal), what + ": the gate was evaluated again\n" + build);
    }

    /// <summary>The version of a package the test's own package folder already holds, so adding it needs no download.</summary>
    private static string CachedVersion(TestProject project, string id) =>
        Path.GetFileName(Directory.GetDirectories(Path.Combine(project.Root, "packages", id)).Order(StringComparer.Ordinal).Last());

    private static List<string> ErrorLines(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error MON", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
}
