using System.Text;

namespace MonitoringSre.Generation;

/// <summary>
/// One output file, in memory, as the UTF-8 bytes (no byte order mark) that are written. <see cref="RelativePath"/>
/// uses '/' and is relative to the monitoring output folder. Generators write bytes, not a string: a string of a large
/// file is twice its bytes, and was only ever encoded again to be compared and written.
/// </summary>
public sealed class GeneratedFile : IEquatable<GeneratedFile>
{
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly byte[] _utf8;

    public GeneratedFile(string relativePath, byte[] utf8)
    {
        RelativePath = relativePath;
        _utf8 = utf8;
    }

    public GeneratedFile(string relativePath, string content)
        : this(relativePath, Utf8NoBom.GetBytes(content))
    {
    }

    public string RelativePath { get; }

    /// <summary>The file's bytes, as written.</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>The file as text, decoded on each call: for readers that want a string, not for the build.</summary>
    public string Content => Utf8NoBom.GetString(_utf8);

    /// <summary>The same bytes under another path.</summary>
    public GeneratedFile MovedTo(string relativePath) => new(relativePath, _utf8);

    public bool Equals(GeneratedFile? other) =>
        other is not null && RelativePath == other.RelativePath && _utf8.AsSpan().SequenceEqual(other._utf8);

    public override bool Equals(object? obj) => Equals(obj as GeneratedFile);

    public override int GetHashCode() => HashCode.Combine(RelativePath, _utf8.Length);

    public override string ToString() => $"{RelativePath} ({_utf8.Length} bytes)";
}
