using System.Globalization;
using MonitoringSre.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// Builds as CI runs them: many services at once with `dotnet build -m`, and builds cut short by a kill. Every project
/// gets its own outputs and nobody else's; a killed build leaves every file whole (as it was or as it is now) and the
/// next build puts everything right.
/// </summary>
public sealed class ParallelAndInterruptedBuildTests(ITestOutputHelper output)
{
    private const int Services = 8;

    [Fact]
    public void A_solution_of_eight_services_built_in_parallel_gives_each_its_own_outputs_and_no_one_elses()
    {
        using var folder = TestTemp.Folder("eight-services");
        var root = folder.Path;
        TestProject.WriteNuGetConfig(root);
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };
        var names = Enumerable.Range(1, Services).Select(i => "Service" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MonitoringSre" Version="{PackageFeed.Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n");
            // SLO names that say whose they are, so a file that landed in the wrong project shows it. (One or two SLOs:
            // promtool's time for the generated tests grows with the square of the SLO count.)
            File.WriteAllText(Path.Combine(dir, "monitoring.yaml"), $"service: service{i + 1}\nslos:\n"
                + string.Concat(Enumerable.Range(0, SlosOf(i + 1)).Select(s => $"  - name: slo{s}-of-service{i + 1}\n    objective: 99.{s + 1}\n    sli:\n      availability: {{}}\n")));
        }

        Assert.Equal(0, ProcessRunner.Run("dotnet", ["new", "sln", "-n", "All"], root, environment).ExitCode);
        var add = ProcessRunner.Run("dotnet", ["sln", "All.slnx", "add", .. names.Select(n => Path.Combine(n, n + ".csproj"))], root, environment);
        if (add.ExitCode != 0)
        {
            add = ProcessRunner.Run("dotnet", ["sln", "All.sln", "add", .. names.Select(n => Path.Combine(n, n + ".csproj"))], root, environment);
        }

        Assert.True(add.ExitCode == 0, add.ToString());
        var build = ProcessRunner.Run("dotnet", ["build", "-m", "-nologo", "-v:n"], root, environment, TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.ToString());

        for (var i = 1; i <= Services; i++)
        {
            var service = "service" + i.ToString(CultureInfo.InvariantCulture);
            var slos = SlosOf(i);
            Assert.Contains($"MonitoringSre: {service}: {slos} SLO{(slos == 1 ? string.Empty : "s")} -> {(slos * 5) + 1} alert rules", build.Output);
            var monitoring = Path.Combine(root, "Service" + i.ToString(CultureInfo.InvariantCulture), "bin", "Debug", "net10.0", "monitoring");
            Assert.Equal([$"{service}.alertmanager.yml", $"{service}.rules.test.yml", $"{service}.rules.yml"], Directory.GetFiles(Path.Combine(monitoring, "alerts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in Directory.GetFiles(monitoring, "*", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var others = Enumerable.Range(1, Services).Where(j => j != i).Select(j => "service" + j.ToString(CultureInfo.InvariantCulture))
                    .Where(other => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{other}\b")).ToList();
                Assert.True(others.Count == 0, $"{file} names {string.Join(", ", others)}");
            }

            var rules = File.ReadAllText(Path.Combine(monitoring, "alerts", service + ".rules.yml"));
            Assert.Equal(slos, System.Text.RegularExpressions.Regex.Matches(rules, $"- name: {service}-slo\\d+-of-{service}-alerts").Count);
            var test = ProcessRunner.Run(Support.Promtool.Path, ["test", "rules", service + ".rules.test.yml"], Path.Combine(monitoring, "alerts"));
            Assert.True(test.ExitCode == 0, test.ToString());
        }
    }

    private static int SlosOf(int service) => 1 + (service % 2);

    [Fact]
    public void A_build_killed_while_generating_leaves_whole_files_and_the_next_build_repairs_them()
    {
        // Enough SLOs that generation takes a while and writes megabytes: room for a kill to land inside it.
        string Spec(string objective) => "service: orders-api\nslos:\n"
            + string.Concat(Enumerable.Range(0, 400).Select(s => $"  - name: slo{s}\n    objective: {objective}\n    sli:\n      availability: {{}}\n"));
        using var project = TestProject.Web(nameof(A_build_killed_while_generating_leaves_whole_files_and_the_next_build_repairs_them)).WithSpec(Spec("99.9"));
        project.AddPackage();

        // The gate would run promtool on 400 SLOs' tests every build; without promtool it only notes the criterion unmet.
        const string noPromtool = "-p:MonitoringPromtoolPath=/nonexistent/promtool";
        var first = project.Build(noPromtool);
        Assert.True(first.ExitCode == 0, first.ToString());
        var folders = new[] { "obj/monitoring/out", "bin/Debug/net10.0/monitoring" };
        var before = Snapshot(project.Directory, folders);

        File.WriteAllText(project.SpecFile, Spec("99.5"));
        var afterKills = new List<Dictionary<string, byte[]>>();
        var staging = project.Output("obj/monitoring/out.staging");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(project.Root, "packages") };
        // Killed at points in the task's work (computing, then writing), and once the moment the files start to be written.
        foreach (var delay in new int?[] { 0, 300, 1000, 2000, null })
        {
            var (result, killed) = ProcessRunner.Run("dotnet", ["build", project.ProjectFile, "-nologo", "-v:d", noPromtool], project.Directory, environment,
                TimeSpan.FromMinutes(5),
                delay is null ? null : (line => line.Contains("Task \"GenerateMonitoring\"", StringComparison.Ordinal), TimeSpan.FromMilliseconds(delay.Value)),
                delay is null ? () => Directory.Exists(staging) : null);
            output.WriteLine($"killed {(delay is null ? "as the writing began" : delay + " ms into generation")}: {(killed ? "killed" : "finished first")}, "
                + $"staging folder left: {Directory.Exists(staging)}, exit {result.ExitCode}");
            afterKills.Add(Snapshot(project.Directory, folders));
        }

        var repaired = project.Build(noPromtool);
        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.False(Directory.Exists(staging), "the next build clears what a killed one staged");
        var after = Snapshot(project.Directory, folders);
        Assert.Contains("vector(0.995)", System.Text.Encoding.UTF8.GetString(after["obj/monitoring/out/alerts/orders-api.rules.yml"]), StringComparison.Ordinal);
        foreach (var relative in after.Keys.Where(k => k.StartsWith("obj/", StringComparison.Ordinal)))
        {
            Assert.Equal(after[relative], after["bin/Debug/net10.0/monitoring/" + relative["obj/monitoring/out/".Length..]]);
        }

        // After every kill, each file is whole: byte for byte the one before or the one after, never a third thing.
        foreach (var (snapshot, k) in afterKills.Select((s, k) => (s, k)))
        {
            foreach (var (relative, bytes) in snapshot)
            {
                var whole = (before.TryGetValue(relative, out var old) && old.AsSpan().SequenceEqual(bytes))
                    || (after.TryGetValue(relative, out var now) && now.AsSpan().SequenceEqual(bytes));
                Assert.True(whole, $"after kill {k + 1}, {relative} ({bytes.Length} bytes) is neither the previous output nor the repaired one");
            }
        }
    }

    /// <summary>Every file under the folders, by its path relative to the project.</summary>
    private static Dictionary<string, byte[]> Snapshot(string project, IEnumerable<string> folders)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var folder in folders.Select(f => Path.Combine(project, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(project, file).Replace('\\', '/')] = File.ReadAllBytes(file);
            }
        }

        return files;
    }
}
