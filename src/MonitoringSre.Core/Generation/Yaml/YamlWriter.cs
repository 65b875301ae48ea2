using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.Yaml;

/// <summary>
/// Block-style YAML written as it is made, for the files that grow with the spec (rules, PrometheusRule, promtool
/// tests): a rule or a test scenario goes straight into the text instead of first becoming a tree of nodes that is
/// walked once and dropped. The layout is the one <see cref="YamlText"/> writes trees in, because it writes them
/// through this writer, and every scalar takes <see cref="YamlText"/>'s one quoting decision.
/// <para>
/// Calls nest as the YAML does: <see cref="Key"/> then a value (<see cref="Scalar"/>, <see cref="Plain"/>,
/// <see cref="Inline"/>, or <see cref="BeginMap"/> … <see cref="EndMap"/>, or <see cref="BeginSeq"/> items), and items as
/// <see cref="BeginItem"/> … <see cref="EndItem"/> around a mapping's keys, or <see cref="Item"/> for a scalar. A
/// collection that may be empty is written with <see cref="Inline"/> or <see cref="Labels"/>, which write [] and {}.
/// </para>
/// </summary>
internal sealed class YamlWriter(PooledText text)
{
    private const int Step = 2;

    /// <summary>Where the keys of the mapping being written, or the items of the sequence being written, start.</summary>
    private int _indent;

    /// <summary>The next key follows "- " on the item's line.</summary>
    private bool _afterDash;

    public PooledText Text => text;

    /// <summary>Comment lines at the top of the document.</summary>
    public YamlWriter Header(string comment)
    {
        foreach (var line in comment.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        return this;
    }

    /// <summary>Comment lines above the next key, at its indentation.</summary>
    public YamlWriter Comment(string comment)
    {
        foreach (var line in comment.Split('\n'))
        {
            Indentation();
            text.Append("# ").Append(line).Append('\n');
        }

        return this;
    }

    public YamlWriter Key(string key)
    {
        Indentation();
        YamlScalar.AppendKey(text, key);
        text.Append(':');
        return this;
    }

    /// <summary>A string after a key; <paramref name="block"/> asks for a literal block (PromQL reads better in one).</summary>
    public YamlWriter Scalar(string value, bool block = false)
    {
        text.Append(' ');
        YamlScalar.Append(text, value, block, _indent + Step);
        text.Append('\n');
        return this;
    }

    /// <summary>A number or boolean after a key, written as it is.</summary>
    public YamlWriter Plain(string value)
    {
        text.Append(' ').Append(value).Append('\n');
        return this;
    }

    public YamlWriter Entry(string key, string value, bool block = false) => Key(key).Scalar(value, block);

    /// <summary>Any node after a key, on one line when it is a scalar, empty or a flow collection, else as a block.</summary>
    public YamlWriter Value(YNode value)
    {
        YamlText.WriteValue(this, value);
        return this;
    }

    /// <summary>A node on one line after a key: a scalar or a flow collection ([] and {} when empty).</summary>
    public YamlWriter Inline(YNode value)
    {
        text.Append(' ');
        YamlText.WriteInline(text, value, _indent + Step);
        text.Append('\n');
        return this;
    }

    /// <summary>A mapping of labels after a key, in their order; {} when there are none.</summary>
    public YamlWriter Labels(IReadOnlyList<Label> labels)
    {
        if (labels.Count == 0)
        {
            text.Append(" {}\n");
            return this;
        }

        BeginMap();
        for (var i = 0; i < labels.Count; i++)
        {
            Entry(labels[i].Name, labels[i].Value);
        }

        return EndMap();
    }

    /// <summary>A block mapping after a key: at least one key must follow before <see cref="EndMap"/>.</summary>
    public YamlWriter BeginMap()
    {
        text.Append('\n');
        _indent += Step;
        return this;
    }

    public YamlWriter EndMap()
    {
        _indent -= Step;
        return this;
    }

    /// <summary>A block sequence after a key, its items at the key's indentation: at least one item must follow.</summary>
    public YamlWriter BeginSeq()
    {
        text.Append('\n');
        return this;
    }

    /// <summary>A sequence after a key that may turn out empty: [] once <see cref="EndSeq"/> finds no item written.</summary>
    public SeqScope Seq()
    {
        text.Append('\n');
        return new SeqScope(this, text.Length);
    }

    /// <summary>An item that is a block mapping: its first key goes on the line of the dash.</summary>
    public YamlWriter BeginItem()
    {
        text.Append(' ', _indent).Append("- ");
        _afterDash = true;
        _indent += Step;
        return this;
    }

    public YamlWriter EndItem()
    {
        _indent -= Step;
        return this;
    }

    /// <summary>An item that is a scalar or a flow collection.</summary>
    public YamlWriter Item(YNode value)
    {
        text.Append(' ', _indent).Append("- ");
        YamlText.WriteInline(text, value, _indent + Step);
        text.Append('\n');
        return this;
    }

    /// <summary>An item that is a nested block sequence: its items one step further in.</summary>
    public YamlWriter BeginNestedSeq()
    {
        text.Append(' ', _indent).Append("-\n");
        _indent += Step;
        return this;
    }

    public YamlWriter EndNestedSeq()
    {
        _indent -= Step;
        return this;
    }

    private void Indentation()
    {
        if (_afterDash)
        {
            _afterDash = false;
            return;
        }

        text.Append(' ', _indent);
    }

    /// <summary>Ends a sequence begun with <see cref="Seq"/>: when nothing was written into it, its line break becomes " []".</summary>
    internal readonly struct SeqScope(YamlWriter writer, int start)
    {
        public void End()
        {
            if (writer.Text.Length == start)
            {
                writer.Text.RemoveLast();
                writer.Text.Append(" []\n");
            }
        }
    }
}
