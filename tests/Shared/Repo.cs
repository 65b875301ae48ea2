namespace MonitoringSre.Testing;

/// <summary>Paths of the repository and of ../shared beside it (the contract spec lives there).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string ContractSpec => Path.Combine(Shared, "spec", "monitoring.example.yaml");

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
