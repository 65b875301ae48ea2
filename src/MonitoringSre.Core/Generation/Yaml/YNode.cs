namespace MonitoringSre.Generation.Yaml;

/// <summary>A YAML tree to emit. Generators build these; <see cref="YamlText"/> turns them into text with correct quoting.</summary>
public abstract record YNode
{
    public static implicit operator YNode(string value) => new YScalar(value);
}

/// <summary>A string scalar. Multi-line values, and any value marked <see cref="Block"/> (PromQL), are written as literal blocks.</summary>
public sealed record YScalar(string Value, bool Block = false) : YNode;

/// <summary>A number or boolean written as is (never quoted).</summary>
public sealed record YPlain(string Value) : YNode;

public sealed record YSeq(IReadOnlyList<YNode> Items) : YNode
{
    public YSeq(params YNode[] items)
        : this((IReadOnlyList<YNode>)items)
    {
    }
}

/// <summary>
/// A sequence whose items are made while it is written: a file's thousands of test scenarios or rule groups then never
/// live as one tree, each item's nodes die young, and generation stays linear in SLOs. Written like a <see cref="YSeq"/>
/// with the same items; <see cref="Items"/> is enumerated once per write.
/// </summary>
public sealed record YStream(IEnumerable<YNode> Items) : YNode;

/// <summary>A mapping whose keys keep the order they were added in, so output is stable and reads top-down.</summary>
public sealed record YMap(IReadOnlyList<KeyValuePair<string, YNode>> Entries) : YNode
{
    /// <summary>When set, the map is written on one line: {a: 1, b: 2}.</summary>
    public bool Flow { get; init; }

    /// <summary>Comment lines written above a key (scaffolded files explain themselves).</summary>
    public IReadOnlyDictionary<string, string> CommentsBefore { get; init; } = NoComments;

    /// <summary>Shared by every map without comments: generated files hold tens of thousands of maps.</summary>
    internal static IReadOnlyDictionary<string, string> NoComments { get; } = new Dictionary<string, string>();
}

/// <summary>Builds a <see cref="YMap"/> in insertion order; a later Set of the same key replaces the value in place.</summary>
public sealed class YMapBuilder
{
    private List<KeyValuePair<string, YNode>> _entries;
    private Dictionary<string, string>? _comments;

    /// <summary>Whether a built map holds <see cref="_entries"/>: the next Set copies them first.</summary>
    private bool _built;

    public YMapBuilder()
        : this(4)
    {
    }

    /// <param name="capacity">How many keys the map will hold, where that is known: no list grown and copied on the way.</param>
    public YMapBuilder(int capacity) => _entries = new(capacity);

    /// <summary>Sets a key with a comment written on the lines above it.</summary>
    public YMapBuilder Set(string key, YNode? value, string comment)
    {
        (_comments ??= [])[key] = comment;
        return Set(key, value);
    }

    public YMapBuilder Set(string key, YNode? value)
    {
        if (value is null)
        {
            return this;
        }

        if (_built)
        {
            _entries = [.. _entries];
            _built = false;
        }

        var i = IndexOf(key);
        if (i >= 0)
        {
            _entries[i] = new(key, value);
        }
        else
        {
            _entries.Add(new(key, value));
        }

        return this;
    }

    public bool Contains(string key) => IndexOf(key) >= 0;

    /// <summary>A loop rather than FindIndex with a lambda: Set runs for every key of every generated map.</summary>
    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    public int Count => _entries.Count;

    /// <summary>The map, sharing this builder's entries until the next Set (generated files hold tens of thousands of maps).</summary>
    public YMap Build(bool flow = false)
    {
        _built = true;
        return new(_entries)
        {
            Flow = flow,
            CommentsBefore = _comments is null ? YMap.NoComments : new Dictionary<string, string>(_comments),
        };
    }
}
