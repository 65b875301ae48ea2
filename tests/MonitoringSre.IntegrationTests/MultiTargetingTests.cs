using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class MultiTargetingTests
{
    [Fact]
    public void Multi_targeted_project_generates_once_and_every_target_framework_gets_the_files()
    {
        using var project = TestProject.Console(nameof(Multi_targeted_project_generates_once_and_every_target_framework_gets_the_files), targetFrameworks: "net8.0;net10.0").WithContractSpec();
        project.AddPackage();

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Single(Regex.Matches(build.Output, "MonitoringSre: orders-api: 3 SLOs -> 16 alert rules"));
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            Assert.True(File.Exists(project.Output($"bin/Debug/{tfm}/monitoring/alerts/orders-api.rules.yml")), build.Output);
            Assert.True(File.Exists(project.Output($"bin/Debug/{tfm}/monitoring/alerts/orders-api.rules.test.yml")), build.Output);
        }
    }
}
