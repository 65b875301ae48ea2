namespace MonitoringSre.Testing;

/// <summary>Paths inside the repository that the tests read. Nothing outside it: a fresh clone must pass on its own.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The monitoring.yaml contract, with its comments: the reference example users read.</summary>
    public static string ContractSpec => Path.Combine(Root, "docs", "monitoring.example.yaml");

    /// <summary>Test data from elsewhere, each file's source and licence in tests/TestData/README.md.</summary>
    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "TestData", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MonitoringSre.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MonitoringSre.sln not found above " + AppContext.BaseDirectory);
    }
}
