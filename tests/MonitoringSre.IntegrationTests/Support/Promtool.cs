namespace MonitoringSre.IntegrationTests.Support;

/// <summary>The real promtool (Debian package prometheus), on what a build wrote.</summary>
public static class Promtool
{
    public static string Path => Executables.Promtool;

    public static ProcessResult CheckRules(string file) =>
        ProcessRunner.Run(Path, ["check", "rules", file], System.IO.Path.GetDirectoryName(file)!);

    /// <summary>promtool tsdb create-blocks-from openmetrics: series with the given samples, as blocks a Prometheus loads.</summary>
    public static ProcessResult CreateBlocks(string openMetrics, string dataDirectory) =>
        ProcessRunner.Run(Path, ["tsdb", "create-blocks-from", "openmetrics", openMetrics, dataDirectory], System.IO.Path.GetDirectoryName(openMetrics)!);

    public static ProcessResult TestRules(string file) =>
        ProcessRunner.Run(Path, ["test", "rules", file], System.IO.Path.GetDirectoryName(file)!);
}
