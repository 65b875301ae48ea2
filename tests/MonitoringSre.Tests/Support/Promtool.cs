using MonitoringSre.Generation;

namespace MonitoringSre.Tests.Support;

/// <summary>The real promtool, on files the core generated in memory.</summary>
public static class Promtool
{
    public static string Path => Executables.Promtool;

    /// <summary>Writes the files into a fresh folder and returns it: <c>using var dir = Promtool.Write(files);</c>.</summary>
    public static TempFolder Write(IEnumerable<GeneratedFile> files)
    {
        var dir = TestTemp.Folder("promtool");
        foreach (var file in files)
        {
            var path = System.IO.Path.Combine(dir, file.RelativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return dir;
    }

    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Run(Path, args, workingDirectory, timeout: TimeSpan.FromMinutes(2));
}
