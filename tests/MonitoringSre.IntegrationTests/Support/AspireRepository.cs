using System.Text.RegularExpressions;

namespace MonitoringSre.IntegrationTests.Support;

/// <summary>
/// A service repository laid out the way .NET teams lay them out today: a ServiceDefaults project from Aspire's template
/// (tests/TestData/aspire-servicedefaults) and an HTTP API referencing it, under central package management (with
/// transitive pinning), TreatWarningsAsErrors and UseArtifactsOutput, and a nuget.config that clears every source and
/// maps every package to the company's mirror. The mirror is a local folder (the one kind of source a nuget.config here
/// may name), filled once per run from the machine's own source with what the ServiceDefaults project needs.
/// </summary>
public sealed partial class AspireRepository : IDisposable
{
    private static readonly Lazy<string> Mirror = new(FillMirror, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Program.cs of the API, as its team has it: service defaults, an endpoint with logging, one that answers any status.</summary>
    public const string Program = """
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();

        var app = builder.Build();

        app.UseExceptionHandler();
        app.MapDefaultEndpoints();

        app.MapGet("/api/items/{id:int}", (int id, ILogger<Program> logger) =>
        {
            logger.LogInformation("Item {ItemId} requested", id);
            return Results.Ok(new { id, name = "item " + id });
        });

        // Any status on demand, so a test (or a team trying its alerts) can make the service fail.
        app.MapGet("/api/status/{code:int}", (int code, ILogger<Program> logger) =>
        {
            logger.LogInformation("Answering {StatusCode}", code);
            return Results.StatusCode(code);
        });

        app.Run();
        """;

    private AspireRepository(string root)
    {
        Root = root;
        Repository = Path.Combine(root, "catalog");
        Environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages"),
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
        };
    }

    /// <summary>The test's folder; the repository is <see cref="Repository"/> inside it.</summary>
    public string Root { get; }

    /// <summary>Deletes the repository and its package cache (kept with MONITORINGSRE_KEEP_TEMP=1).</summary>
    public void Dispose() => TestTemp.Delete(Root);

    public string Repository { get; }

    public string Service => Path.Combine(Repository, "src", "Catalog.Api");

    public string ProgramFile => Path.Combine(Service, "Program.cs");

    public string ExtensionsFile => Path.Combine(Repository, "src", "Catalog.ServiceDefaults", "Extensions.cs");

    public string SpecFile => Path.Combine(Service, "monitoring.yaml");

    /// <summary>Where UseArtifactsOutput puts the API's build output, monitoring/ included.</summary>
    public string Output => Path.Combine(Repository, "artifacts", "bin", "Catalog.Api", "debug");

    /// <summary>Its own package cache, and git's identity for commits.</summary>
    public Dictionary<string, string?> Environment { get; }

    public static AspireRepository Create(string testName)
    {
        var repo = new AspireRepository(Path.Combine(PackageFeed.WorkRoot, testName + "-" + Guid.NewGuid().ToString("N")[..8]));
        var mirror = Mirror.Value;
        repo.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="company-mirror" value="{mirror}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="company-mirror">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        repo.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <UseArtifactsOutput>true</UseArtifactsOutput>
              </PropertyGroup>
            </Project>
            """);
        repo.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
              </PropertyGroup>
              <ItemGroup>
            {string.Join("\n", AspireServiceDefaults.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"    <PackageVersion Include=\"{p.Key}\" Version=\"{p.Value.Version}\" />"))}
              </ItemGroup>
            </Project>
            """);
        repo.Write(".gitignore", "bin/\nobj/\nartifacts/\n*.nupkg\n");

        // The template's project, named as `dotnet new aspire-servicedefaults -n Catalog.ServiceDefaults` names it, its
        // versions moved to Directory.Packages.props as central package management requires (NU1008 otherwise).
        repo.Write("src/Catalog.ServiceDefaults/Catalog.ServiceDefaults.csproj", VersionAttribute().Replace(AspireServiceDefaults.Project(), string.Empty));
        repo.Write("src/Catalog.ServiceDefaults/Extensions.cs", AspireServiceDefaults.Extensions);
        repo.Write("src/Catalog.Api/Catalog.Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="..\Catalog.ServiceDefaults\Catalog.ServiceDefaults.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Catalog.Api/Program.cs", Program);
        repo.Write("src/Catalog.Api/appsettings.json", """
            {
              "Logging": {
                "LogLevel": {
                  "Default": "Information",
                  "Microsoft.AspNetCore": "Warning"
                }
              },
              "AllowedHosts": "*"
            }
            """);
        foreach (var git in new[] { new[] { "init", "-q" }, ["remote", "add", "origin", "https://github.com/your-org/catalog.git"], ["add", "-A"], ["commit", "-qm", "Catalog service"] })
        {
            var result = ProcessRunner.Run("git", git, repo.Repository, repo.Environment);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        return repo;
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Repository, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
    }

    /// <summary>`dotnet` in the API's folder, with the repository's own package cache.</summary>
    public ProcessResult Dotnet(params string[] args) => ProcessRunner.Run("dotnet", args, Service, Environment);

    public ProcessResult Bash(string script, TimeSpan timeout) => ProcessRunner.Run("bash", ["-c", "set -euo pipefail\n" + script], Root, Environment, timeout);

    /// <summary>
    /// The mirror: every package the ServiceDefaults project restores, as the machine's own source serves them, in a
    /// folder laid out as NuGet's global packages folder, which NuGet also reads as a local feed.
    /// </summary>
    private static string FillMirror()
    {
        var mirror = Path.Combine(PackageFeed.WorkRoot, "company-mirror");
        var work = Path.Combine(PackageFeed.WorkRoot, "company-mirror-fill");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "Fill.csproj"), AspireServiceDefaults.Project());
        var restore = ProcessRunner.Run("dotnet", ["restore", "Fill.csproj"], work, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = mirror });
        Assert.True(restore.ExitCode == 0, "could not fill the mirror:\n" + restore);
        return mirror;
    }

    [GeneratedRegex(@" Version=""[^""]*""")]
    private static partial Regex VersionAttribute();
}
