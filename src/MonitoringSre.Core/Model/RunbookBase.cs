namespace MonitoringSre.Model;

/// <summary>
/// Where runbooks live: a folder beside the project (<see cref="WebBase"/> is that folder in the repository's web view,
/// when known), or an https URL base.
/// </summary>
public sealed record RunbookBase(string Value, bool IsUrl, string? WebBase = null)
{
    /// <summary>The link in an alert: absolute whenever a base is known, so it opens from a pager.</summary>
    public string UrlFor(string alertName) => IsUrl
        ? Value.TrimEnd('/') + "/" + alertName
        : WebBase is not null ? WebBase.TrimEnd('/') + "/" + alertName + ".md" : FileFor(alertName);

    /// <summary>The runbook's file, relative to the project, when runbooks is a folder.</summary>
    public string FileFor(string alertName) => Value.TrimEnd('/', '\\') + "/" + alertName + ".md";

    /// <summary>Whether an alert's runbook_url is a link a pager can open.</summary>
    public bool IsAbsolute => IsUrl || WebBase is not null;
}
