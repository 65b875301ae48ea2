namespace MonitoringSre.Testing;

/// <summary>Real tools the tests run. A missing tool fails the test with the command that installs it: .ci/run installs it.</summary>
public static class Executables
{
    public static string Promtool { get; } = Find("promtool", "apt-get install -y prometheus");

    public static string Amtool { get; } = Find("amtool", "apt-get install -y prometheus-alertmanager");

    private static string Find(string name, string install)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} is not on PATH: {install}");
    }
}
