using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// Criterion 1 from what was built: a package reference proves nothing until the code calls it. A Hello World service
/// with every package fails, naming each missing call at the place it goes; each fix, pasted as the gate writes it, turns
/// its finding green; wiring that lives in a referenced library counts.
/// </summary>
public sealed partial class GateWiringTests(ITestOutputHelper output)
{
    /// <summary>The gate, with the runbooks' web view given as a build property (these projects are in no repository).</summary>
    private static readonly string[] Gate = ["-p:MonitoringGate=true", "-p:MonitoringRunbookBaseUrl=https://git.example.org/shop/checkout/blob/HEAD/docs/runbooks"];

    /// <summary>Program.cs as `dotnet new web` writes it.</summary>
    private const string HelloWorld = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n\napp.MapGet(\"/\", () => \"Hello World!\");\n\napp.Run();\n";

    private static readonly string[] OpenTelemetryPackages =
    [
        "OpenTelemetry.Extensions.Hosting", "OpenTelemetry.Instrumentation.AspNetCore", "OpenTelemetry.Exporter.OpenTelemetryProtocol",
        "OpenTelemetry.Exporter.Prometheus.AspNetCore",
    ];

    [Fact]
    public void Hello_world_with_every_package_fails_naming_each_missing_call_and_each_pasted_fix_turns_its_finding_green()
    {
        using var project = TestProject.Web(nameof(Hello_world_with_every_package_fails_naming_each_missing_call_and_each_pasted_fix_turns_its_finding_green), "CheckoutService");
        File.WriteAllText(project.Output("Program.cs"), HelloWorld);
        project.AddPackage();
        foreach (var package in OpenTelemetryPackages)
        {
            Assert.Equal(0, project.Dotnet(["add", project.ProjectFile, .. SamplePackages.Add(package)]).ExitCode);
        }

        Assert.Equal(0, project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit").ExitCode);

        var build = project.Build(Gate);
        Assert.NotEqual(0, build.ExitCode);
        var findings = Findings(build.Output);
        output.WriteLine(string.Join("\n", findings.Select(f => f.Line)));
        Assert.Equal(
            ["AddAspNetCoreInstrumentation", "AddPrometheusExporter", "AddJsonConsole", "ConsoleFormatterOptions.IncludeScopes", "AddAspNetCoreInstrumentation", "ParentBasedSampler", "AddOtlpExporter"],
            findings.Select(f => f.FirstCall));
        var buildLine = 2; // var app = builder.Build();
        Assert.All(findings, f => Assert.StartsWith($"{project.Output("Program.cs")}({buildLine},", f.Line));

        // Paste each fix as written, one at a time: that finding goes and no other that was met comes back, until the gate
        // passes. (Once the Prometheus exporter is there, its scrape endpoint becomes a finding of its own; once the code
        // calls AddOpenTelemetry(), OpenTelemetry fixes are appended to that call instead of adding another.)
        var seen = findings.Select(f => f.What).ToHashSet();
        for (var round = 0; findings.Count > 0; round++)
        {
            Assert.True(round < 10, "the fixes do not converge");
            var fix = findings[0];
            Paste(project.Output("Program.cs"), fix);
            build = project.Build(Gate);
            Assert.DoesNotContain("error CS", build.Output); // every pasted fix compiled
            var before = findings.Select(f => f.What).ToList();
            findings = Findings(build.Output);
            output.WriteLine($"pasted `{fix.Code}`: {findings.Count} findings left");
            Assert.DoesNotContain(findings, f => f.What == fix.What);
            Assert.All(findings, f => Assert.True(before.Contains(f.What) || !seen.Contains(f.What), "a finding came back: " + f.Line));
            seen.UnionWith(findings.Select(f => f.What));
        }

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", build.Output);
        output.WriteLine(File.ReadAllText(project.Output("Program.cs")));
    }

    [Fact]
    public void Wiring_in_a_referenced_service_defaults_library_counts()
    {
        using var project = TestProject.Web(nameof(Wiring_in_a_referenced_service_defaults_library_counts), "CheckoutService");
        var library = Path.Combine(project.Root, "ServiceDefaults");
        Directory.CreateDirectory(library);
        File.WriteAllText(Path.Combine(library, "ServiceDefaults.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.20.1" />
                <PackageReference Include="OpenTelemetry.Instrumentation.AspNetCore" Version="1.20.2" />
                <PackageReference Include="OpenTelemetry.Exporter.OpenTelemetryProtocol" Version="1.20.1" />
                <PackageReference Include="OpenTelemetry.Exporter.Prometheus.AspNetCore" Version="1.20.1-beta.1" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "Extensions.cs"), """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Logging;
            using OpenTelemetry.Metrics;
            using OpenTelemetry.Trace;

            namespace ServiceDefaults;

            /// <summary>What a team's shared "service defaults" project does for every service.</summary>
            public static class Extensions
            {
                public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
                {
                    builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
                    builder.Services.AddOpenTelemetry()
                        .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter())
                        .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()
                            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.1)))
                            .AddOtlpExporter());
                    return builder;
                }

                public static WebApplication MapDefaultEndpoints(this WebApplication app)
                {
                    app.MapPrometheusScrapingEndpoint();
                    return app;
                }
            }
            """);
        File.WriteAllText(project.Output("Program.cs"),
            "using ServiceDefaults;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.AddServiceDefaults();\nvar app = builder.Build();\napp.MapDefaultEndpoints();\napp.MapGet(\"/\", () => \"Hello World!\");\napp.Run();\n");
        Assert.Equal(0, project.Dotnet("add", project.ProjectFile, "reference", Path.Combine(library, "ServiceDefaults.csproj")).ExitCode);
        project.AddPackage();
        Assert.Equal(0, project.Dotnet("build", project.ProjectFile, "-t:MonitoringInit").ExitCode);

        var build = project.Build(Gate);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", build.Output);
        var gate = File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/gate.md"));
        Assert.Contains("ServiceDefaults.dll: ServiceDefaults.Extensions.MapDefaultEndpoints calls PrometheusExporterEndpointRouteBuilderExtensions.MapPrometheusScrapingEndpoint (Extensions.cs:", gate);
        Assert.Contains("ServiceDefaults.dll: ServiceDefaults.Extensions.AddServiceDefaults calls ConsoleLoggerExtensions.AddJsonConsole", gate);
    }

    /// <param name="ChainLine">For a fix appended to the service's AddOpenTelemetry(): the line of that call; 0 for a statement to paste.</param>
    private sealed record Finding(string Line, string What, string FirstCall, string? Using, string Code, bool AfterBuild, int ChainLine);

    /// <summary>The MON050 errors of a build, each with what it wants and the fix it gives, parsed from the message.</summary>
    private static List<Finding> Findings(string buildOutput) =>
        buildOutput.Split('\n').Select(l => Regex.Replace(l.Trim(), @"^\d+>", string.Empty)).Where(l => l.Contains("error MON050:", StringComparison.Ordinal)).Distinct()
            .Select(l =>
            {
                var m = FixPattern().Match(l);
                Assert.True(m.Success, "a MON050 without a fix to paste: " + l);
                return new Finding(l, m.Groups["what"].Value, m.Groups["first"].Value, m.Groups["using"].Success ? m.Groups["using"].Value : null, m.Groups["code"].Value,
                    m.Groups["after"].Success, m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
            }).ToList();

    /// <summary>
    /// Pastes a fix where it says: the using directive at the top, and the statement before or after builder.Build(), or
    /// the call right after the AddOpenTelemetry() on the line the finding names.
    /// </summary>
    private static void Paste(string program, Finding fix)
    {
        var lines = File.ReadAllLines(program).ToList();
        if (fix.ChainLine > 0)
        {
            var at = lines[fix.ChainLine - 1].IndexOf("AddOpenTelemetry()", StringComparison.Ordinal);
            Assert.True(at >= 0, $"line {fix.ChainLine} has no AddOpenTelemetry(): {lines[fix.ChainLine - 1]}");
            lines[fix.ChainLine - 1] = lines[fix.ChainLine - 1].Insert(at + "AddOpenTelemetry()".Length, fix.Code);
        }
        else
        {
            var build = lines.FindIndex(l => l.Contains("builder.Build()", StringComparison.Ordinal));
            lines.Insert(fix.AfterBuild ? build + 1 : build, fix.Code);
        }

        if (fix.Using is not null && !lines.Contains($"using {fix.Using};"))
        {
            lines.Insert(0, $"using {fix.Using};");
        }

        File.WriteAllLines(program, lines);
    }

    [GeneratedRegex(@"Monitoring configured \(metrics, logs, traces\)\. (?<what>.+?) is not wired: .+? never (?:calls|sets|creates an?) (?<first>[^ .]+(?:\.[A-Za-z]+)?)[ .].*?In Program\.cs(?:, (?:add `using (?<using>[^;`]+);` at the top of Program\.cs and, )?(?:before `builder\.Build\(\)`|(?<after>after `var app = builder\.Build\(\);`)): `(?<code>[^`]+)`| \([^,]+, line (?<line>\d+)\), append to the `AddOpenTelemetry\(\)` that [^ ]+ calls: `(?<code>[^`]+)`(?: \(with `using (?<using>[^;`]+);` in that file\))?)")]
    private static partial Regex FixPattern();
}
