using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class IncrementalBuildTests
{
    [Fact]
    public void Second_build_skips_generation_and_a_changed_spec_regenerates()
    {
        using var project = TestProject.Web(nameof(Second_build_skips_generation_and_a_changed_spec_regenerates)).WithContractSpec();
        project.AddPackage();
        Assert.Equal(0, project.Build().ExitCode);
        var rules = project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.rules.yml");
        var generated = project.Output("obj/monitoring/out/alerts/orders-api.rules.yml");
        var stampBefore = File.GetLastWriteTimeUtc(generated);

        var again = project.Build("-v:d");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Skipping target \"_MonitoringGenerate\" because all output files are up-to-date", again.Output);
        Assert.DoesNotContain("MonitoringSre: orders-api:", again.Output);
        Assert.Equal(stampBefore, File.GetLastWriteTimeUtc(generated));

        File.WriteAllText(project.SpecFile, File.ReadAllText(project.SpecFile).Edit("objective: 99.9 ", "objective: 99.95"));
        var changed = project.Build();

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("MonitoringSre: orders-api: 3 SLOs -> 16 alert rules", changed.Output);
        Assert.Contains("vector(0.0005)", File.ReadAllText(rules));
    }

    [Fact]
    public void German_culture_build_writes_the_same_bytes()
    {
        using var invariant = TestProject.Web(nameof(German_culture_build_writes_the_same_bytes) + "-c").WithContractSpec().WithEnvironment("LANG", "C.UTF-8").WithEnvironment("LC_ALL", "C.UTF-8");
        using var german = TestProject.Web(nameof(German_culture_build_writes_the_same_bytes) + "-de").WithContractSpec().WithEnvironment("LANG", "de_DE.UTF-8").WithEnvironment("LC_ALL", "de_DE.UTF-8");
        invariant.AddPackage();
        german.AddPackage();

        Assert.Equal(0, invariant.Build("-p:MonitoringKubernetes=true").ExitCode);
        var build = german.Build("-p:MonitoringKubernetes=true");
        Assert.True(build.ExitCode == 0, build.ToString());

        // .NET takes the culture from LANG with ICU's data, installed locale or not; without ICU (invariant mode) it
        // would silently stay invariant and this test would prove nothing. MSBuild dates its log in the build's
        // culture: 27.11.2026 in German, 11/27/2026 otherwise.
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(build.Output, @"Build started \d{1,2}\.\d{1,2}\.\d{4}"),
            "the build did not run under a German culture (is libicu installed?), so equal bytes would prove nothing:\n" + build);

        var folder = "bin/Debug/net10.0/monitoring";
        string[] Files(TestProject p) => Directory.GetFiles(p.Output(folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(p.Output(folder), f)).Order(StringComparer.Ordinal).ToArray();
        var files = Files(invariant);
        Assert.Equal(13, files.Length); // rules, tests, PrometheusRule, Alertmanager config and AlertmanagerConfig, four dashboards, provisioning, slo.md, gate.json, gate.md
        Assert.Equal(files, Files(german));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(invariant.Output(folder), file)), File.ReadAllBytes(Path.Combine(german.Output(folder), file)));
        }

        // Proof that the culture really was German inside the build: objective 99.9 must never be written as 99,9.
        Assert.DoesNotContain("99,9", File.ReadAllText(Path.Combine(german.Output(folder), "alerts/orders-api.rules.yml")));
        Assert.Contains("\"value\": 14.4", File.ReadAllText(Path.Combine(german.Output(folder), "dashboards/orders-api-overview.json")));
    }
}
