using MonitoringSre.Text;

namespace MonitoringSre.Generation;

/// <summary>
/// One output file, in memory, as the UTF-8 bytes (no byte order mark) that are written. <see cref="RelativePath"/>
/// uses '/' and is relative to the monitoring output folder. Generators write bytes, not a string: a string of a large
/// file is twice its bytes, and was only ever encoded again to be compared and written. The bytes are held in
/// segments below the large object heap's threshold (<see cref="Utf8Segments"/>).
/// </summary>
public sealed class GeneratedFile : IEquatable<GeneratedFile>
{
    private readonly ReadOnlyMemory<byte>[] _segments;

    public GeneratedFile(string relativePath, byte[] utf8)
        : this(relativePath, [utf8])
    {
    }

    public GeneratedFile(string relativePath, string content)
        : this(relativePath, Utf8Segments.Of(content))
    {
    }

    internal GeneratedFile(string relativePath, ReadOnlyMemory<byte>[] segments)
    {
        RelativePath = relativePath;
        _segments = segments;
        Length = segments.Sum(s => (long)s.Length);
    }

    public string RelativePath { get; }

    /// <summary>How many bytes the file holds.</summary>
    public long Length { get; }

    /// <summary>The file's bytes, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Segments => _segments;

    /// <summary>The file as text: for readers that want a string, not for the build.</summary>
    public string Content => Utf8Segments.Utf8NoBom.GetString(ToArray());

    /// <summary>The file's bytes in one array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var at = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(bytes.AsSpan(at));
            at += segment.Length;
        }

        return bytes;
    }

    /// <summary>Whether <paramref name="bytes"/> are this file's bytes.</summary>
    public bool ContentEquals(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            return false;
        }

        foreach (var segment in _segments)
        {
            if (!bytes.StartsWith(segment.Span))
            {
                return false;
            }

            bytes = bytes[segment.Length..];
        }

        return true;
    }

    /// <summary>The same bytes under another path.</summary>
    public GeneratedFile MovedTo(string relativePath) => new(relativePath, _segments);

    public bool Equals(GeneratedFile? other)
    {
        if (other is null || RelativePath != other.RelativePath || Length != other.Length)
        {
            return false;
        }

        // Segment by segment, without copying either file: their segment boundaries need not line up.
        var theirs = 0;
        var offset = 0;
        foreach (var segment in _segments)
        {
            var mine = segment.Span;
            while (mine.Length > 0)
            {
                var span = other._segments[theirs].Span[offset..];
                var n = Math.Min(span.Length, mine.Length);
                if (!mine[..n].SequenceEqual(span[..n]))
                {
                    return false;
                }

                mine = mine[n..];
                offset += n;
                if (offset == other._segments[theirs].Length)
                {
                    theirs++;
                    offset = 0;
                }
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GeneratedFile);

    public override int GetHashCode() => HashCode.Combine(RelativePath, Length);

    public override string ToString() => $"{RelativePath} ({Length} bytes)";
}
