using MonitoringSre.Adapters;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Criterion 1 judged on evidence: the calls a built assembly makes, read from its IL and PDB, against the wiring the
/// spec's preset and keys require; and promtool's failures placed in the team's own test file.
/// </summary>
public sealed class GateEvidenceTests
{
    private static void CallsConsole() => Console.Out.Flush();

    [Fact]
    public void The_call_reader_finds_a_call_with_its_caller_and_its_source_line()
    {
        CallsConsole();
        var source = Path.Combine(Repo.Root, "tests", "MonitoringSre.Tests", "GateEvidenceTests.cs");
        var line = File.ReadAllLines(source).ToList().FindIndex(l => l.Contains("=> Console.Out.Flush();", StringComparison.Ordinal)) + 1;
        var read = AssemblyCallReader.Read([typeof(GateEvidenceTests).Assembly.Location]);

        var call = Assert.Single(read.Calls, c => c.Method == "Flush" && c.Caller.EndsWith("GateEvidenceTests.CallsConsole", StringComparison.Ordinal));
        Assert.Equal(("System.IO", "TextWriter"), (call.Namespace, call.Type));
        Assert.Equal(source, call.Source!.File);
        Assert.Equal(line, call.Source.Line);
        Assert.Contains("=> Console.Out.Flush();", read.Strings); // the string literals, from ldstr
        Assert.Contains(read.Calls, c => c.Method == ".ctor" && c.Type == "YMapBuilder"); // constructor calls count as calls
    }

    [Fact]
    public void A_lambda_is_named_after_the_method_it_was_written_in()
    {
        Func<int> lambda = () => System.Environment.ProcessorCount;
        Assert.True(lambda() > 0);
        var read = AssemblyCallReader.Read([typeof(GateEvidenceTests).Assembly.Location]);
        Assert.Contains(read.Calls, c => c.Method == "get_ProcessorCount" && c.Caller.EndsWith("GateEvidenceTests.A_lambda_is_named_after_the_method_it_was_written_in (lambda)", StringComparison.Ordinal));
    }

    private static CallSite Call(string ns, string type, string method, int line = 5) =>
        new("Checkout.dll", "Program.<Main>$", ns, type, method, new SourceLocation("/src/Program.cs", line, 1));

    private static readonly CallSite[] WiredOtel =
    [
        Call("OpenTelemetry.Metrics", "AspNetCoreInstrumentationMeterProviderBuilderExtensions", "AddAspNetCoreInstrumentation"),
        Call("OpenTelemetry.Metrics", "PrometheusExporterMeterProviderBuilderExtensions", "AddPrometheusExporter"),
        Call("Microsoft.AspNetCore.Builder", "PrometheusExporterEndpointRouteBuilderExtensions", "MapPrometheusScrapingEndpoint"),
        Call("Microsoft.Extensions.Logging", "ConsoleLoggerExtensions", "AddJsonConsole"),
        Call("Microsoft.Extensions.Logging.Console", "ConsoleFormatterOptions", "set_IncludeScopes"),
        Call("OpenTelemetry.Trace", "AspNetCoreInstrumentationTracerProviderBuilderExtensions", "AddAspNetCoreInstrumentation"),
        Call("OpenTelemetry.Trace", "ParentBasedSampler", ".ctor"),
        Call("OpenTelemetry.Trace", "TraceIdRatioBasedSampler", ".ctor"),
        Call("OpenTelemetry.Trace", "OtlpTraceExporterHelperExtensions", "AddOtlpExporter"),
        Call("Microsoft.AspNetCore.Builder", "WebApplicationBuilder", "Build", line: 12),
    ];

    private static GateCriterion Criterion1(IEnumerable<CallSite> calls, string[]? packages = null, IReadOnlyList<ConfigSetting>? settings = null, string? spec = null)
    {
        var result = SpecRun.Run(spec ?? File.ReadAllText(Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.yaml")));
        var env = new TestGateEnvironment(new CodeEvidence(["Checkout.dll"], calls.ToList(), new HashSet<string>(), settings ?? [], new SourceLocation("/src/Program.cs", 1, 1)),
            ProjectPackages.Of(packages ?? ["OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Exporter.Prometheus.AspNetCore", "OpenTelemetry.Exporter.OpenTelemetryProtocol"]));
        return new GateEvaluator(result.Model!, result.Rules!, result.Files, env).Evaluate()[0];
    }

    [Fact]
    public void Every_wiring_call_found_meets_criterion_1_with_the_calls_as_evidence()
    {
        var c = Criterion1(WiredOtel);
        Assert.True(c.Met, c.Fix);
        Assert.Contains("Checkout.dll: Program.<Main>$ calls PrometheusExporterEndpointRouteBuilderExtensions.MapPrometheusScrapingEndpoint (Program.cs:5)", c.Evidence);
        Assert.Contains("calls new ParentBasedSampler (Program.cs:5) and Checkout.dll: Program.<Main>$ calls new TraceIdRatioBasedSampler", c.Evidence);
    }

    [Fact]
    public void A_missing_call_is_a_finding_at_builder_Build_with_the_statement_to_paste()
    {
        var c = Criterion1(WiredOtel.Where(call => call.Method != "AddOtlpExporter"));
        var finding = Assert.Single(c.Findings);
        Assert.Equal(new SourceLocation("/src/Program.cs", 12, 1), finding.Location);
        Assert.Equal("The otlp span exporter is not wired: Checkout.dll never calls AddOtlpExporter or UseOtlpExporter. In Program.cs, add `using OpenTelemetry.Trace;` "
            + "at the top of Program.cs and, before `builder.Build()`: `builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddOtlpExporter());`.", finding.Fix);
    }

    [Fact]
    public void A_package_reference_alone_proves_nothing_and_a_missing_package_is_fixed_in_the_project_file()
    {
        var none = Criterion1([]);
        Assert.False(none.Met);
        Assert.Equal(7, none.Findings.Count); // instrumentation, exporter, JSON console, trace context, tracing, sampler, span exporter

        var noExporter = Criterion1(WiredOtel.Where(call => call.Method is not ("AddOtlpExporter")), packages: ["OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Instrumentation.AspNetCore"]);
        var finding = Assert.Single(noExporter.Findings);
        Assert.Equal(SourceLocation.WholeFile("/src/Checkout.csproj"), finding.Location);
        Assert.Contains("Reference it first: `dotnet add package OpenTelemetry.Exporter.OpenTelemetryProtocol --version 1.20.1`", finding.Fix);
    }

    [Fact]
    public void The_package_versions_the_gate_pins_are_the_ones_the_samples_and_the_readme_use()
    {
        // The samples are built and the getting-started guide is run by the integration tests: a pinned version that drifts from them
        // would be advice nobody tested.
        var sample = System.Xml.Linq.XDocument.Load(Path.Combine(Repo.Root, "samples", "OrdersApi", "OrdersApi.csproj"));
        var referenced = sample.Descendants("PackageReference").ToDictionary(r => (string)r.Attribute("Include")!, r => (string)r.Attribute("Version")!);
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "docs", "getting-started.md"));
        foreach (var (package, version) in TestedPackages.Versions)
        {
            Assert.Equal(version, referenced[package]);
            Assert.Contains(TestedPackages.AddCommand(package) + "\n", readme);
        }

        Assert.DoesNotMatch(@"dotnet add package OpenTelemetry\S*( --prerelease)?\n", readme); // every OpenTelemetry add in the guide is pinned
    }

    [Fact]
    public void The_scrape_endpoint_is_required_once_the_prometheus_exporter_is_there()
    {
        var c = Criterion1(WiredOtel.Where(call => call.Method != "MapPrometheusScrapingEndpoint"));
        Assert.Contains("app.MapPrometheusScrapingEndpoint();", Assert.Single(c.Findings).Fix);
    }

    [Fact]
    public void Configuration_counts_where_that_is_how_the_library_is_configured()
    {
        var calls = WiredOtel.Where(call => call.Method is not ("AddJsonConsole" or "set_IncludeScopes" or ".ctor"));
        var settings = new ConfigSetting[]
        {
            new("appsettings.json", "Logging:Console:FormatterName", "json"),
            new("appsettings.json", "Logging:Console:FormatterOptions:IncludeScopes", "true"),
            new("appsettings.Production.json", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
        };
        var c = Criterion1(calls, settings: settings);
        Assert.True(c.Met, c.Fix);
        Assert.Contains("appsettings.json sets Logging:Console:FormatterName = json", c.Evidence);
        Assert.Contains("appsettings.Production.json sets OTEL_TRACES_SAMPLER = parentbased_traceidratio", c.Evidence);
    }

    [Fact]
    public void The_prometheus_net_preset_wants_its_middleware_and_its_endpoint()
    {
        var spec = File.ReadAllText(Path.Combine(Repo.Root, "samples", "InventoryApi", "monitoring.yaml"));
        var wired = WiredOtel.Where(call => !call.Namespace.StartsWith("OpenTelemetry.Metrics", StringComparison.Ordinal) && call.Method != "MapPrometheusScrapingEndpoint").ToList();
        var c = Criterion1(wired, packages: ["prometheus-net.AspNetCore", "OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Exporter.OpenTelemetryProtocol"], spec: spec);
        Assert.Equal(["app.UseHttpMetrics();", "app.MapMetrics();"], c.Findings.Select(f => f.Fix[(f.Fix.LastIndexOf(": `", StringComparison.Ordinal) + 3)..^2]));

        var met = Criterion1([.. wired, Call("Prometheus", "HttpMetricsMiddlewareExtensions", "UseHttpMetrics"), Call("Prometheus", "MetricServerMiddlewareExtensions", "MapMetrics")],
            packages: ["prometheus-net.AspNetCore"], spec: spec);
        Assert.True(met.Met, met.Fix);
    }

    [Fact]
    public void A_failing_team_test_is_reported_at_its_check_with_its_name_and_promtools_lines()
    {
        var result = SpecRun.Run(File.ReadAllText(Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.yaml")));
        var teamFile = Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.tests", "checkout.yml");
        var team = new TeamTest(teamFile, "monitoring.tests/checkout.yml", "team-checkout.test.yml", File.ReadAllText(teamFile).Edit("value: 0.25", "value: 0.5"));
        using var work = TestTemp.Folder("team-test");
        var runs = new PromtoolRunner(Promtool.Path, work).Run(result.Files.Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)).ToList(), [(team.RunName, team.Content)]);

        var run = Assert.Single(runs);
        Assert.False(run.Passed);
        var finding = Assert.Single(PromtoolFailures.Read(run, team, SourceLocation.WholeFile("monitoring.yaml")));
        var line = File.ReadAllLines(teamFile).ToList().FindIndex(l => l.Contains("- expr:", StringComparison.Ordinal)) + 1;
        Assert.Equal(new SourceLocation(teamFile, line, 15), finding.Location);
        Assert.StartsWith("Team test 'checkout SLI counts one failed checkout in four' in monitoring.tests/checkout.yml failed:\n", finding.Fix);
        Assert.Matches(@"\n    expected: \{.*\} 5E-01\n    got:      \{.*\} 2.5E-01$", finding.Fix);
    }

    [Fact]
    public void Findings_point_at_the_key_they_are_about_or_at_its_nearest_enclosing_key()
    {
        const string Spec = """
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli: {availability: {}}
            logs:
              format: text
            incidents:
              onCall: orders-primary
            """;
        var result = SpecRun.Run(Spec);
        var env = new TestGateEnvironment(new CodeEvidence(["Checkout.dll"], WiredOtel.ToList(), new HashSet<string>(), [], null), ProjectPackages.Of([]));
        var criteria = new GateEvaluator(result.Model!, result.Rules!, result.Files, env) { RunPromtool = false }.Evaluate();

        static (int, int) At(GateCriterion c, string fix) =>
            c.Findings.Single(f => f.Fix.StartsWith(fix, StringComparison.Ordinal)) is { Location: var l } ? (l.Line, l.Column) : default;
        Assert.Equal((1, 1), At(criteria[0], "Declare metrics in monitoring.yaml: metrics.preset (aspnetcore-otel or prometheus-net)")); // no metrics: the document
        Assert.Equal((7, 11), At(criteria[0], "Declare structured logs")); // logs.format's value
        Assert.Equal((9, 3), At(criteria[3], "Write the incident response plan")); // no incidents.plan: incidents' mapping
        Assert.Equal((9, 3), At(criteria[3], "Set incidents.onCall and incidents.escalation."));
    }

    [Fact]
    public void With_the_gate_off_promtool_is_not_run_and_criterion_2_is_not_checked_in_every_report()
    {
        var result = SpecRun.Run(File.ReadAllText(Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.yaml")));
        var env = new TestGateEnvironment(new CodeEvidence(["Checkout.dll"], WiredOtel.ToList(), new HashSet<string>(), [], null), ProjectPackages.Of([]), promtoolMustNotRun: true);

        var criteria = new GateEvaluator(result.Model!, result.Rules!, result.Files, env) { RunPromtool = false }.Evaluate();

        var alerting = criteria[1];
        Assert.False(alerting.Checked);
        Assert.False(alerting.Met);
        Assert.Empty(alerting.Findings);
        Assert.Contains("promtool test rules runs when the gate is on", alerting.Evidence);
        var gate = new GateResult("orders-api", criteria);
        Assert.Contains("; not checked until the gate is on: 2. Alerting rules defined and tested (see bin/monitoring/gate.md); build with -p:MonitoringGate=true to enforce them.", gate.Headline(enforced: false, "bin/monitoring/"));
        var json = GateReport.Json(gate);
        Assert.Contains("\"checked\": false", json);
        Assert.False(GateReport.Read(json)!.Criteria[1].Checked);
        Assert.True(GateReport.Read(json)!.Criteria[0].Checked);
        Assert.Contains("| ➖ | 2. Alerting rules defined and tested |", GateReport.Markdown(gate));

        // With the gate on the same evaluation asks for promtool, and without one the criterion is checked and unmet.
        var on = new GateEvaluator(result.Model!, result.Rules!, result.Files, new TestGateEnvironment(env.Code, ProjectPackages.Of([]))).Evaluate()[1];
        Assert.True(on.Checked);
        Assert.Contains(on.Findings, f => f.Fix.StartsWith("promtool was not found", StringComparison.Ordinal));
    }
}
