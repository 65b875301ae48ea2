using System.Text;

namespace MonitoringSre.Text;

/// <summary>
/// A generated file's UTF-8 bytes gathered in segments that each stay below the large object heap's 85,000 bytes. A
/// file of a hundred SLOs is a megabyte; as one array, every such file counted towards the large object budget, whose
/// exhaustion forces a full collection: a third of the pipeline's time at 100 SLOs went to those collections. In
/// segments, a file dies young with the rest of a build's garbage.
/// </summary>
internal sealed class Utf8Segments
{
    /// <summary>The largest segment: under 85,000 bytes, so never on the large object heap.</summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>The most bytes one character (or a surrogate pair's second half, with the first) can take.</summary>
    private const int MaxCharBytes = 4;

    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<ReadOnlyMemory<byte>> _done = [];
    private byte[] _current = [];
    private int _length;
    private Encoder? _encoder;

    /// <summary>Copies bytes in.</summary>
    public Utf8Segments Add(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_length == _current.Length)
            {
                Next(bytes.Length);
            }

            var n = Math.Min(bytes.Length, _current.Length - _length);
            bytes[..n].CopyTo(_current.AsSpan(_length));
            _length += n;
            bytes = bytes[n..];
        }

        return this;
    }

    /// <summary>
    /// Encodes text in. A surrogate pair split between two calls is encoded whole: the encoder keeps the first half
    /// until the next call, so text may come in any chunks. <paramref name="final"/> marks the last chunk.
    /// </summary>
    public Utf8Segments Encode(ReadOnlySpan<char> chars, bool final)
    {
        _encoder ??= Utf8NoBom.GetEncoder();
        while (true)
        {
            if (_current.Length - _length < MaxCharBytes)
            {
                // Sized for the text still to come as if it were ASCII: a small file gets a small array.
                Next(chars.Length + MaxCharBytes);
            }

            _encoder.Convert(chars, _current.AsSpan(_length), final, out var used, out var written, out var completed);
            _length += written;
            chars = chars[used..];
            if (completed)
            {
                return this;
            }
        }
    }

    public ReadOnlyMemory<byte>[] ToArray()
    {
        Close();
        return [.. _done];
    }

    /// <summary>Bytes as segments, copied.</summary>
    public static ReadOnlyMemory<byte>[] Of(ReadOnlySpan<byte> bytes) => new Utf8Segments().Add(bytes).ToArray();

    /// <summary>Text as UTF-8 segments without a byte order mark.</summary>
    public static ReadOnlyMemory<byte>[] Of(ReadOnlySpan<char> text) => new Utf8Segments().Encode(text, final: true).ToArray();

    private void Next(int wanted)
    {
        Close();
        _current = new byte[Math.Clamp(wanted, MaxCharBytes, SegmentSize)];
    }

    private void Close()
    {
        if (_length > 0)
        {
            _done.Add(_current.AsMemory(0, _length));
        }

        _current = [];
        _length = 0;
    }
}
