using System.Text;
using MonitoringSre.Generation;

namespace MonitoringSre.Output;

/// <summary>
/// Writes generated files into a folder the package owns. Every changed file is first written in full to a staging
/// folder beside it (outside anything a glob of the folder picks up), and only then are they all moved into place, so a
/// reader never sees half a file and a build killed mid-way leaves each file as it was or as it is now, and no temporary
/// file among the outputs. A file whose bytes are unchanged is not touched, so timestamps stay put. Files in the folder
/// that the generators no longer produce are removed.
/// </summary>
public static class OutputWriter
{
    public sealed record WriteResult(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Deleted);

    public static WriteResult Sync(string folder, IReadOnlyCollection<GeneratedFile> files)
    {
        var unchanged = new List<string>();
        var deleted = new List<string>();
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var staging = root + ".staging";
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var moves = new List<(string Staged, string Target)>();

        // What a killed build left in staging is incomplete by definition.
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        foreach (var file in files)
        {
            var target = Path.GetFullPath(Path.Combine(root, file.RelativePath));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"generated path '{file.RelativePath}' leaves the output folder");
            }

            wanted.Add(target);
            var bytes = file.Utf8.Span;
            if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                unchanged.Add(target);
                continue;
            }

            Directory.CreateDirectory(staging);
            var staged = Path.Combine(staging, moves.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllBytes(staged, bytes);
            moves.Add((staged, target));
        }

        foreach (var (staged, target) in moves)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(staged, target, overwrite: true);
        }

        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        if (Directory.Exists(root))
        {
            foreach (var existing in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                if (!wanted.Contains(existing))
                {
                    File.Delete(existing);
                    deleted.Add(existing);
                }
            }
        }

        return new WriteResult(moves.Select(m => m.Target).ToList(), unchanged, deleted);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> unless the file holds those bytes already, through a
    /// temporary file moved into place. Returns whether it wrote.
    /// </summary>
    public static bool WriteIfChanged(string path, string content)
    {
        var bytes = GeneratedFile.Utf8NoBom.GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return true;
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="content"/> unless a file is there already, which is never
    /// touched. The content goes to a temporary file first and is moved into place without overwriting, so a concurrent
    /// writer or an existing file always wins and no reader sees half a file.
    /// </summary>
    public static bool CreateIfAbsent(string path, string content)
    {
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, GeneratedFile.Utf8NoBom.GetBytes(content));
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
