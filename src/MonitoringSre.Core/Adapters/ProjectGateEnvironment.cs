using MonitoringSre.Gate;
using MonitoringSre.Generation;

namespace MonitoringSre.Adapters;

/// <summary>The gate's view of a real project: its files, its built assemblies and configuration, and promtool.</summary>
public sealed class ProjectGateEnvironment : IGateEnvironment
{
    private readonly string _projectDirectory;
    private readonly PromtoolRunner? _promtool;
    private readonly IReadOnlyList<GeneratedFile> _ruleFiles;

    public ProjectGateEnvironment(string projectFile, ProjectPackages packages, IReadOnlyList<string> assemblies,
        string? promtool, string workDirectory, IReadOnlyList<GeneratedFile> ruleFiles)
    {
        ProjectFile = projectFile;
        _projectDirectory = Path.GetDirectoryName(projectFile)!;
        Packages = packages;
        _ruleFiles = ruleFiles;
        _promtool = promtool is null ? null : new PromtoolRunner(promtool, workDirectory);
        Promtool = promtool;
        TeamTests = LoadTeamTests(_projectDirectory);
        Settings = BuiltCode.Settings(_projectDirectory);

        // Reading every method body is the gate's costliest look at the build: only when an evaluation needs it.
        _code = new Lazy<CodeEvidence>(() => BuiltCode.Read(assemblies, Settings));
    }

    private readonly Lazy<CodeEvidence> _code;

    /// <summary>appsettings*.json and nlog.config, read up front: they are part of the gate's fingerprint.</summary>
    public IReadOnlyList<ConfigSetting> Settings { get; }

    public string ProjectFile { get; }

    public ProjectPackages Packages { get; }

    public CodeEvidence Code => _code.Value;

    public IReadOnlyList<TeamTest> TeamTests { get; }

    public string? Promtool { get; }

    /// <summary>The rules and tests promtool last ran on.</summary>
    public IReadOnlyList<GeneratedFile> WorkingFiles => _promtool?.WorkingFiles ?? [];

    /// <summary>Test files that had passed on the same bytes before and were not run again.</summary>
    public int PromtoolReused => _promtool?.Reused ?? 0;

    private readonly SortedDictionary<string, bool> _probes = new(StringComparer.Ordinal);

    /// <summary>
    /// Every file beside the project the evaluation looked for (plan, runbooks) and whether it was there. The build
    /// evaluates again when one of them changes, disappears or appears.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Probes => _probes;

    public bool FileExists(string projectRelativePath)
    {
        var path = Path.GetFullPath(Path.Combine(_projectDirectory, projectRelativePath));
        var exists = File.Exists(path);
        _probes[path] = exists;
        return exists;
    }

    public string? ReadFile(string projectRelativePath) =>
        FileExists(projectRelativePath) ? File.ReadAllText(Path.Combine(_projectDirectory, projectRelativePath)) : null;

    public IReadOnlyList<PromtoolRun>? RunPromtoolTests(IReadOnlyList<(string Name, string Content)> generatedTests) =>
        _promtool?.Run(_ruleFiles, [.. generatedTests, .. TeamTests.Select(t => (t.RunName, t.Content))]);

    /// <summary>monitoring.tests/checkout.yml (or checkout.test.yml) runs as team-checkout.test.yml, as the targets name its copy.</summary>
    public static string TeamTestName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return "team-" + (stem.EndsWith(".test", StringComparison.Ordinal) ? stem[..^".test".Length] : stem) + ".test.yml";
    }

    private static IReadOnlyList<TeamTest> LoadTeamTests(string projectDirectory)
    {
        var folder = Path.Combine(projectDirectory, "monitoring.tests");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yml").Order(StringComparer.Ordinal)
                .Select(f => new TeamTest(f, "monitoring.tests/" + Path.GetFileName(f), TeamTestName(Path.GetFileName(f)), File.ReadAllText(f))).ToList()
            : [];
    }
}
