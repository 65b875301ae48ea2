using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MonitoringSre.Adapters;

/// <summary>
/// The projects a solution lists: .sln (Project("{type}") = "Name", "path", "{guid}" lines) or .slnx (Project Path="..."
/// elements), as full paths; solution folders and missing files are left out.
/// </summary>
public static partial class SolutionFile
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    public static IReadOnlyList<string> Projects(string solution)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        IEnumerable<string> paths = solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? XDocument.Load(solution).Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path") ?? string.Empty)
            : File.ReadLines(solution).Select(l => SlnProject().Match(l)).Where(m => m.Success).Select(m => m.Groups["path"].Value);
        return paths
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(p => ProjectExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase) && File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The one solution in the nearest folder at or above <paramref name="directory"/> that has one, or null.</summary>
    public static string? Nearest(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var found = dir.GetFiles("*.sln").Concat(dir.GetFiles("*.slnx")).ToList();
            if (found.Count > 0)
            {
                return found.Count == 1 ? found[0].FullName : null;
            }
        }

        return null;
    }

    [GeneratedRegex("^Project\\(\"[^\"]*\"\\)\\s*=\\s*\"[^\"]*\"\\s*,\\s*\"(?<path>[^\"]+)\"")]
    private static partial Regex SlnProject();
}
