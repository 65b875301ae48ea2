using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// Builds a mapping of the spec an imported file stands for. Values are the imported file's own nodes (or new ones at
/// the place they come from), so every later diagnostic points into the file the team wrote.
/// </summary>
internal sealed class SpecTreeBuilder(SourceLocation location)
{
    private readonly List<SpecEntry> _entries = [];

    public bool IsEmpty => _entries.Count == 0;

    public SpecTreeBuilder Add(string key, SpecNode? value)
    {
        if (value is not null)
        {
            _entries.Add(new SpecEntry(new SpecScalar(value.Location, key, isPlain: true, tag: null), value));
        }

        return this;
    }

    /// <summary>Adds a nested mapping unless it came out empty.</summary>
    public SpecTreeBuilder Add(string key, SpecTreeBuilder value) => value.IsEmpty ? this : Add(key, value.Build());

    public SpecMapping Build() => new(location, _entries);

    public static SpecScalar Plain(SourceLocation at, string value) => new(at, value, isPlain: true, tag: null);

    public static SpecScalar Text(SourceLocation at, string value) => new(at, value, isPlain: false, tag: null);
}
