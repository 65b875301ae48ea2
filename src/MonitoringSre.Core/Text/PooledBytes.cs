using System.Buffers;

namespace MonitoringSre.Text;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array rented from the shared pool, for JSON written with Utf8JsonWriter:
/// pooled as <see cref="PooledText"/> is, so a dashboard of a thousand SLOs is not grown by doubling every time it is
/// written. Dispose returns the array.
/// </summary>
internal sealed class PooledBytes : IBufferWriter<byte>, IDisposable
{
    private byte[] _bytes;
    private int _length;

    public PooledBytes(int capacity) => _bytes = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _length);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_bytes.Length - _length))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(_length);
    }

    public void Dispose()
    {
        var bytes = _bytes;
        _bytes = [];
        _length = 0;
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_length + needed <= _bytes.Length)
        {
            return;
        }

        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_length + needed, _bytes.Length * 2));
        _bytes.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = next;
    }
}
