using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MonitoringSre.Adapters;
using MonitoringSre.Binding;
using MonitoringSre.Import;

namespace MonitoringSre.Tasks;

/// <summary>
/// A project's MonitoringSre settings, as the targets pass them: which spec, and what a spec may leave to the build
/// (the default SLO of a web project, the period, links to the repository and Grafana). Every task that reads a spec
/// reads it through these, so a setting cannot reach one output and miss another; a fleet build gets them from each
/// of its projects as the metadata of one item.
/// </summary>
internal sealed record ProjectSettings(
    string SpecFile,
    bool SpecFileIsExplicit,
    bool IsWebProject,
    string ProjectName,
    string? DefaultService,
    string? DefaultObjective,
    string? RepositoryUrl,
    string? RepositoryRoot,
    string? RunbookBaseUrl,
    string? GrafanaUrl,
    string? Period)
{
    /// <summary>The item _MonitoringFleetPart returns: its identity is the spec, its metadata the other settings.</summary>
    public static ProjectSettings FromItem(ITaskItem item) => new(
        item.ItemSpec,
        string.Equals(item.GetMetadata(nameof(SpecFileIsExplicit)), "true", StringComparison.OrdinalIgnoreCase),
        string.Equals(item.GetMetadata(nameof(IsWebProject)), "true", StringComparison.OrdinalIgnoreCase),
        item.GetMetadata(nameof(ProjectName)),
        item.GetMetadata(nameof(DefaultService)),
        item.GetMetadata(nameof(DefaultObjective)),
        item.GetMetadata(nameof(RepositoryUrl)),
        item.GetMetadata(nameof(RepositoryRoot)),
        item.GetMetadata(nameof(RunbookBaseUrl)),
        item.GetMetadata(nameof(GrafanaUrl)),
        item.GetMetadata(nameof(Period)));

    /// <summary>How a spec's imports are read, and what an imported spec lacks (period; for OpenSLO, which service).</summary>
    public ImportOptions Import() => new(DiskSpecFiles.Instance, NullIfEmpty(Period), NullIfEmpty(DefaultService));

    public BuildLinks Links(string projectDirectory) =>
        new(NullIfEmpty(RepositoryUrl), NullIfEmpty(RepositoryRoot) ?? (NullIfEmpty(RepositoryUrl) is null ? null : GitRootAbove(projectDirectory)),
            projectDirectory, NullIfEmpty(RunbookBaseUrl), NullIfEmpty(GrafanaUrl));

    /// <summary>The spec, or null: then an error was logged, or the project has nothing to monitor (<paramref name="absent"/>).</summary>
    public SpecSource? ResolveSpec(TaskLoggingHelper log, string? helpUrl, out bool absent) =>
        SpecSource.Resolve(log, helpUrl, SpecFile, SpecFileIsExplicit, IsWebProject, ProjectName, DefaultService, DefaultObjective, out absent);

    /// <summary>
    /// The working tree root when the SDK gave a remote but no git source root (a repository without a commit yet):
    /// the nearest folder above the project that holds .git (a folder, or a file in a worktree).
    /// </summary>
    private static string? GitRootAbove(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
