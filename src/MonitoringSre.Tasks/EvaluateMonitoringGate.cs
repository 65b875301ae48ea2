using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// The monitoring gate: evaluates the five exit criteria after generation and writes gate.json and gate.md. When every
/// input (spec, package references, generated files, plan, runbooks, user tests, promtool) is as last time, the previous
/// result is reused and promtool is not run again; the outcome is reported every build either way.
/// </summary>
public sealed class EvaluateMonitoringGate : SpecTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>obj/monitoring/out: what generation wrote.</summary>
    [Required]
    public string GeneratedDirectory { get; set; } = string.Empty;

    /// <summary>obj/monitoring/gate: gate.json, gate.md and promtool's working copies.</summary>
    [Required]
    public string GateDirectory { get; set; } = string.Empty;

    /// <summary>$(MonitoringGate): unmet criteria are errors.</summary>
    public bool Enforce { get; set; }

    /// <summary>$(MonitoringRequirePromtool): false turns "promtool not found" into a warning.</summary>
    public bool RequirePromtool { get; set; } = true;

    public string? PromtoolPath { get; set; }

    public string? DisplayPath { get; set; }

    public override bool Execute()
    {
        try
        {
            var source = ResolveSpec(out var absent);
            if (source is null)
            {
                if (absent && Enforce)
                {
                    Log.Report(Diagnostic.Create(DiagnosticCatalog.GateNoSpec, SourceLocation.WholeFile(Path.Combine(ProjectDirectory, ProjectName + ".csproj")), Path.GetFileName(SpecFile)));
                }

                return !Log.HasLoggedErrors;
            }

            var pipeline = MonitoringPipeline.Bind(source.File, source.Content);
            if (!pipeline.Succeeded)
            {
                return true; // generation has reported the spec's errors already
            }

            var generated = ReadGenerated();
            var env = new ProjectGateEnvironment(ProjectDirectory, PackageReferences.Select(p => p.ItemSpec).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray(),
                Path.Combine(GateDirectory, "promtool"), FindPromtool(), generated.Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)).ToList());
            var fingerprint = Fingerprint(source, env, generated, pipeline);
            var jsonPath = Path.Combine(GateDirectory, "gate.json");
            var previous = File.Exists(jsonPath) ? GateReport.Read(File.ReadAllText(jsonPath)) : null;
            GateResult result;
            if (previous is not null && previous.Fingerprint == fingerprint)
            {
                result = previous;
                Log.LogMessage(MessageImportance.Normal, "MonitoringSre gate: inputs unchanged since the last evaluation; promtool not run again.");
            }
            else
            {
                var criteria = new GateEvaluator(pipeline.Model!, pipeline.Rules!, generated, pipeline.Spec, env) { RequirePromtool = RequirePromtool }.Evaluate();

                // gate.json names files relative to the project, so the same project writes the same bytes wherever it is.
                result = new GateResult(pipeline.Model!.Service, criteria.Select(c => c with { Location = c.Location with { File = Relative(c.Location.File) } }).ToList(), fingerprint);
                OutputWriter.Sync(GateDirectory, [.. GateReport.Write(result), .. env.WorkingFiles]);
            }

            Report(result);
            return !Log.HasLoggedErrors;
        }
        catch (Exception e)
        {
            return Log.Internal(SpecFile, e);
        }
    }

    private string Relative(string file) =>
        Path.IsPathRooted(file) ? Path.GetRelativePath(ProjectDirectory, file).Replace('\\', '/') : file;

    private void Report(GateResult result)
    {
        result = result with { Criteria = result.Criteria.Select(c => c with { Location = c.Location with { File = Path.GetFullPath(c.Location.File, ProjectDirectory) } }).ToList() };
        var where = (DisplayPath ?? GateDirectory).Replace('\\', '/').TrimEnd('/') + "/gate.md";
        foreach (var c in result.Criteria.Where(c => !c.Met))
        {
            if (c.WarningOnly)
            {
                Log.LogWarning(null, c.Code, null, null, c.Location.File, c.Location.Line, c.Location.Column, 0, 0, $"Exit criterion not met: {c.Title}. {c.Fix}");
            }
            else if (Enforce)
            {
                Log.Report(Diagnostic.Create(GateReport.DescriptorFor(c), c.Location, c.Title, c.Fix));
            }
        }

        if (result.Met == result.Total)
        {
            Log.LogMessage(MessageImportance.High, $"MonitoringSre gate: {result.Met}/{result.Total} exit criteria met");
        }
        else if (!Enforce)
        {
            Log.LogMessage(MessageImportance.High,
                $"MonitoringSre gate: {result.Met}/{result.Total} exit criteria met (see {where}); build with -p:MonitoringGate=true to enforce them.");
        }
    }

    private List<GeneratedFile> ReadGenerated()
    {
        if (!Directory.Exists(GeneratedDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(GeneratedDirectory, "*", SearchOption.AllDirectories)
            .Select(f => new GeneratedFile(Path.GetRelativePath(GeneratedDirectory, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    private string? FindPromtool()
    {
        if (!string.IsNullOrWhiteSpace(PromtoolPath))
        {
            return File.Exists(PromtoolPath) ? Path.GetFullPath(PromtoolPath) : null;
        }

        var name = OperatingSystem.IsWindows() ? "promtool.exe" : "promtool";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private string Fingerprint(SpecSource source, ProjectGateEnvironment env, List<GeneratedFile> generated, PipelineResult pipeline)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => sha.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        sha.AppendData(source.Content);
        Add(string.Join(";", env.PackageReferences));
        Add(env.Promtool ?? "-");
        Add(RequirePromtool.ToString());
        foreach (var f in generated)
        {
            Add(f.RelativePath);
            Add(f.Content);
        }

        foreach (var (name, content) in env.UserTests)
        {
            Add(name);
            Add(content);
        }

        var model = pipeline.Model!;
        Add(env.ReadFile(model.Incidents.Plan) ?? "-");
        foreach (var alert in pipeline.Rules!.Alerts.Select(a => a.Alert).Distinct())
        {
            Add(alert + "=" + (model.Runbooks is { IsUrl: false } r && env.FileExists(r.UrlFor(alert))));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The project on disk, and promtool run in a working folder where rule_files names resolve to the generated rules.</summary>
    private sealed class ProjectGateEnvironment(string projectDirectory, IReadOnlyCollection<string> packages, string workDirectory, string? promtool, IReadOnlyList<GeneratedFile> ruleFiles) : IGateEnvironment
    {
        private readonly List<GeneratedFile> _working = [];

        public IReadOnlyCollection<string> PackageReferences => packages;

        public string? Promtool => promtool;

        /// <summary>What promtool ran on, kept under the gate folder for a person to re-run by hand.</summary>
        public IReadOnlyList<GeneratedFile> WorkingFiles => _working;

        public IReadOnlyList<(string Name, string Content)> UserTests { get; } = LoadUserTests(projectDirectory);

        public bool FileExists(string projectRelativePath) => File.Exists(Path.Combine(projectDirectory, projectRelativePath));

        public string? ReadFile(string projectRelativePath) =>
            FileExists(projectRelativePath) ? File.ReadAllText(Path.Combine(projectDirectory, projectRelativePath)) : null;

        public PromtoolOutcome? RunPromtoolTests(IReadOnlyList<(string Name, string Content)> testFiles)
        {
            if (promtool is null)
            {
                return null;
            }

            // Tests name the rules by file name (rule_files: [orders-api.rules.yml]): beside copies of the generated
            // rules those names resolve. Team tests get the names they have in the output folder (_MonitoringAddOutputs),
            // which never replace a generated one.
            var generatedTests = testFiles.Count - UserTests.Count;
            var tests = testFiles.Select((t, i) => (Name: i < generatedTests ? t.Name : TeamTestName(t.Name), t.Content)).ToList();
            _working.Clear();
            _working.AddRange(ruleFiles.Select(r => new GeneratedFile("promtool/" + Path.GetFileName(r.RelativePath), r.Content)));
            _working.AddRange(tests.Select(t => new GeneratedFile("promtool/" + t.Name, t.Content)));
            OutputWriter.Sync(workDirectory, _working.Select(f => f with { RelativePath = f.RelativePath["promtool/".Length..] }).ToList());

            var psi = new ProcessStartInfo(promtool) { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("test");
            psi.ArgumentList.Add("rules");
            foreach (var test in tests)
            {
                psi.ArgumentList.Add(test.Name);
            }

            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(entireProcessTree: true);
                return new PromtoolOutcome(false, "promtool test rules did not finish within 5 minutes");
            }

            process.WaitForExit();
            return new PromtoolOutcome(process.ExitCode == 0, (stdout.Result + stderr.Result).Trim());
        }

        /// <summary>monitoring.tests/checkout.yml (or checkout.test.yml) → team-checkout.test.yml, as the targets name it.</summary>
        private static string TeamTestName(string fileName)
        {
            var stem = Path.GetFileNameWithoutExtension(fileName);
            return "team-" + (stem.EndsWith(".test", StringComparison.Ordinal) ? stem[..^".test".Length] : stem) + ".test.yml";
        }

        private static IReadOnlyList<(string, string)> LoadUserTests(string projectDirectory)
        {
            var folder = Path.Combine(projectDirectory, "monitoring.tests");
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.yml").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList()
                : [];
        }
    }
}
