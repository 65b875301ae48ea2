namespace MonitoringSre.Binding;

/// <summary>A value that ends up as a link in an alert, a dashboard or a document.</summary>
public sealed record Link(string Value, bool IsUrl);

/// <summary>
/// The one rule for every spec value that becomes a link (runbook_url and any *_url annotation): an https URL, or a
/// relative path inside the project. Pagers, chat tools and Grafana render these as links, so anything that could carry
/// a script scheme, leave the project, or need escaping is refused, with the reason.
/// </summary>
public static class LinkParser
{
    /// <summary>Characters a relative path may hold: RFC 3986's unreserved ones and '/'. Nothing needs escaping.</summary>
    private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/';

    /// <summary>What an https URL may hold beyond path characters: RFC 3986's reserved characters and '%' escapes.</summary>
    private static bool IsUrlChar(char c) => IsPathChar(c) || c is ':' or '?' or '#' or '[' or ']' or '@' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%';

    /// <summary>A character as a message can show it: invisible and direction-changing ones by their code point.</summary>
    private static string Show(char c) => c is > ' ' and <= '~' ? c.ToString() : $"U+{(int)c:X4}";

    public static bool TryParse(string value, out Link? link, out string reason)
    {
        link = null;
        if (value.Length == 0)
        {
            reason = "it is empty";
            return false;
        }

        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            reason = "it holds white space or a control character";
            return false;
        }

        if (value[0] is '/' or '\\' || (value.Length >= 2 && char.IsAsciiLetter(value[0]) && value[1] == ':'))
        {
            reason = "it is an absolute path or has a drive letter; write a path relative to the project";
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var slash = value.IndexOfAny(['/', '\\']);
        if (colon > 0 && (slash < 0 || colon < slash))
        {
            return TryParseUrl(value, out link, out reason);
        }

        return TryParsePath(value, out link, out reason);
    }

    private static bool TryParseUrl(string value, out Link? link, out string reason)
    {
        link = null;
        var scheme = value[..value.IndexOf(':', StringComparison.Ordinal)];
        if (!scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"'{scheme}:' links are not allowed; only https:// URLs are";
            return false;
        }

        if (!value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            reason = "it is not a complete https:// URL with a host";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            reason = "it carries a user name or password before the host";
            return false;
        }

        var bad = value.FirstOrDefault(c => !IsUrlChar(c));
        if (bad != default)
        {
            reason = $"'{Show(bad)}' must be percent-encoded in a URL";
            return false;
        }

        reason = string.Empty;
        link = new Link(value, IsUrl: true);
        return true;
    }

    /// <summary>A file or folder inside the project: the relative-path half of <see cref="TryParse"/>, no URL.</summary>
    public static bool TryParseRelativePath(string value, out Link? link, out string reason)
    {
        if (!TryParse(value, out link, out reason) || !link!.IsUrl)
        {
            return link is not null;
        }

        link = null;
        reason = "it is a URL; write a path relative to the project";
        return false;
    }

    private static bool TryParsePath(string value, out Link? link, out string reason)
    {
        link = null;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            reason = "':' is not allowed in a relative path (a link reader would take what precedes it for a scheme)";
            return false;
        }

        if (value.Split('/', '\\').Contains(".."))
        {
            reason = "'..' would lead out of the project";
            return false;
        }

        var bad = value.FirstOrDefault(c => !IsPathChar(c));
        if (bad != default)
        {
            reason = $"'{Show(bad)}' is not allowed in a relative path (letters, digits, '-', '_', '.', '~' and '/' are)";
            return false;
        }

        reason = string.Empty;
        link = new Link(value, IsUrl: false);
        return true;
    }
}
