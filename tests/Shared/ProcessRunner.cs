using System.Diagnostics;
using System.Text;

namespace MonitoringSre.Testing;

public sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// The one way tests start a process (dotnet, promtool, amtool, servers): with a bounded time, without the test host's
/// MSBuild variables, and capturing everything it prints.
/// </summary>
public static class ProcessRunner
{
    /// <summary>The direct children of a process (Linux: from /proc), read before it is killed.</summary>
    private static List<Process> ChildrenOf(int pid)
    {
        var children = new List<Process>();
        foreach (var stat in Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && fields[1] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    children.Add(Process.GetProcessById(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!), System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                // not a process folder, or the process is gone
            }
        }

        return children;
    }

    /// <summary>What every test process starts with; servers (<c>LiveProcess</c>) start from it too.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // The test host runs inside `dotnet test`; its MSBuild variables must not leak into the builds under test.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        // Each build leaves folders in TMPDIR; under the run's root they go with it (TestTemp).
        psi.Environment["TMPDIR"] = TestTemp.ProcessTemp;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[key] = value;
        }

        return psi;
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        Run(fileName, args, workingDirectory, environment, timeout, killAfter: null).Result;

    /// <summary>
    /// Runs the process and kills it, with its children, <paramref name="killAfter"/>'s delay after the first line of
    /// output its predicate accepts: a build interrupted as a user's Ctrl+C or a CI timeout would. Killed is whether the
    /// process was still running then.
    /// </summary>
    public static (ProcessResult Result, bool Killed) Run(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment, TimeSpan? timeout, (Func<string, bool> When, TimeSpan Delay)? killAfter,
        Func<bool>? killAsSoonAs = null)
    {
        var psi = StartInfo(fileName, args, workingDirectory, environment);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        var killed = false;
        var triggered = 0;
        void Watch(string line)
        {
            if (killAfter is { } kill && kill.When(line) && Interlocked.Exchange(ref triggered, 1) == 0)
            {
                Thread.Sleep(kill.Delay);
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                        killed = true;
                    }
                }
                catch (InvalidOperationException)
                {
                    // it ended on its own meanwhile
                }
            }
        }

        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } Watch(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        var children = new List<Process>();
        var lastLook = DateTime.MinValue;
        while (!process.WaitForExit(killAsSoonAs is null ? 1000 : 1) && DateTime.UtcNow < deadline)
        {
            if (killAsSoonAs is not null && DateTime.UtcNow - lastLook > TimeSpan.FromMilliseconds(200))
            {
                children = ChildrenOf(process.Id);
                lastLook = DateTime.UtcNow;
            }

            if (killAsSoonAs?.Invoke() == true && Interlocked.Exchange(ref triggered, 1) == 0)
            {
                // The process doing the work first, at once (walking the tree takes milliseconds), then what it started.
                process.Kill();
                foreach (var child in children)
                {
                    try
                    {
                        child.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // gone already
                    }
                }

                killed = true;
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (new ProcessResult(process.ExitCode, output.ToString()), killed);
        }
    }
}
