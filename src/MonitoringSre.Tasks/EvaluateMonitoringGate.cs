using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using MonitoringSre.Adapters;
using MonitoringSre.Diagnostics;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// The monitoring gate, after compilation: evaluates the five exit criteria against the spec, the generated files and
/// the built assemblies, and writes gate.json and gate.md both beside the build (obj) and into the output folder, so
/// what CI publishes always describes this evaluation, pass or fail. When every input is as last time, the previous
/// result is reported again and nothing is re-read or re-run.
/// </summary>
public sealed class EvaluateMonitoringGate : SpecTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The .csproj, where a missing package reference belongs.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public ITaskItem[] PackageReferences { get; set; } = [];

    /// <summary>The built assembly and those of its project references: where the wiring calls are looked for.</summary>
    public ITaskItem[] Assemblies { get; set; } = [];

    /// <summary>obj/monitoring/out: what generation wrote.</summary>
    [Required]
    public string GeneratedDirectory { get; set; } = string.Empty;

    /// <summary>Under obj/: gate.json, gate.md and promtool's working copies.</summary>
    [Required]
    public string GateDirectory { get; set; } = string.Empty;

    /// <summary>bin/…/monitoring/: gets gate.json and gate.md too.</summary>
    public string? ReportDirectory { get; set; }

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
                    Log.Report(Diagnostic.Create(DiagnosticCatalog.GateNoSpec, SourceLocation.WholeFile(ProjectFile), Path.GetFileName(SpecFile)));
                }

                return !Log.HasLoggedErrors;
            }

            var pipeline = MonitoringPipeline.Bind(source.File, source.Content, Links(ProjectDirectory));
            if (!pipeline.Succeeded)
            {
                return true; // generation has reported the spec's errors already
            }

            var generated = ReadGenerated();
            var assemblies = Assemblies.Select(a => a.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal).ToList();
            var env = new ProjectGateEnvironment(ProjectFile, PackageReferences.Select(p => p.ItemSpec).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray(),
                assemblies, PromtoolRunner.Find(PromtoolPath), Path.Combine(GateDirectory, "promtool"), generated.Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)).ToList());
            // The fingerprint of the inputs sits beside the report, not in it: gate.json is what CI publishes.
            var fingerprint = Fingerprint(source, env, assemblies, generated, pipeline);
            var jsonPath = Path.Combine(GateDirectory, "gate.json");
            var fingerprintPath = Path.Combine(GateDirectory, "inputs.sha256");
            var previous = File.Exists(jsonPath) && File.Exists(fingerprintPath) && File.ReadAllText(fingerprintPath) == fingerprint
                ? GateReport.Read(File.ReadAllText(jsonPath)) : null;
            GateResult result;
            IReadOnlyList<GeneratedFile> reports;
            if (previous is not null)
            {
                result = previous;
                reports = GateReport.Write(result);
                Log.LogMessage(MessageImportance.Normal, "MonitoringSre gate: inputs unchanged since the last evaluation; promtool not run again.");
            }
            else
            {
                var criteria = new GateEvaluator(pipeline.Model!, pipeline.Rules!, generated, pipeline.Spec, env) { RequirePromtool = RequirePromtool }.Evaluate();

                // gate.json names files relative to the project, so the same project writes the same bytes wherever it is.
                result = new GateResult(pipeline.Model!.Service, criteria.Select(c => c with { Findings = c.Findings.Select(f => f with { Location = f.Location with { File = Relative(f.Location.File) } }).ToList() }).ToList());
                reports = GateReport.Write(result);
                OutputWriter.Sync(GateDirectory, [.. reports, new GeneratedFile("inputs.sha256", fingerprint), .. env.WorkingFiles.Select(f => f with { RelativePath = "promtool/" + f.RelativePath })]);
            }

            // The output folder holds more than the gate's files: only these two are written there.
            if (!string.IsNullOrEmpty(ReportDirectory))
            {
                foreach (var report in reports)
                {
                    OutputWriter.WriteIfChanged(Path.Combine(ReportDirectory, report.RelativePath), report.Content);
                }
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
        var where = (DisplayPath ?? GateDirectory).Replace('\\', '/').TrimEnd('/') + "/gate.md";
        foreach (var c in result.Criteria.Where(c => !c.Met))
        {
            foreach (var f in c.Findings)
            {
                var location = f.Location with { File = Path.GetFullPath(f.Location.File, ProjectDirectory) };
                if (c.WarningOnly)
                {
                    Log.LogWarning(null, c.Code, null, null, location.File, location.Line, location.Column, 0, 0, $"Exit criterion not met: {c.Title}. {f.Fix}");
                }
                else if (Enforce)
                {
                    Log.Report(Diagnostic.Create(c.Descriptor, location, c.Title, f.Fix));
                }
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

    private string Fingerprint(SpecSource source, ProjectGateEnvironment env, IReadOnlyList<string> assemblies, List<GeneratedFile> generated, PipelineResult pipeline)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => sha.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        sha.AppendData(source.Content);
        Add(string.Join(";", env.PackageReferences));
        Add(env.Promtool ?? "-");
        Add(RequirePromtool.ToString());
        foreach (var identity in AssemblyCallReader.Identities(assemblies))
        {
            Add(identity);
        }

        foreach (var setting in env.Settings)
        {
            Add(setting.File + ":" + setting.Path + "=" + setting.Value);
        }

        foreach (var f in generated)
        {
            Add(f.RelativePath);
            Add(f.Content);
        }

        foreach (var test in env.TeamTests)
        {
            Add(test.RelativePath);
            Add(test.Content);
        }

        var model = pipeline.Model!;
        Add(env.ReadFile(model.Incidents.Plan) ?? "-");
        foreach (var alert in pipeline.Rules!.Alerts.Select(a => a.Alert).Distinct())
        {
            Add(alert + "=" + (model.Runbooks is { IsUrl: false } r && env.FileExists(r.FileFor(alert))));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
