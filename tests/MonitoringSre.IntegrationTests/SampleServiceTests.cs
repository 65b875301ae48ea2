using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class SampleServiceTests
{
    [Fact]
    public void Sample_orders_api_builds_with_the_package_and_its_generated_tests_pass()
    {
        using var project = TestProject.FromSample(nameof(Sample_orders_api_builds_with_the_package_and_its_generated_tests_pass), "OrdersApi");
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre: orders-api: 3 SLOs -> 16 alert rules -> bin/Debug/net10.0/monitoring/alerts/", build.Output);
        var test = Promtool.TestRules(project.Output("bin/Debug/net10.0/monitoring/alerts/orders-api.rules.test.yml"));
        Assert.True(test.ExitCode == 0, test.ToString());

        var dashboards = Directory.GetFiles(project.Output("bin/Debug/net10.0/monitoring/dashboards")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(
            ["orders-api-business.json", "orders-api-deployments.json", "orders-api-infrastructure.json", "orders-api-overview.json", "provisioning.yaml"],
            dashboards);
        foreach (var json in dashboards.Where(d => d.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/dashboards/" + json)));
            Assert.Equal(42, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        }
    }
}
