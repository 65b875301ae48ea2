using System.Text;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Spec;

/// <summary>A spec's bytes as text: strict UTF-8 (a byte-order mark allowed), else MON002 at the first bad byte's line and column.</summary>
internal static class SpecDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string file, byte[] bytes, out string text, out Diagnostic? error)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            error = null;
            return true;
        }
        catch (DecoderFallbackException)
        {
            var offset = IndexOfInvalidUtf8(bytes, start);
            var (line, column) = LineAndColumn(bytes, start, offset);
            text = string.Empty;
            error = Diagnostic.Create(DiagnosticCatalog.NotUtf8, new SourceLocation(file, line, column), bytes[Math.Min(offset, bytes.Length - 1)]);
            return false;
        }
    }

    private static int IndexOfInvalidUtf8(byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        var valid = 0;
        while (valid < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[valid..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            valid += consumed;
        }

        return start + valid;
    }

    /// <summary>Where the byte at <paramref name="offset"/> is: the bytes before it are valid UTF-8.</summary>
    private static (int Line, int Column) LineAndColumn(byte[] bytes, int start, int offset)
    {
        var before = Encoding.UTF8.GetString(bytes, start, Math.Max(0, offset - start));
        return new LineMap(before).At(before.Length);
    }
}
