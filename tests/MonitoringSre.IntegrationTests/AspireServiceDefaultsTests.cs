using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// A service as .NET teams build them today, in the repository they keep it in (<see cref="AspireRepository"/>): the
/// The getting-started guide's steps for an existing repository take the package in without overwriting the team's nuget.config or moving
/// a central pin; MonitoringInit writes a spec that matches the code; the gate passes with it, and fails, naming the call
/// and the ServiceDefaults file, when the OTLP exporter call is removed and when the method that adds it is no longer
/// called.
/// </summary>
public sealed partial class AspireServiceDefaultsTests(ITestOutputHelper output)
{
    [Fact]
    public void The_getting_started_guide_takes_the_package_into_a_service_defaults_repository_and_the_gate_follows_its_otlp_exporter()
    {
        using var repo = AspireRepository.Create(nameof(AspireServiceDefaultsTests));
        var nugetConfig = File.ReadAllText(Path.Combine(repo.Repository, "nuget.config"));
        var pins = File.ReadAllText(Path.Combine(repo.Repository, "Directory.Packages.props"));

        var steps = string.Join("\n", ReadmeSteps()).Replace("~/src/MonitoringSre/artifacts/packages/", PackageFeed.ReleaseFolder + "/", StringComparison.Ordinal)
            .Replace("~/src/catalog", repo.Repository, StringComparison.Ordinal);
        var walk = repo.Bash(steps, TimeSpan.FromMinutes(10));
        output.WriteLine(Lines(walk.Output, "MonitoringSre", "MonitoringInit", "error", "warning"));
        Assert.True(walk.ExitCode == 0, walk.ToString());

        // The team's files are kept: the clear, the mirror and its mapping, every pin as it was, plus MonitoringSre.
        var config = File.ReadAllText(Path.Combine(repo.Repository, "nuget.config"));
        foreach (var line in nugetConfig.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("<?xml", StringComparison.Ordinal)))
        {
            Assert.Contains(line, config);
        }

        Assert.Contains("<add key=\"monitoringsre\" value=\"nuget-feed\" />", config);
        Assert.Contains("<packageSource key=\"monitoringsre\"><package pattern=\"MonitoringSre\" /></packageSource>", config);
        var pinned = File.ReadAllText(Path.Combine(repo.Repository, "Directory.Packages.props"));
        foreach (var pin in PinLine().Matches(pins).Select(m => m.Value))
        {
            Assert.Contains(pin, pinned);
        }

        Assert.Contains("<PackageVersion Include=\"MonitoringSre\" Version=\"0.1.0\" />", pinned);

        // MonitoringInit read the built code, and wrote what it does.
        Assert.Contains("MonitoringInit: read the built code: metrics pushed over OTLP; logs written by opentelemetry; traces sampled parentbased_always_on (OpenTelemetry's default).", walk.Output);
        var spec = File.ReadAllText(repo.SpecFile);
        output.WriteLine(spec);
        foreach (var key in new[] { "  transport: otlp\n", "  format: otlp\n", "  provider: opentelemetry\n", "  sampler: parentbased_always_on\n", "  exporter: otlp\n", "selector: 'job=\"catalog-api\"'" })
        {
            Assert.Contains(key, spec);
        }

        Assert.DoesNotContain("ratio:", spec);
        Assert.Contains("Catalog.ServiceDefaults.dll: Microsoft.Extensions.Hosting.Extensions.AddOpenTelemetryExporters calls OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter (Extensions.cs:", spec);

        // The gate passes with that spec, its outputs under artifacts/, as the build says.
        Assert.Contains($"MonitoringSre: catalog-api: 2 SLOs -> 11 alert rules -> {repo.Output}/monitoring/alerts/", walk.Output);
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", walk.Output);
        var gate = File.ReadAllText(Path.Combine(repo.Output, "monitoring", "gate.md"));
        Assert.Contains("behind a condition in Extensions.AddOpenTelemetryExporters, a method that reads OTEL_EXPORTER_OTLP_ENDPOINT from configuration", gate);
        var rules = File.ReadAllText(Path.Combine(repo.Output, "monitoring", "alerts", "catalog-api.rules.yml"));
        Assert.Contains("absent_over_time(target_info{job=\"catalog-api\"}[2m])", rules);
        Assert.DoesNotContain("up{", rules);

        var extensions = File.ReadAllText(repo.ExtensionsFile);

        // 1. The call that adds the OTLP exporters removed: each signal's exporter is a finding in Extensions.cs, where
        // ConfigureOpenTelemetry sets OpenTelemetry up, naming the calls to make.
        File.WriteAllText(repo.ExtensionsFile, extensions.Edit("            builder.Services.AddOpenTelemetry().UseOtlpExporter();\n", string.Empty));
        var cut = Findings(repo.Dotnet("build", "-p:MonitoringGate=true"), "the exporter call removed");
        var setup = LineOf(File.ReadAllText(repo.ExtensionsFile), "        builder.Services.AddOpenTelemetry()");
        Assert.Equal(3, cut.Count);
        Assert.All(cut, f => Assert.StartsWith($"{repo.ExtensionsFile}({setup},", f));
        Assert.Contains(cut, f => f.Contains("error MON050: Exit criterion not met: Monitoring configured (metrics, logs, traces). An OTLP metric exporter is not wired: "
            + "the code in Catalog.Api.dll and Catalog.ServiceDefaults.dll never calls AddOtlpExporter or UseOtlpExporter. "
            + $"In Extensions.cs (Extensions.ConfigureOpenTelemetry, line {setup}), append to the `AddOpenTelemetry()` that Extensions.ConfigureOpenTelemetry calls: "
            + "`.WithMetrics(metrics => metrics.AddOtlpExporter())`", StringComparison.Ordinal));
        Assert.DoesNotContain(cut, f => f.Contains("dotnet add package", StringComparison.Ordinal));

        // 2. The call restored, the method that makes it no longer called: a finding at the call, naming the method.
        var uncalled = extensions.Edit("        builder.AddOpenTelemetryExporters();\n", "        // builder.AddOpenTelemetryExporters();\n");
        File.WriteAllText(repo.ExtensionsFile, uncalled);
        var dead = Findings(repo.Dotnet("build", "-p:MonitoringGate=true"), "the method that adds the exporter no longer called");
        var call = LineOf(uncalled, ".UseOtlpExporter()");
        Assert.Equal(3, dead.Count);
        Assert.All(dead, f => Assert.StartsWith($"{repo.ExtensionsFile}({call},", f));
        Assert.All(dead, f => Assert.Contains($"calls OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter (Extensions.cs:{call}), behind a condition in Extensions.AddOpenTelemetryExporters, "
            + "a method that reads OTEL_EXPORTER_OTLP_ENDPOINT from configuration, but nothing the service runs calls Extensions.AddOpenTelemetryExporters.", f));

        // 3. Both as the template has them: met again.
        File.WriteAllText(repo.ExtensionsFile, extensions);
        var again = repo.Dotnet("build", "-p:MonitoringGate=true");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", again.Output);
    }

    /// <summary>The getting-started guide's shell blocks for an existing repository.</summary>
    private static IEnumerable<string> ReadmeSteps()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "docs", "getting-started.md"));
        const string Heading = "\n## In an existing repository\n";
        var start = readme.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/getting-started.md lost its section for an existing repository");
        var rest = readme[(start + Heading.Length)..];
        var section = rest[..(Regex.Match(rest, @"^#{2,3} ", RegexOptions.Multiline) is { Success: true } next ? next.Index : rest.Length)];
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        return blocks;
    }

    /// <summary>The build's MON050 errors, each once, written to the test's output under what was broken.</summary>
    private List<string> Findings(ProcessResult build, string broken)
    {
        Assert.NotEqual(0, build.ExitCode);
        var errors = build.Output.Split('\n').Select(l => Regex.Replace(l.Trim(), @"^\d+>", string.Empty))
            .Where(l => l.Contains(": error MON", StringComparison.Ordinal)).Select(l => Regex.Replace(l, @" \[[^\]]+\.csproj\]$", string.Empty)).Distinct().ToList();
        output.WriteLine($"--- gate findings, {broken}:\n" + string.Join("\n", errors));
        Assert.All(errors, e => Assert.Contains(": error MON050:", e));
        return errors;
    }

    private static int LineOf(string source, string text) => source.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private static string Lines(string text, params string[] containing) =>
        string.Join("\n", text.Split('\n').Where(l => containing.Any(c => l.Contains(c, StringComparison.Ordinal))).Distinct());

    [GeneratedRegex(@"^```sh\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"<PackageVersion Include=""[^""]+"" Version=""[^""]+"" />")]
    private static partial Regex PinLine();
}
