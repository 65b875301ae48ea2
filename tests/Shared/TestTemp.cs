using System.Globalization;

namespace MonitoringSre.Testing;

/// <summary>
/// Every file a test writes outside the repository lives under one folder per test process,
/// <c>/tmp/monitoringsre-tests/&lt;pid&gt;</c>: the folders tests ask for (<see cref="Folder"/>), and the TMPDIR of every
/// process a test starts, where each `dotnet build` leaves folders of its own. A test disposes its folders, also when
/// it fails; <see cref="CleaningTestFramework"/> removes the root when the run ends, and the root of a run that was
/// killed goes when the next run starts. <c>MONITORINGSRE_KEEP_TEMP=1</c> keeps everything.
/// </summary>
public static class TestTemp
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "monitoringsre-tests");

    public static bool Keep { get; } = Environment.GetEnvironmentVariable("MONITORINGSRE_KEEP_TEMP") == "1";

    public static string Root { get; } = CreateRoot();

    /// <summary>TMPDIR for child processes; only there once a test has started one.</summary>
    public static string ProcessTemp
    {
        get
        {
            var path = Path.Combine(Root, "tmp");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>A new, empty folder of its own, deleted when disposed.</summary>
    public static TempFolder Folder(string label) =>
        new(Path.Combine(Root, label + "-" + Guid.NewGuid().ToString("N")[..8]));

    public static void Delete(string path)
    {
        if (Keep || !Directory.Exists(path))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a server a test started may still be writing; the end of the run takes what is left
        }
    }

    /// <summary>
    /// The run is over: stop the build servers the tests' builds started (they listen on sockets in
    /// <see cref="ProcessTemp"/>), then delete the root.
    /// </summary>
    public static void EndOfRun()
    {
        if (Directory.Exists(Path.Combine(Root, "tmp")))
        {
            try
            {
                ProcessRunner.Run("dotnet", ["build-server", "shutdown"], Root, timeout: TimeSpan.FromMinutes(1));
            }
            catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception)
            {
                // nothing to stop, or dotnet is gone; the folders still go
            }
        }

        if (Keep)
        {
            Console.WriteLine($"MONITORINGSRE_KEEP_TEMP=1: this run's files are in {Root}");
            return;
        }

        Delete(Root);
        try
        {
            Directory.Delete(Base);
        }
        catch (IOException)
        {
            // another run is using it
        }
    }

    private static string CreateRoot()
    {
        if (!Keep && Directory.Exists(Base))
        {
            foreach (var stale in Directory.GetDirectories(Base).Where(d => !IsRunning(Path.GetFileName(d))))
            {
                Delete(stale);
            }
        }

        var root = Path.Combine(Base, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool IsRunning(string pid) =>
        int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _) && Directory.Exists(Path.Combine("/proc", pid));
}

/// <summary>A folder a test owns: <c>using var folder = TestTemp.Folder("name");</c>.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public static implicit operator string(TempFolder folder) => folder.Path;

    public void Dispose() => TestTemp.Delete(Path);

    public override string ToString() => Path;
}
