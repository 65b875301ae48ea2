using System.Buffers;

namespace MonitoringSre.Text;

/// <summary>
/// Text built in arrays rented from the shared pool, for generated files and expanded alert texts. A StringBuilder
/// grew a file of a thousand SLOs in thousands of small chunks that lived, and were copied by the collector, until the
/// file was done; a builder kept per thread instead held its memory for as long as a build node lived. Here each new
/// chunk is twice the size of the one before and nothing is copied until <see cref="ToString"/>; the pool hands the
/// same arrays to the next file and gives them back to the system when they go unused. Dispose returns them.
/// </summary>
internal sealed class PooledText : IDisposable
{
    /// <summary>The chunks filled before <see cref="_current"/>, each to its full length.</summary>
    private readonly List<char[]> _full = [];

    private char[] _current;
    private int _position;
    private int _lengthOfFull;

    public PooledText(int capacity) => _current = ArrayPool<char>.Shared.Rent(capacity);

    public int Length => _lengthOfFull + _position;

    public PooledText Append(char c)
    {
        if (_position == _current.Length)
        {
            NextChunk(1);
        }

        _current[_position++] = c;
        return this;
    }

    public PooledText Append(char c, int count)
    {
        while (count > 0)
        {
            if (_position == _current.Length)
            {
                NextChunk(count);
            }

            var n = Math.Min(count, _current.Length - _position);
            _current.AsSpan(_position, n).Fill(c);
            _position += n;
            count -= n;
        }

        return this;
    }

    public PooledText Append(string? text) => Append(text.AsSpan());

    public PooledText Append(ReadOnlySpan<char> text)
    {
        if (text.TryCopyTo(_current.AsSpan(_position)))
        {
            _position += text.Length;
            return this;
        }

        while (!text.IsEmpty)
        {
            if (_position == _current.Length)
            {
                NextChunk(text.Length);
            }

            var n = Math.Min(text.Length, _current.Length - _position);
            text[..n].CopyTo(_current.AsSpan(_position));
            _position += n;
            text = text[n..];
        }

        return this;
    }

    /// <summary>Takes back the last character appended (a writer that finds it was not needed).</summary>
    public void RemoveLast()
    {
        if (_position == 0)
        {
            throw new InvalidOperationException("the last character is in a chunk already filled");
        }

        _position--;
    }

    public override string ToString() => string.Create(Length, this, static (chars, self) =>
    {
        foreach (var chunk in self._full)
        {
            chunk.CopyTo(chars);
            chars = chars[chunk.Length..];
        }

        self._current.AsSpan(0, self._position).CopyTo(chars);
    });

    /// <summary>The text as UTF-8 without a byte order mark, encoded from the chunks into segments (<see cref="Utf8Segments"/>).</summary>
    public ReadOnlyMemory<byte>[] ToUtf8()
    {
        var segments = new Utf8Segments();
        foreach (var chunk in _full)
        {
            segments.Encode(chunk, final: false);
        }

        return segments.Encode(_current.AsSpan(0, _position), final: true).ToArray();
    }

    public void Dispose()
    {
        foreach (var chunk in _full)
        {
            ArrayPool<char>.Shared.Return(chunk);
        }

        _full.Clear();
        _lengthOfFull = 0;
        if (_current.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_current);
            _current = [];
        }

        _position = 0;
    }

    private void NextChunk(int needed)
    {
        _full.Add(_current);
        _lengthOfFull += _current.Length;
        _current = ArrayPool<char>.Shared.Rent(Math.Max(needed, _current.Length * 2));
        _position = 0;
    }
}
