using System.Buffers.Binary;
using System.Text;

namespace MonitoringSre.IntegrationTests.Support.Otlp;

/// <summary>
/// The protobuf wire format, as far as OTLP requests and Prometheus' remote-write requests need it: a reader over a
/// message's fields and a writer of one. (The OTLP and remote-write schemas are small enough to walk by field number;
/// no code generator or protobuf runtime is needed for a test's receiver.)
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (_at >= _data.Length)
        {
            return false;
        }

        var key = ReadVarint();
        Field = (int)(key >> 3);
        WireType = (int)(key & 7);
        return true;
    }

    public ulong Varint() => ReadVarint();

    public ulong Fixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_at..]);
        _at += 8;
        return value;
    }

    public double Double() => BitConverter.UInt64BitsToDouble(Fixed64());

    public ReadOnlySpan<byte> Bytes()
    {
        var length = (int)ReadVarint();
        var bytes = _data.Slice(_at, length);
        _at += length;
        return bytes;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    /// <summary>A repeated fixed64 or double field, packed (one length-delimited run) or not (one value).</summary>
    public IEnumerable<ulong> Fixed64s()
    {
        if (WireType == 1)
        {
            return [Fixed64()];
        }

        var packed = Bytes();
        var values = new ulong[packed.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(packed[(i * 8)..]);
        }

        return values;
    }

    /// <summary>Every occurrence of a repeated message field of <paramref name="message"/>, in order.</summary>
    public static List<byte[]> Children(ReadOnlySpan<byte> message, int field)
    {
        var children = new List<byte[]>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == field && reader.WireType == 2)
            {
                children.Add(reader.Bytes().ToArray());
            }
            else
            {
                reader.Skip();
            }
        }

        return children;
    }

    /// <summary>The <paramref name="inner"/> fields of each <paramref name="outer"/> field: ResourceLogs → ScopeLogs, say.</summary>
    public static IEnumerable<byte[]> Nested(byte[] message, int outer, int inner) =>
        Children(message, outer).SelectMany(child => Children(child, inner));

    public void Skip()
    {
        switch (WireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _at += 8;
                break;
            case 2:
                var length = (int)ReadVarint(); // read first: `_at += ReadVarint()` would add to _at as it was before the length
                _at += length;
                break;
            case 5:
                _at += 4;
                break;
            default:
                throw new InvalidDataException("unsupported protobuf wire type " + WireType);
        }
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _data[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}

/// <summary>Writes one protobuf message: fields in the order given.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Double(int field, double value)
    {
        Key(field, 1);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, BitConverter.DoubleToUInt64Bits(value));
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter Int64(int field, long value)
    {
        Key(field, 0);
        Varint((ulong)value);
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    private ProtoWriter Bytes(int field, byte[] bytes)
    {
        Key(field, 2);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    private void Key(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}

/// <summary>
/// Snappy's block format, compressing nothing: the uncompressed length, then the data as literals of at most 64 KiB.
/// It is what remote-write's Content-Encoding: snappy requires, and every snappy decoder reads it.
/// </summary>
internal static class SnappyBlock
{
    public static byte[] Literal(byte[] data)
    {
        var output = new MemoryStream(data.Length + 16);
        for (var n = (uint)data.Length; ; n >>= 7)
        {
            if (n < 0x80)
            {
                output.WriteByte((byte)n);
                break;
            }

            output.WriteByte((byte)(n | 0x80));
        }

        for (var at = 0; at < data.Length; at += 65536)
        {
            var length = Math.Min(65536, data.Length - at);
            // A literal's tag: length - 1 in the upper six bits up to 59; 60 and 61 say it follows in one or two bytes, little-endian.
            output.WriteByte(61 << 2);
            output.WriteByte((byte)((length - 1) & 0xFF));
            output.WriteByte((byte)((length - 1) >> 8));
            output.Write(data, at, length);
        }

        return output.ToArray();
    }
}
