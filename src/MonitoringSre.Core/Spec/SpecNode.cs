using MonitoringSre.Diagnostics;

namespace MonitoringSre.Spec;

/// <summary>A node of the parsed monitoring.yaml. Every node keeps where it starts so diagnostics can point at it.</summary>
public abstract class SpecNode
{
    protected SpecNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }
}

public sealed class SpecScalar : SpecNode
{
    public SpecScalar(SourceLocation location, string value, bool isPlain, string? tag)
        : base(location)
    {
        Value = value;
        IsPlain = isPlain;
        Tag = tag;
    }

    public string Value { get; }

    /// <summary>Plain (unquoted) scalars are typed by YAML 1.2's core schema; quoted ones are always strings.</summary>
    public bool IsPlain { get; }

    public string? Tag { get; }
}

public sealed class SpecSequence : SpecNode
{
    public SpecSequence(SourceLocation location, IReadOnlyList<SpecNode> items)
        : base(location) => Items = items;

    public IReadOnlyList<SpecNode> Items { get; }
}

public sealed class SpecMapping : SpecNode
{
    public SpecMapping(SourceLocation location, IReadOnlyList<SpecEntry> entries)
        : base(location) => Entries = entries;

    public IReadOnlyList<SpecEntry> Entries { get; }

    public SpecNode? this[string key] => Find(key)?.Value;

    public SpecEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }
}

public sealed record SpecEntry(SpecScalar Key, SpecNode Value);
