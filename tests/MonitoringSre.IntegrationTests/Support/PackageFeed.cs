using System.Globalization;

namespace MonitoringSre.IntegrationTests.Support;

/// <summary>
/// The MonitoringSre package, packed once per test run into a folder feed with a version of its own, so no test can
/// pick up a package from an earlier run.
/// </summary>
public static class PackageFeed
{
    private static readonly Lazy<(string Folder, string Version)> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Packed.Value.Folder;

    public static string Version => Packed.Value.Version;

    public static string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "monitoringsre-it", DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private static (string, string) Pack()
    {
        var version = "0.1.0-it." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Path.Combine(WorkRoot, "feed");
        Directory.CreateDirectory(feed);
        var project = Path.Combine(Repo.Root, "src", "MonitoringSre.Tasks", "MonitoringSre.Tasks.csproj");
        var result = ProcessRunner.Run("dotnet", ["pack", project, "-c", "Release", "-o", feed, "-p:Version=" + version, "-nologo"], Repo.Root);
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"MonitoringSre.{version}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + result);
        }

        return (feed, version);
    }
}
