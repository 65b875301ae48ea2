namespace MonitoringSre.Spec;

/// <summary>
/// Lines and columns as an editor counts them: a line ends at "\n", "\r\n" or "\r", and a column is a UTF-16 character.
/// The YAML parser also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line, so every position
/// it reports is mapped from its character index through here.
/// </summary>
public sealed class LineMap
{
    private readonly List<int> _starts = [0];

    public LineMap(string text)
    {
        var lines = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[_starts[^1]..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                _starts.Add(i + 1);
            }
        }

        lines.Add(text[_starts[^1]..]);
        Lines = lines;
    }

    /// <summary>The text of each line, without its line break.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The 1-based line and column of the character at <paramref name="index"/> (past the end: the last line's end).</summary>
    public (int Line, int Column) At(long index)
    {
        var i = (int)Math.Clamp(index, 0, _starts[^1] + Lines[^1].Length);
        var line = _starts.BinarySearch(i);
        line = line >= 0 ? line : ~line - 1;
        return (line + 1, Math.Min(i - _starts[line], Lines[line].Length) + 1);
    }
}
