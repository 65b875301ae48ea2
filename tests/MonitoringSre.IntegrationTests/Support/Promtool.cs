namespace MonitoringSre.IntegrationTests.Support;

/// <summary>The real promtool (Debian package prometheus). Tests fail, not skip, when it is missing: .ci/run installs it.</summary>
public static class Promtool
{
    public static string Path { get; } = Find();

    public static ProcessResult CheckRules(string file) =>
        ProcessRunner.Run(Path, ["check", "rules", file], System.IO.Path.GetDirectoryName(file)!);

    public static ProcessResult TestRules(string file) =>
        ProcessRunner.Run(Path, ["test", "rules", file], System.IO.Path.GetDirectoryName(file)!);

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
