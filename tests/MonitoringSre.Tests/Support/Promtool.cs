using System.Diagnostics;
using MonitoringSre.Generation;

namespace MonitoringSre.Tests.Support;

/// <summary>The real promtool. Missing promtool fails the test with the command that installs it.</summary>
public static class Promtool
{
    public static string Path { get; } = Find();

    /// <summary>Writes the files into a fresh folder and returns it.</summary>
    public static string Write(IEnumerable<GeneratedFile> files)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "monitoringsre-unit", Guid.NewGuid().ToString("N"));
        foreach (var file in files)
        {
            var path = System.IO.Path.Combine(dir, file.RelativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return dir;
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(Path) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("promtool did not finish");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            var candidate = System.IO.Path.Combine(dir, "promtool");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("promtool is not on PATH: apt-get install -y prometheus");
    }
}
