namespace MonitoringSre.Spec;

/// <summary>
/// Where a YAML syntax error really is. The parser reports some errors at the start of the enclosing mapping or at a
/// later colon, and an unclosed flow collection with no position at all; an editor should jump to the character to
/// fix: the tab, the over-indented key, the bracket that is never closed.
/// </summary>
public static class YamlSyntaxLocator
{
    public sealed record Located(int Line, int Column, string Message);

    /// <summary>A parser error at <paramref name="line"/>:<paramref name="column"/>, moved to its cause where that is known.</summary>
    public static Located Locate(IReadOnlyList<string> lines, int line, int column, string message)
    {
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentationTab(lines) is { } tab)
        {
            return tab;
        }

        if (message.Contains("invalid mapping", StringComparison.Ordinal) && OverIndentedKey(lines, line, column) is { } indent)
        {
            return indent;
        }

        return new Located(line, column, message);
    }

    /// <summary>An error the parser gave no position for: an unclosed flow collection, else where parsing stopped.</summary>
    public static Located LocateUnpositioned(IReadOnlyList<string> lines, int lastLine, int lastColumn)
    {
        return IndentationTab(lines) ?? UnclosedFlow(lines)
            ?? new Located(lastLine, lastColumn, "the YAML cannot be read past this point");
    }

    private static Located? IndentationTab(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Located(i + 1, tab + 1, "a tab character in the indentation; YAML indents with spaces only");
            }
        }

        return null;
    }

    /// <summary>
    /// "key: value" followed by a line indented deeper: YAML reads the deeper line as more of the value and then trips
    /// over its colon. The key that is indented too far is what to fix.
    /// </summary>
    private static Located? OverIndentedKey(IReadOnlyList<string> lines, int line, int column)
    {
        if (line < 2 || line > lines.Count)
        {
            return null;
        }

        var current = lines[line - 1];
        var (keyColumn, key) = KeyOf(current);
        if (key is null || current.IndexOf(':', keyColumn - 1) != column - 1)
        {
            return null;
        }

        for (var i = line - 2; i >= 0; i--)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var (aboveColumn, above) = KeyOf(lines[i]);
            if (above is null || aboveColumn >= keyColumn || trimmed.EndsWith(':'))
            {
                return null;
            }

            return new Located(line, keyColumn,
                $"'{key}' is indented more than '{above}' on line {i + 1}, so it reads as more of that key's value; start it in column {aboveColumn} like its sibling keys");
        }

        return null;
    }

    /// <summary>The 1-based column and name of a line's mapping key, past any "- " of a sequence item.</summary>
    private static (int Column, string? Key) KeyOf(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || (line[i] == '-' && i + 1 < line.Length && line[i + 1] == ' ')))
        {
            i++;
        }

        var colon = line.IndexOf(':', i);
        if (colon <= i || line[i] is '#' or '"' or '\'' or '[' or '{')
        {
            return (i + 1, null);
        }

        var key = line[i..colon];
        return key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') ? (i + 1, key) : (i + 1, null);
    }

    /// <summary>The first '[' or '{' that opens a flow collection and is never closed.</summary>
    private static Located? UnclosedFlow(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var opener = FlowStart(lines[i]);
            if (opener >= 0 && !IsClosed(lines, i, opener))
            {
                var bracket = lines[i][opener];
                return new Located(i + 1, opener + 1, $"this '{bracket}' is never closed; end it with '{(bracket == '[' ? ']' : '}')}' or write the value in block style");
            }
        }

        return null;
    }

    /// <summary>Whether the brackets opened at lines[line][column] balance before the end, outside quotes and comments.</summary>
    private static bool IsClosed(IReadOnlyList<string> lines, int line, int column)
    {
        var depth = 0;
        var quote = '\0';
        for (int l = line, c = column; l < lines.Count; l++, c = 0)
        {
            for (; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote == '"' && ch == '\\')
                {
                    c++;
                }
                else if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#' && (c == 0 || lines[l][c - 1] == ' '))
                {
                    break;
                }
                else if (ch is '[' or '{')
                {
                    depth++;
                }
                else if (ch is ']' or '}' && --depth == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The index of a '[' or '{' where a value starts (after "key: ", "- " or at the indentation), else -1.</summary>
    private static int FlowStart(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || (line[i] == '-' && i + 1 < line.Length && line[i + 1] == ' ')))
        {
            i++;
        }

        if (i < line.Length && line[i] is '[' or '{')
        {
            return i;
        }

        var colon = line.IndexOf(": ", i, StringComparison.Ordinal);
        if (colon < 0 || line[i] is '"' or '\'' or '#')
        {
            return -1;
        }

        var value = colon + 2;
        while (value < line.Length && line[value] == ' ')
        {
            value++;
        }

        return value < line.Length && line[value] is '[' or '{' ? value : -1;
    }
}
