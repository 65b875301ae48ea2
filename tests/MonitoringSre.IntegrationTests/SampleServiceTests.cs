using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class SampleServiceTests
{
    [Fact]
    public void Sample_orders_api_builds_with_the_package_and_its_generated_tests_pass()
    {
        var project = TestProject.FromSample(nameof(Sample_orders_api_builds_with_the_package_and_its_generated_tests_pass), "OrdersApi");
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: orders-api: 3 SLOs -> 16 alert rules -> bin/Debug/net10.0/monitoring/alerts/", build.Output);
        var test = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.ToString());
    }
}
