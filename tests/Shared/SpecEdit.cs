namespace MonitoringSre.Testing;

/// <summary>
/// An edit of a spec or source text, as a user makes it: the text to change must be there exactly once. A plain
/// string Replace that finds nothing leaves the text as it was, and the test goes on to check an unedited file.
/// </summary>
public static class SpecEdit
{
    public static string Edit(this string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"the edit expects '{find}' exactly once in:\n{text}");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    /// <summary>Replaces every occurrence of <paramref name="find"/>, which must be there at least once.</summary>
    public static string EditAll(this string text, string find, string replacement) =>
        text.Contains(find, StringComparison.Ordinal)
            ? text.Replace(find, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the edit expects '{find}' in:\n{text}");

    /// <summary>Edits a file in place.</summary>
    public static void EditFile(string path, string find, string replacement) =>
        File.WriteAllText(path, File.ReadAllText(path).Edit(find, replacement));
}
