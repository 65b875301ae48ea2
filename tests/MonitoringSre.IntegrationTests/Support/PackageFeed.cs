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

    /// <summary>The test process's temporary root: the feeds live there and go when the run ends.</summary>
    public static string WorkRoot => TestTemp.Root;

    /// <summary>Packed after <see cref="Packed"/>, never beside it: both packs build the same project in the same obj folder.</summary>
    private static readonly Lazy<string> Released = new(() =>
    {
        _ = Packed.Value;
        return PackInto(Path.Combine(WorkRoot, "release"), "0.1.0");
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A folder holding MonitoringSre.0.1.0.nupkg, packed as the README's first step packs it (no version given), for
    /// tests that follow README steps naming that file. Each such test restores into a package cache of its own.
    /// </summary>
    public static string ReleaseFolder => Released.Value;

    private static (string, string) Pack()
    {
        var version = "0.1.0-it." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        return (PackInto(Path.Combine(WorkRoot, "feed"), version), version);
    }

    private static string PackInto(string feed, string version)
    {
        Directory.CreateDirectory(feed);
        var project = Path.Combine(Repo.Root, "src", "MonitoringSre.Tasks", "MonitoringSre.Tasks.csproj");
        var result = ProcessRunner.Run("dotnet", ["pack", project, "-c", "Release", "-o", feed, "-p:Version=" + version, "-nologo"], Repo.Root);
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"MonitoringSre.{version}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + result);
        }

        return feed;
    }
}
