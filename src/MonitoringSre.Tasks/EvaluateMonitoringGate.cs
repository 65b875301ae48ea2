using Microsoft.Build.Framework;
using MonitoringSre.Adapters;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// The monitoring gate, after compilation: evaluates the five exit criteria against the spec, the generated files and
/// the built assemblies, and writes what it found into the gate folder under obj/: gate.json and gate.md, the line the
/// build prints (gate.message) and, when there are findings to report, gate.report, both of which the targets read
/// without loading a task, and the files it looked at (gate.reads) or looked for and did not find (gate.absent), which
/// the targets use as the evaluation's inputs. It reports nothing itself: the targets print the line and run
/// <see cref="ReportMonitoringGate"/> for the findings, the same way whether or not this ran.
/// </summary>
public sealed class EvaluateMonitoringGate : SpecTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The .csproj, where a missing package reference belongs.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>The package of every resolved reference (%(ReferencePath.NuGetPackageId)): what the service gets through its project references too.</summary>
    public ITaskItem[] ResolvedPackages { get; set; } = [];

    /// <summary>$(ManagePackageVersionsCentrally): then a missing package is added without moving any pin.</summary>
    public bool ManagePackageVersionsCentrally { get; set; }

    /// <summary>@(PackageVersion): the pins of Directory.Packages.props, with their Version metadata.</summary>
    public ITaskItem[] CentralPackageVersions { get; set; } = [];

    /// <summary>The built assembly and those of its project references: where the wiring calls are looked for.</summary>
    public ITaskItem[] Assemblies { get; set; } = [];

    /// <summary>obj/monitoring/out: what generation wrote.</summary>
    [Required]
    public string GeneratedDirectory { get; set; } = string.Empty;

    /// <summary>Under obj/: gate.json, gate.md, gate.message, gate.report, gate.reads, gate.absent and promtool's working copies.</summary>
    [Required]
    public string GateDirectory { get; set; } = string.Empty;

    /// <summary>$(MonitoringGate): unmet criteria fail the build, and only then are the promtool tests run.</summary>
    public bool Enforce { get; set; }

    /// <summary>Where the build puts gate.md, as its output names it (bin/Debug/net10.0/monitoring/), for the printed line.</summary>
    public string DisplayPath { get; set; } = string.Empty;

    /// <summary>$(MonitoringRequirePromtool): false turns "promtool not found" into a warning.</summary>
    public bool RequirePromtool { get; set; } = true;

    public string? PromtoolPath { get; set; }

    protected override bool Run()
    {
        var source = ResolveSpec(out _);
        if (source is null)
        {
            // With the gate on, "there is no spec" is the finding ReportMonitoringGate reports.
            OutputWriter.Sync(GateDirectory, Enforce ? [ReportMarker] : []);
            return !Log.HasLoggedErrors;
        }

        var pipeline = MonitoringPipeline.Bind(source.File, source.Content, Links(ProjectDirectory), Import());
        if (!pipeline.Succeeded)
        {
            // Generation has reported the spec's errors already, and has failed the build.
            OutputWriter.Sync(GateDirectory, []);
            return true;
        }

        var generated = ReadGenerated();
        var assemblies = Assemblies.Select(a => a.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal).ToList();
        var promtool = Enforce ? PromtoolRunner.Find(PromtoolPath) : null;
        var env = new ProjectGateEnvironment(ProjectFile, Packages(),
            assemblies, promtool, Path.Combine(GateDirectory, "promtool"), generated.Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)).ToList());
        var criteria = new GateEvaluator(pipeline.Model!, pipeline.Rules!, generated, env) { RequirePromtool = RequirePromtool, RunPromtool = Enforce }.Evaluate();

        // gate.json names files relative to the project, so the same project writes the same bytes wherever it is.
        var result = new GateResult(pipeline.Model!.Service, criteria.Select(c => c with { Findings = c.Findings.Select(f => f with { Location = f.Location with { File = Relative(f.Location.File) } }).ToList() }).ToList());

        var reads = env.Probes.Where(p => p.Value).Select(p => p.Key).ToList();
        var absent = env.Probes.Where(p => !p.Value).Select(p => p.Key).ToList();
        if (Enforce)
        {
            if (promtool is not null)
            {
                reads.Add(promtool);
            }
            else
            {
                absent.AddRange(PromtoolRunner.Candidates(PromtoolPath));
            }
        }

        OutputWriter.Sync(GateDirectory,
        [
            .. GateReport.Write(result),
            new GeneratedFile("gate.message", result.Headline(Enforce, DisplayPath)),
            .. result.HasFindingsToReport(Enforce) ? [ReportMarker] : Array.Empty<GeneratedFile>(),
            new GeneratedFile("gate.reads", Lines(reads)),
            new GeneratedFile("gate.absent", Lines(absent)),
            .. env.WorkingFiles.Select(f => f.MovedTo("promtool/" + f.RelativePath)),
        ]);
        Log.LogMessage(MessageImportance.Normal, Enforce
            ? $"MonitoringSre gate: evaluated; promtool test rules on {env.WorkingFiles.Count(f => f.RelativePath.EndsWith(".test.yml", StringComparison.Ordinal))} file(s), {env.PromtoolReused} of them unchanged since they passed."
            : "MonitoringSre gate: evaluated; promtool not run (the gate is off).");
        return !Log.HasLoggedErrors;
    }

    private ProjectPackages Packages()
    {
        static string[] Ids(IEnumerable<ITaskItem> items) =>
            items.Select(p => p.ItemSpec).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        var central = ManagePackageVersionsCentrally
            ? CentralPackageVersions.GroupBy(v => v.ItemSpec, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().GetMetadata("Version"), StringComparer.OrdinalIgnoreCase)
            : null;
        return new ProjectPackages(Ids(PackageReferences), Ids(ResolvedPackages), central);
    }

    /// <summary>Its presence tells the targets to run ReportMonitoringGate.</summary>
    private static readonly GeneratedFile ReportMarker = new("gate.report", "findings to report\n");

    private static string Lines(IEnumerable<string> paths) => string.Concat(paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(p => p + "\n"));

    private string Relative(string file) =>
        Path.IsPathRooted(file) ? Path.GetRelativePath(ProjectDirectory, file).Replace('\\', '/') : file;

    private List<GeneratedFile> ReadGenerated()
    {
        if (!Directory.Exists(GeneratedDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(GeneratedDirectory, "*", SearchOption.AllDirectories)
            .Select(f => new GeneratedFile(Path.GetRelativePath(GeneratedDirectory, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }
}
