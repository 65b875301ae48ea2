namespace MonitoringSre.Binding;

/// <summary>What the build knows of where the project lives: its repository and the links set by build properties.</summary>
/// <param name="RepositoryUrl">The remote the SDK's source-control information found ($(PrivateRepositoryUrl)).</param>
/// <param name="RepositoryRoot">The repository's working tree root.</param>
public sealed record BuildLinks(string? RepositoryUrl = null, string? RepositoryRoot = null, string? ProjectDirectory = null,
    string? RunbookBaseUrl = null, string? GrafanaUrl = null)
{
    public static BuildLinks None { get; } = new();
}

/// <summary>
/// The web view of a folder of the repository, for links that open from a pager: GitHub, GitLab, Bitbucket and Azure
/// Repos, on the default branch (HEAD), so a runbook edited after the deploy is the one people read.
/// </summary>
public static class RunbookLinks
{
    public const string HowToSetBase =
        "Set links.runbooks in monitoring.yaml to the https URL of the runbooks folder (or build with -p:MonitoringRunbookBaseUrl=<that URL>), "
        + "or build in a git repository whose remote is on GitHub, GitLab, Bitbucket or Azure Repos.";

    /// <summary>The https web view of <paramref name="folder"/> (relative to the project), or null when the host is not known.</summary>
    public static string? WebView(string? repositoryUrl, string? repositoryRoot, string? projectDirectory, string folder)
    {
        if (repositoryUrl is null || repositoryRoot is null || projectDirectory is null || Normalize(repositoryUrl) is not { } repo)
        {
            return null;
        }

        var path = Path.GetRelativePath(repositoryRoot, Path.Combine(projectDirectory, folder)).Replace('\\', '/').Trim('/');
        if (path.StartsWith("..", StringComparison.Ordinal))
        {
            return null; // the project is not inside that repository
        }

        path = path == "." ? string.Empty : string.Join("/", path.Split('/').Where(p => p != ".").Select(Uri.EscapeDataString));
        var host = repo.Host.ToLowerInvariant();
        var baseUrl = repo.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (host == "github.com" || host.StartsWith("github.", StringComparison.Ordinal))
        {
            return $"{baseUrl}/blob/HEAD/{path}";
        }

        if (host.Contains("gitlab", StringComparison.Ordinal))
        {
            return $"{baseUrl}/-/blob/HEAD/{path}";
        }

        if (host == "bitbucket.org")
        {
            return $"{baseUrl}/src/HEAD/{path}";
        }

        return host == "dev.azure.com" || host.EndsWith(".visualstudio.com", StringComparison.Ordinal) ? $"{baseUrl}?path=/{path}" : null;
    }

    /// <summary>An https URL of the repository without credentials or ".git": git@host:org/repo.git and ssh:// forms too.</summary>
    private static Uri? Normalize(string url)
    {
        var u = url.Trim();
        var scp = System.Text.RegularExpressions.Regex.Match(u, @"^[\w.-]+@(?<host>[\w.-]+):(?<path>[^/].*)$");
        if (scp.Success)
        {
            u = $"https://{scp.Groups["host"].Value}/{scp.Groups["path"].Value}";
        }
        else if (u.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("git://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            u = "https://" + u[(u.IndexOf("://", StringComparison.Ordinal) + 3)..];
        }

        if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
        {
            return null;
        }

        var path = uri.AbsolutePath.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? uri.AbsolutePath[..^4] : uri.AbsolutePath;
        return new UriBuilder(Uri.UriSchemeHttps, uri.Host, uri.IsDefaultPort ? -1 : uri.Port, path).Uri;
    }
}
