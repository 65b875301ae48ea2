using System.Globalization;
using System.Text;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.Docs;

/// <summary>Writes GitHub-flavoured Markdown: headings, paragraphs, lists and tables whose cells cannot break the table.</summary>
public sealed class Markdown
{
    private readonly StringBuilder _sb = new();

    public Markdown Heading(int level, string text) => Line(new string('#', level) + " " + Inline(text)).Blank();

    public Markdown Paragraph(string text) => Line(text).Blank();

    public Markdown Bullet(string text) => Line("- " + text);

    public Markdown Numbered(int n, string text) => Line(n.ToString(CultureInfo.InvariantCulture) + ". " + text);

    public Markdown Code(string language, string code) => Line("```" + language).Line(code.TrimEnd('\n')).Line("```").Blank();

    public Markdown Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Row(header);
        _sb.Append('|');
        for (var i = 0; i < header.Count; i++)
        {
            _sb.Append("---|");
        }

        _sb.Append('\n');
        foreach (var row in rows)
        {
            Row(row);
        }

        return Blank();
    }

    /// <summary>A table row, its cells written straight into the document (a long slo.md has thousands).</summary>
    private void Row(IReadOnlyList<string> cells)
    {
        _sb.Append("| ");
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _sb.Append(" | ");
            }

            _sb.Append(Cell(cells[i]));
        }

        _sb.Append(" |\n");
    }

    public Markdown Line(string text)
    {
        _sb.Append(text).Append('\n');
        return this;
    }

    public Markdown Blank()
    {
        // Looks at the last two characters only: ToString() here made a long document quadratic to write.
        if (_sb.Length > 0 && !(_sb.Length >= 2 && _sb[^1] == '\n' && _sb[^2] == '\n'))
        {
            _sb.Append('\n');
        }

        return this;
    }

    /// <summary>The document as a generated file, ending in exactly one line break, encoded from the builder's chunks.</summary>
    public GeneratedFile ToFile(string relativePath)
    {
        var left = TextLength();
        var segments = new Utf8Segments();
        foreach (var chunk in _sb.GetChunks())
        {
            var take = Math.Min(left, chunk.Length);
            segments.Encode(chunk.Span[..take], final: false);
            left -= take;
        }

        return new GeneratedFile(relativePath, segments.Encode("\n", final: true).ToArray());
    }

    /// <summary>The document ending in exactly one line break.</summary>
    public override string ToString()
    {
        var end = TextLength();
        return string.Create(end + 1, (_sb, end), static (chars, state) =>
        {
            state._sb.CopyTo(0, chars, state.end);
            chars[state.end] = '\n';
        });
    }

    /// <summary>The length of the text without its trailing line breaks.</summary>
    private int TextLength()
    {
        var end = _sb.Length;
        while (end > 0 && _sb[end - 1] == '\n')
        {
            end--;
        }

        return end;
    }

    /// <summary>Inline code that survives backticks inside it.</summary>
    public static string InlineCode(string code)
    {
        var fence = code.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        return fence + (fence.Length > 1 ? " " + code + " " : code) + fence;
    }

    /// <summary>
    /// Text from a spec, so that it cannot open HTML or break a line. Inside a code span '&lt;' is already a character
    /// (`Program.&lt;Main&gt;$` renders as written), so only the text outside code spans is escaped.
    /// </summary>
    public static string Inline(string text)
    {
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '`')
            {
                // A code span: a run of backticks up to the next run of the same length (CommonMark's rule).
                var run = 0;
                while (i + run < text.Length && text[i + run] == '`')
                {
                    run++;
                }

                var close = ClosingRun(text, i + run, run);
                if (close >= 0)
                {
                    sb.Append(text, i, close + run - i);
                    i = close + run;
                    continue;
                }

                sb.Append(text, i, run);
                i += run;
                continue;
            }

            sb.Append(text[i] == '<' ? "&lt;" : text[i].ToString());
            i++;
        }

        return sb.ToString();
    }

    private static int ClosingRun(string text, int from, int length)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != '`')
            {
                continue;
            }

            var run = 0;
            while (i + run < text.Length && text[i + run] == '`')
            {
                run++;
            }

            if (run == length)
            {
                return i;
            }

            i += run - 1;
        }

        return -1;
    }

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
