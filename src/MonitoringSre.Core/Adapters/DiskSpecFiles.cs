using MonitoringSre.Import;

namespace MonitoringSre.Adapters;

/// <summary>The files a spec imports, read from disk.</summary>
public sealed class DiskSpecFiles : ISpecFiles
{
    public static DiskSpecFiles Instance { get; } = new();

    private DiskSpecFiles()
    {
    }

    public byte[]? Read(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;
}
