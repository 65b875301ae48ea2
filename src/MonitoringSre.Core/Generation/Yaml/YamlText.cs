using MonitoringSre.Text;

namespace MonitoringSre.Generation.Yaml;

/// <summary>
/// Writes a <see cref="YNode"/> tree as block-style YAML: maps, sequences and flow collections here, every scalar
/// through <see cref="YamlScalar"/>'s one quoting decision. Written by hand rather than through YamlDotNet's emitter,
/// which took a tenth of a second per megabyte; the unit tests read every kind of value back with YamlDotNet's parser
/// and check it is unchanged.
/// </summary>
public static class YamlText
{
    public static string Write(YNode root, string? headerComment = null)
    {
        using var text = new PooledText(64 * 1024);
        WriteDocument(new YamlWriter(text), root, headerComment);
        return text.ToString();
    }

    /// <summary>The document as a generated file.</summary>
    public static GeneratedFile WriteFile(string relativePath, YNode root, string? headerComment = null) =>
        WriteFile(relativePath, headerComment, writer => WriteDocument(writer, root, headerComment: null));

    /// <summary>A document written as it is made, through <paramref name="write"/>, as a generated file.</summary>
    internal static GeneratedFile WriteFile(string relativePath, string? headerComment, Action<YamlWriter> write)
    {
        using var text = new PooledText(64 * 1024);
        var writer = new YamlWriter(text);
        if (headerComment is not null)
        {
            writer.Header(headerComment);
        }

        write(writer);
        return new GeneratedFile(relativePath, text.ToUtf8());
    }

    private static void WriteDocument(YamlWriter writer, YNode root, string? headerComment)
    {
        if (headerComment is not null)
        {
            writer.Header(headerComment);
        }

        switch (Materialised(root))
        {
            case YMap { Flow: false, Entries.Count: > 0 } map:
                WriteMap(writer, map);
                break;
            case YSeq { Items.Count: > 0 } seq:
                WriteSeq(writer, seq);
                break;
            case var other:
                WriteInline(writer.Text, other, 0);
                writer.Text.Append('\n');
                break;
        }
    }

    /// <summary>The keys of a block mapping, each with the comment written above it, if any.</summary>
    private static void WriteMap(YamlWriter writer, YMap map)
    {
        // Indexed, not foreach: over an IReadOnlyList the enumerator is boxed, once per map of every file.
        for (var i = 0; i < map.Entries.Count; i++)
        {
            var (key, value) = map.Entries[i];
            if (map.CommentsBefore.TryGetValue(key, out var comment))
            {
                writer.Comment(comment);
            }

            writer.Key(key);
            WriteValue(writer, value);
        }
    }

    private static void WriteSeq(YamlWriter writer, YSeq seq)
    {
        for (var i = 0; i < seq.Items.Count; i++)
        {
            WriteItem(writer, seq.Items[i]);
        }
    }

    private static void WriteItem(YamlWriter writer, YNode item)
    {
        switch (Materialised(item))
        {
            case YMap { Flow: false, Entries.Count: > 0 } map:
                writer.BeginItem();
                WriteMap(writer, map);
                writer.EndItem();
                break;
            case YSeq { Items.Count: > 0 } nested:
                writer.BeginNestedSeq();
                WriteSeq(writer, nested);
                writer.EndNestedSeq();
                break;
            case var other:
                writer.Item(other);
                break;
        }
    }

    /// <summary>A stream anywhere but under a key (where it is written as it is made) is written as the sequence it makes.</summary>
    private static YNode Materialised(YNode node) => node is YStream stream ? new YSeq(stream.Items.ToList()) : node;

    /// <summary>What follows "key:": a nested block (on the next lines) or a value on the same line.</summary>
    internal static void WriteValue(YamlWriter writer, YNode value)
    {
        switch (value)
        {
            case YStream stream:
                // As a YSeq under a key: its items at the key's indent, or [] when it makes none.
                var items = writer.Seq();
                foreach (var item in stream.Items)
                {
                    WriteItem(writer, item);
                }

                items.End();
                break;
            case YMap { Flow: false, Entries.Count: > 0 } map:
                writer.BeginMap();
                WriteMap(writer, map);
                writer.EndMap();
                break;
            case YSeq { Items.Count: > 0 } seq:
                // A sequence under a key is not indented further (as YamlDotNet and most tools write it).
                writer.BeginSeq();
                WriteSeq(writer, seq);
                break;
            default:
                writer.Inline(value);
                break;
        }
    }

    /// <summary>
    /// A value on one line: a scalar (a literal block continues on the next lines, indented by
    /// <paramref name="blockIndent"/>) or a flow collection. A negative indent rules out a literal block: inside a flow
    /// collection and in keys a multi-line value is written double-quoted.
    /// </summary>
    internal static void WriteInline(PooledText sb, YNode node, int blockIndent)
    {
        switch (Materialised(node))
        {
            case YPlain plain:
                sb.Append(plain.Value);
                break;
            case YScalar scalar:
                YamlScalar.Append(sb, scalar.Value, scalar.Block, blockIndent);
                break;
            case YSeq seq:
                sb.Append('[');
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ");
                    WriteInline(sb, seq.Items[i], -1);
                }

                sb.Append(']');
                break;
            case YMap map:
                sb.Append('{');
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ");
                    YamlScalar.AppendKey(sb, map.Entries[i].Key);
                    sb.Append(": ");
                    WriteInline(sb, map.Entries[i].Value, -1);
                }

                sb.Append('}');
                break;
            default:
                throw new InvalidOperationException("unknown YAML node " + node.GetType().Name);
        }
    }
}
