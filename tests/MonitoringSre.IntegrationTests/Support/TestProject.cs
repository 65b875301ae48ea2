namespace MonitoringSre.IntegrationTests.Support;

/// <summary>
/// A fresh project in its own folder with its own nuget.config and NUGET_PACKAGES, which takes MonitoringSre the way a
/// user does: `dotnet add package` from the folder feed, then `dotnet build`.
/// </summary>
public sealed class TestProject : IDisposable
{
    private readonly Dictionary<string, string?> _environment;

    private TestProject(string root, string name)
    {
        Root = root;
        Name = name;
        Directory = Path.Combine(root, name);
        _environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };
    }

    public string Root { get; }

    public string Name { get; }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    public string SpecFile => Path.Combine(Directory, "monitoring.yaml");

    public static TestProject Web(string testName, string name = "OrdersApi", string targetFrameworks = "net10.0") =>
        Create(testName, name, "Microsoft.NET.Sdk.Web", targetFrameworks,
            "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n");

    public static TestProject Console(string testName, string name = "Worker", string targetFrameworks = "net10.0") =>
        Create(testName, name, "Microsoft.NET.Sdk", targetFrameworks, "System.Console.WriteLine(\"ok\");\n");

    /// <summary>A copy of samples/&lt;name&gt; (sources, monitoring.yaml, docs, tests; not the repository wiring around it).</summary>
    public static TestProject FromSample(string testName, string name)
    {
        var project = Create(testName, name, "Microsoft.NET.Sdk", "net10.0", string.Empty);
        var source = Path.Combine(Repo.Root, "samples", name);
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(project.Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return project;
    }

    public TestProject WithSpec(string yaml)
    {
        File.WriteAllText(SpecFile, yaml);
        return this;
    }

    public TestProject WithSpecBytes(byte[] bytes)
    {
        File.WriteAllBytes(SpecFile, bytes);
        return this;
    }

    public TestProject WithContractSpec() => WithSpec(File.ReadAllText(Repo.ContractSpec));

    public TestProject WithEnvironment(string key, string? value)
    {
        _environment[key] = value;
        return this;
    }

    public ProcessResult AddPackage()
    {
        var result = Dotnet("add", ProjectFile, "package", "MonitoringSre", "--version", PackageFeed.Version);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet add package failed:\n" + result);
        }

        return result;
    }

    public ProcessResult Build(params string[] extra) => Dotnet(["build", ProjectFile, "-nologo", "-v:n", .. extra]);

    public ProcessResult Dotnet(params string[] args) => ProcessRunner.Run("dotnet", args, Directory, _environment);

    public string Output(string relative) => Path.Combine(Directory, relative);

    /// <summary>Deletes the project, its package cache and what its builds wrote (kept with MONITORINGSRE_KEEP_TEMP=1).</summary>
    public void Dispose() => TestTemp.Delete(Root);

    private static TestProject Create(string testName, string name, string sdk, string targetFrameworks, string program)
    {
        var root = Path.Combine(PackageFeed.WorkRoot, testName + "-" + Guid.NewGuid().ToString("N")[..8]);
        var project = new TestProject(root, name);
        System.IO.Directory.CreateDirectory(project.Directory);
        var tfmProperty = targetFrameworks.Contains(';', StringComparison.Ordinal) ? "TargetFrameworks" : "TargetFramework";
        File.WriteAllText(project.ProjectFile, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <{tfmProperty}>{targetFrameworks}</{tfmProperty}>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project.Directory, "Program.cs"), program);

        WriteNuGetConfig(root);
        return project;
    }

    /// <summary>
    /// A nuget.config adding the folder feed to the machine's sources, so the SDK can still fetch what it needs (e.g.
    /// targeting packs).
    /// </summary>
    public static void WriteNuGetConfig(string root) =>
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="monitoringsre-under-test" value="{PackageFeed.Folder}" />
              </packageSources>
            </configuration>
            """);
}
