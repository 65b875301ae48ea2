using System.Diagnostics;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Output;

namespace MonitoringSre.Adapters;

/// <summary>
/// `promtool test rules`, one test file a run, in a working folder that holds copies of the generated rules: tests name
/// the rules by file name (rule_files: [orders-api.rules.yml]), which resolves there. One file a run, so each failure
/// is known to belong to its file (promtool prints the file names and the failures on different streams).
/// </summary>
public sealed class PromtoolRunner(string promtool, string workDirectory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>What the runs were made on, kept for a person to re-run by hand.</summary>
    public IReadOnlyList<GeneratedFile> WorkingFiles { get; private set; } = [];

    public IReadOnlyList<PromtoolRun> Run(IReadOnlyList<GeneratedFile> ruleFiles, IReadOnlyList<(string Name, string Content)> testFiles)
    {
        WorkingFiles = [.. ruleFiles.Select(r => r.MovedTo(Path.GetFileName(r.RelativePath))), .. testFiles.Select(t => new GeneratedFile(t.Name, t.Content))];
        OutputWriter.Sync(workDirectory, WorkingFiles);
        return testFiles.Select(t => RunOne(t.Name)).ToList();
    }

    private PromtoolRun RunOne(string testFile)
    {
        var psi = new ProcessStartInfo(promtool) { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("test");
        psi.ArgumentList.Add("rules");
        psi.ArgumentList.Add(testFile);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new PromtoolRun(testFile, false, $"promtool test rules did not finish within {Timeout.TotalMinutes:0} minutes");
        }

        process.WaitForExit();
        return new PromtoolRun(testFile, process.ExitCode == 0, (stdout.Result + stderr.Result).Trim());
    }

    /// <summary>promtool from <paramref name="configured"/> when set (null if that file is missing), else from PATH.</summary>
    public static string? Find(string? configured) => Candidates(configured).FirstOrDefault(File.Exists);

    /// <summary>Where promtool is looked for, in order: the configured path alone, or each folder on PATH.</summary>
    public static IReadOnlyList<string> Candidates(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return [Path.GetFullPath(configured)];
        }

        var name = OperatingSystem.IsWindows() ? "promtool.exe" : "promtool";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0 && Path.IsPathFullyQualified(d)).Select(d => Path.Combine(d, name)).ToList();
    }
}
