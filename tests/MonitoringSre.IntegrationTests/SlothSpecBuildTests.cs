using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>A team's Sloth file builds as it is, converts to monitoring.yaml, and can be imported by one.</summary>
public sealed class SlothSpecBuildTests
{
    private const string Rules = "bin/Debug/net10.0/monitoring/alerts/svc01.rules.yml";

    [Fact]
    public void Sloths_golden_input_as_monitoring_yaml_builds_and_MonitoringConvert_round_trips_it()
    {
        var project = TestProject.Web(nameof(Sloths_golden_input_as_monitoring_yaml_builds_and_MonitoringConvert_round_trips_it))
            .WithSpec(File.ReadAllText(Repo.TestData("sloth", "in-base.yaml")));
        project.AddPackage();

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: svc01: 2 SLOs -> 7 alert rules", build.Output);
        var original = File.ReadAllText(project.Output(Rules));
        var test = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/svc01.rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.ToString());

        var convert = project.Build("-t:MonitoringConvert", "-p:MonitoringPeriod=30d");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Contains("MonitoringConvert: monitoring.yaml (Sloth prometheus/v1) -> " + project.Output("monitoring.converted.yaml"), convert.Output);
        var converted = File.ReadAllText(project.Output("monitoring.converted.yaml"));
        Assert.DoesNotContain("version:", converted);
        Assert.Contains("pageAlert:", converted);

        var rebuilt = project.Build("-p:MonitoringSpecFile=monitoring.converted.yaml");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal(Body(original), Body(File.ReadAllText(project.Output(Rules))));
    }

    [Fact]
    public void A_monitoring_yaml_that_imports_a_sloth_file_takes_its_slos_and_rebuilds_when_only_that_file_changes()
    {
        var project = TestProject.Web(nameof(A_monitoring_yaml_that_imports_a_sloth_file_takes_its_slos_and_rebuilds_when_only_that_file_changes))
            .WithSpec("import: slos/svc01.sloth.yaml\nperiod: 28d\nteam: payments\nrunbooks: https://runbooks.example.com/svc01\n");
        Directory.CreateDirectory(project.Output("slos"));
        var sloth = project.Output("slos/svc01.sloth.yaml");
        File.WriteAllText(sloth, File.ReadAllText(Repo.TestData("sloth", "in-base.yaml")));
        project.AddPackage();

        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var rules = File.ReadAllText(project.Output(Rules));
        Assert.Contains("vector(28)", rules);
        Assert.Contains("team: payments", rules);
        Assert.Contains("runbook_url: https://runbooks.example.com/svc01/myServiceAlert", rules);

        // Only the imported file changes: generation must notice.
        File.WriteAllText(sloth, File.ReadAllText(sloth).Replace("objective: 99.9", "objective: 99.5", StringComparison.Ordinal));
        var again = project.Build();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("vector(0.005)", File.ReadAllText(project.Output(Rules)));

        // An error in the imported file is reported at its line there.
        File.WriteAllText(sloth, File.ReadAllText(sloth).Replace("objective: 99.5", "objective: 99.5\n    target: 1", StringComparison.Ordinal));
        var broken = project.Build();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(sloth + "(8,5): error MON060: Unknown key 'target' in slos[0] of a Sloth prometheus/v1 spec", broken.Output);
        Assert.DoesNotContain("MSB4018", broken.Output);
    }

    /// <summary>The rules without the header comment, which names the spec file.</summary>
    private static string Body(string rules) => string.Join('\n', rules.Split('\n').SkipWhile(l => l.StartsWith('#')));
}
