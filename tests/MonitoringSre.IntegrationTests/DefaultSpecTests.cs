using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class DefaultSpecTests
{
    [Fact]
    public void Web_project_without_spec_gets_one_availability_slo_from_MonitoringSlo()
    {
        using var project = TestProject.Web(nameof(Web_project_without_spec_gets_one_availability_slo_from_MonitoringSlo), name: "ShopFrontEnd");
        project.AddPackage();

        var build = project.Build("-p:MonitoringSlo=99.5");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: shop-front-end: 1 SLO -> 6 alert rules", build.Output);
        var rules = File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/alerts/shop-front-end.rules.yml"));
        Assert.Contains("alert: ShopFrontEndAvailabilityBudgetBurn", rules);
        Assert.Contains("vector(0.005)", rules);
        var run = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/shop-front-end.rules.test.yml"));
        Assert.True(run.ExitCode == 0, run.ToString());

        var renamed = project.Build("-p:MonitoringService=storefront");
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.True(File.Exists(project.Output("bin/Debug/net10.0/monitoring/alerts/storefront.rules.yml")), renamed.Output);
    }

    [Fact]
    public void Console_project_without_spec_builds_and_says_nothing_was_generated()
    {
        using var project = TestProject.Console(nameof(Console_project_without_spec_builds_and_says_nothing_was_generated));
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: Worker: no monitoring.yaml beside the project; nothing generated.", build.Output);
        Assert.False(Directory.Exists(project.Output("bin/Debug/net10.0/monitoring")));
    }

    [Fact]
    public void Explicit_spec_file_that_does_not_exist_is_error_MON001()
    {
        using var project = TestProject.Web(nameof(Explicit_spec_file_that_does_not_exist_is_error_MON001));
        project.AddPackage();

        var build = project.Build("-p:MonitoringSpecFile=ops/slo.yaml");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error MON001: The spec file '" + Path.Combine(project.Directory, "ops/slo.yaml") + "' does not exist", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
        Assert.DoesNotContain("MSB4181", build.Output);
    }

    [Fact]
    public void Design_time_build_does_not_generate()
    {
        using var project = TestProject.Web(nameof(Design_time_build_does_not_generate)).WithContractSpec();
        project.AddPackage();

        var build = project.Dotnet("msbuild", project.ProjectFile, "-t:Build", "-v:n", "-p:DesignTimeBuild=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("MonitoringSre: orders-api", build.Output);
        Assert.False(Directory.Exists(project.Output("obj/monitoring")));
    }
}
