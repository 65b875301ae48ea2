using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class InitAndIncidentTests
{
    private static readonly string[] ScaffoldedFiles =
    [
        "monitoring.yaml", "monitoring.schema.json", "docs/incident-response.md", "docs/runbooks/OrdersApiAvailabilityBudgetBurn.md", "docs/runbooks/OrdersApiAvailabilitySliAbsent.md",
        "docs/runbooks/OrdersApiLatencyBudgetBurn.md", "docs/runbooks/OrdersApiLatencySliAbsent.md", "docs/runbooks/OrdersApiDown.md",
    ];

    [Fact]
    public void Init_scaffolds_a_working_spec_plan_and_runbooks_and_never_overwrites()
    {
        using var project = TestProject.Web(nameof(Init_scaffolds_a_working_spec_plan_and_runbooks_and_never_overwrites));
        project.AddPackage();

        var init = project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit");

        Assert.True(init.ExitCode == 0, init.ToString());
        foreach (var file in ScaffoldedFiles)
        {
            Assert.Contains("MonitoringInit: created " + file, init.Output);
            Assert.True(File.Exists(project.Output(file)), file);
        }

        Assert.Contains("MonitoringInit: 8 created, 0 left as they were.", init.Output);
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: orders-api: 2 SLOs -> 11 alert rules", build.Output);
        Assert.DoesNotMatch(@"warning MON0(?!44)", build.Output); // MON044: this project is in no repository, so runbook links stay relative

        // The team edits what was scaffolded; a second run must leave every byte alone, but bring the package's copy of
        // the schema (here: an older package's) up to date.
        File.AppendAllText(project.Output("docs/incident-response.md"), "\nOur own notes.\n");
        var schema = File.ReadAllText(project.Output("monitoring.schema.json"));
        File.WriteAllText(project.Output("monitoring.schema.json"), schema.Edit("\"title\": \"MonitoringSre monitoring.yaml\"", "\"$comment\": \"older\", \"title\": \"MonitoringSre monitoring.yaml\""));
        var before = ScaffoldedFiles.ToDictionary(f => f, f => File.ReadAllBytes(project.Output(f)));
        var again = project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("MonitoringInit: updated monitoring.schema.json (the package's copy)", again.Output);
        Assert.Contains("MonitoringInit: 0 created, 1 updated, 7 left as they were.", again.Output);
        Assert.Equal(schema, File.ReadAllText(project.Output("monitoring.schema.json")));
        Assert.All(ScaffoldedFiles.Where(f => f != "monitoring.schema.json"), f => Assert.Equal(before[f], File.ReadAllBytes(project.Output(f))));
        before["monitoring.schema.json"] = File.ReadAllBytes(project.Output("monitoring.schema.json"));

        // A new SLO gets its runbooks and nothing else changes.
        var spec = File.ReadAllText(project.SpecFile);
        var policy = spec.IndexOf("# What the team does", StringComparison.Ordinal);
        File.WriteAllText(project.SpecFile, spec.Insert(policy, "- name: checkout\n  objective: 99.5\n  sli:\n    availability: {}\n"));
        var third = project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("MonitoringInit: 2 created, 8 left as they were.", third.Output);
        Assert.True(File.Exists(project.Output("docs/runbooks/OrdersApiCheckoutBudgetBurn.md")));
        Assert.True(File.Exists(project.Output("docs/runbooks/OrdersApiCheckoutSliAbsent.md")));
        Assert.All(ScaffoldedFiles.Skip(1), f => Assert.Equal(before[f], File.ReadAllBytes(project.Output(f))));
    }

    [Fact]
    public void Incident_reports_are_written_never_overwritten_and_reject_bad_input()
    {
        using var project = TestProject.Web(nameof(Incident_reports_are_written_never_overwritten_and_reject_bad_input)).WithContractSpec();
        project.AddPackage();
        ProcessResult Incident(params string[] props) =>
            project.Dotnet(["build", project.ProjectFile, "-t:MonitoringIncident", "-p:MonitoringIncidentDetectedAt=2026-11-27T14:05:00Z", .. props]);

        var first = Incident("-p:MonitoringIncidentTitle=API latency spike", "-p:MonitoringIncidentSeverity=P1");
        Assert.True(first.ExitCode == 0, first.ToString());
        var report = project.Output("docs/incidents/2026-11-27-api-latency-spike.md");
        Assert.Contains("MonitoringIncident: created docs/incidents/2026-11-27-api-latency-spike.md (P1: API latency spike)", first.Output);
        var text = File.ReadAllText(report);
        Assert.StartsWith("# INC-2026-11-27-api-latency-spike: API latency spike\n", text);
        Assert.Contains("| Severity | P1: Major feature broken for many users. |", text);
        Assert.Contains("| Status | Open |", text);
        Assert.Contains("| Team | payments |", text);

        var second = Incident("-p:MonitoringIncidentTitle=API latency spike", "-p:MonitoringIncidentSeverity=P1");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(project.Output("docs/incidents/2026-11-27-api-latency-spike-2.md")));
        Assert.Equal(text, File.ReadAllText(report));

        var badSeverity = Incident("-p:MonitoringIncidentTitle=x", "-p:MonitoringIncidentSeverity=P5");
        Assert.NotEqual(0, badSeverity.ExitCode);
        Assert.Contains("error MON040: Severity 'P5' is not one of P0, P1, P2, P3", badSeverity.Output);
        var noTitle = Incident("-p:MonitoringIncidentSeverity=P2");
        Assert.NotEqual(0, noTitle.ExitCode);
        Assert.Contains("error MON041: No incident title was given", noTitle.Output);

        foreach (var (title, expected) in new[]
        {
            ("../../x", "2026-11-27-x.md"),
            ("It's a %22quoted%22 title", "2026-11-27-it-s-a-quoted-title.md"),
            ("Ünïcödé café outage", "2026-11-27-unicode-cafe-outage.md"),
            (new string('w', 300), "2026-11-27-" + new string('w', 60) + ".md"),
        })
        {
            var hostile = Incident("-p:MonitoringIncidentTitle=" + title, "-p:MonitoringIncidentSeverity=P3");
            Assert.True(hostile.ExitCode == 0, hostile.ToString());
            Assert.True(File.Exists(project.Output("docs/incidents/" + expected)), expected + "\n" + hostile.Output);
        }

        Assert.Equal(6, Directory.GetFiles(project.Output("docs/incidents")).Length); // two of the same title, four hostile ones
        Assert.Empty(Directory.GetFiles(project.Root, "*x*.md", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.GetFiles(project.Directory, "*x*.md", SearchOption.TopDirectoryOnly));
        Assert.DoesNotContain(Directory.GetFiles(project.Output("docs"), "*.md", SearchOption.TopDirectoryOnly), f => !f.EndsWith("incident-response.md", StringComparison.Ordinal));

        var moved = Incident("-p:MonitoringIncidentTitle=Moved", "-p:MonitoringIncidentSeverity=P2", "-p:MonitoringIncidentOutput=ops/postmortems");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.True(File.Exists(project.Output("ops/postmortems/2026-11-27-moved.md")));
        Assert.DoesNotContain("MON047", moved.Output);

        // The names of earlier versions still work, and say which name to use.
        var legacy = project.Dotnet(["build", project.ProjectFile, "-t:MonitoringIncident", "-p:Incident=Old names", "-p:Severity=P3", "-p:IncidentOutput=ops/postmortems", "-p:IncidentDetectedAt=2026-11-27T14:05:00Z"]);
        Assert.True(legacy.ExitCode == 0, legacy.ToString());
        Assert.True(File.Exists(project.Output("ops/postmortems/2026-11-27-old-names.md")), legacy.Output);
        Assert.Contains(project.ProjectFile + " : warning MON047: The property 'Incident' is deprecated. Use MonitoringIncidentTitle", legacy.Output);
        Assert.Contains("warning MON047: The property 'Severity' is deprecated. Use MonitoringIncidentSeverity", legacy.Output);
        Assert.Contains("warning MON047: The property 'IncidentOutput' is deprecated. Use MonitoringIncidentOutput", legacy.Output);
        Assert.Contains("warning MON047: The property 'IncidentDetectedAt' is deprecated. Use MonitoringIncidentDetectedAt", legacy.Output);
    }
}
