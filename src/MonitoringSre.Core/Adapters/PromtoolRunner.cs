using System.Diagnostics;
using MonitoringSre.Gate;
using MonitoringSre.Generation;
using MonitoringSre.Output;

namespace MonitoringSre.Adapters;

/// <summary>
/// `promtool test rules`, one test file a run, in a working folder that holds copies of the generated rules: tests name
/// the rules by file name (rule_files: [orders-api.rules.yml]), which resolves there. One file a run, so each failure
/// is known to belong to its file (promtool prints the file names and the failures on different streams).
/// A test file that passed is not run again while it, the rules and promtool are the same bytes: its
/// <c>&lt;file&gt;.passed</c> beside it holds their fingerprint and what promtool printed. promtool's tests are
/// deterministic, and a build that changed only the code (criterion 1) then costs no promtool run.
/// </summary>
public sealed class PromtoolRunner(string promtool, string workDirectory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private const string PassedSuffix = ".passed";

    /// <summary>What the runs were made on, kept for a person to re-run by hand, with the record of each file that passed.</summary>
    public IReadOnlyList<GeneratedFile> WorkingFiles { get; private set; } = [];

    /// <summary>How many test files of the last <see cref="Run"/> had passed on the same bytes before, and were not run again.</summary>
    public int Reused { get; private set; }

    public IReadOnlyList<PromtoolRun> Run(IReadOnlyList<GeneratedFile> ruleFiles, IReadOnlyList<(string Name, string Content)> testFiles)
    {
        var rules = ruleFiles.Select(r => r.MovedTo(Path.GetFileName(r.RelativePath))).ToList();
        var fingerprints = testFiles.ToDictionary(t => t.Name, t => Fingerprint(rules, t), StringComparer.Ordinal);
        var earlier = testFiles.ToDictionary(t => t.Name, t => EarlierPass(t.Name, fingerprints[t.Name]), StringComparer.Ordinal);
        OutputWriter.Sync(workDirectory, [.. rules, .. testFiles.Select(t => new GeneratedFile(t.Name, t.Content)),
            .. testFiles.Where(t => earlier[t.Name] is not null).Select(t => Passed(t.Name, fingerprints[t.Name], earlier[t.Name]!))]);

        var runs = testFiles.Select(t => earlier[t.Name] is { } output ? new PromtoolRun(t.Name, true, output) : RunOne(t.Name)).ToList();
        Reused = earlier.Values.Count(o => o is not null);
        WorkingFiles = [.. rules, .. testFiles.Select(t => new GeneratedFile(t.Name, t.Content)),
            .. runs.Where(r => r.Passed).Select(r => Passed(r.Name, fingerprints[r.Name], r.Output))];
        return runs;
    }

    /// <summary>What promtool printed when the same bytes last passed, or null.</summary>
    private string? EarlierPass(string testFile, string fingerprint)
    {
        var record = Path.Combine(workDirectory, testFile + PassedSuffix);
        if (!File.Exists(record))
        {
            return null;
        }

        var text = File.ReadAllText(record);
        return text.StartsWith(fingerprint + "\n", StringComparison.Ordinal) ? text[(fingerprint.Length + 1)..] : null;
    }

    private static GeneratedFile Passed(string testFile, string fingerprint, string output) => new(testFile + PassedSuffix, fingerprint + "\n" + output);

    /// <summary>SHA-256 of promtool (its path, size and time), the rules and the test file.</summary>
    private string Fingerprint(IReadOnlyList<GeneratedFile> rules, (string Name, string Content) test)
    {
        var binary = new FileInfo(promtool);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => sha.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\0"));
        Add(binary.FullName);
        Add(binary.Exists ? binary.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + binary.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-");
        foreach (var rule in rules)
        {
            Add(rule.RelativePath);
            Add(rule.Content);
        }

        Add(test.Name);
        Add(test.Content);
        return Convert.ToHexString(sha.GetHashAndReset());
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
