using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MonitoringSre.Generation.Yaml;

/// <summary>
/// Writes a <see cref="YNode"/> tree through YamlDotNet's emitter. A string that a YAML 1.1 or 1.2 reader (Prometheus
/// uses Go's yaml) would take for a number, boolean or null is double-quoted, so every label value stays a string.
/// </summary>
public static class YamlText
{
    // Plain only when it cannot be read as anything but a string by YAML 1.1 or 1.2.
    private static readonly Regex SafePlain = new(@"^[A-Za-z_/$][A-Za-z0-9_\-./$: ]*$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    };

    public static string Write(YNode root, string? headerComment = null)
    {
        var sb = new StringBuilder();
        if (headerComment is not null)
        {
            foreach (var line in headerComment.Split('\n'))
            {
                sb.Append("# ").Append(line).Append('\n');
            }
        }

        using (var writer = new StringWriter(sb) { NewLine = "\n" })
        {
            var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            Emit(emitter, root);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        // The emitter writes U+FEFF raw even inside double quotes, where YAML readers refuse it; only double-quoted
        // scalars can hold one (see IsPrintable), and there the escape is read back as the character.
        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\uFEFF", "\\uFEFF", StringComparison.Ordinal);
    }

    private static void Emit(IEmitter emitter, YNode node)
    {
        switch (node)
        {
            case YPlain plain:
                emitter.Emit(new Scalar(null, null, plain.Value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case YScalar scalar:
                emitter.Emit(StringScalar(scalar.Value, scalar.Block));
                break;
            case YSeq seq:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, seq.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in seq.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YMap map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, map.Flow || map.Entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map.Entries)
                {
                    if (map.CommentsBefore.TryGetValue(key, out var comment))
                    {
                        foreach (var line in comment.Split('\n'))
                        {
                            emitter.Emit(new Comment(line, isInline: false));
                        }
                    }

                    emitter.Emit(StringScalar(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new InvalidOperationException("unknown YAML node " + node.GetType().Name);
        }
    }

    /// <summary>
    /// A string cut in the middle of a surrogate pair (a shortened title, say) cannot be written as UTF-8; the half
    /// character becomes U+FFFD, as a UTF-8 encoder would make of it, instead of failing the build.
    /// </summary>
    private static string WellFormed(string value)
    {
        if (!value.Any(char.IsSurrogate))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(value, i++, 2);
            }
            else
            {
                sb.Append(char.IsSurrogate(value[i]) ? '\uFFFD' : value[i]);
            }
        }

        return sb.ToString();
    }

    private static Scalar StringScalar(string value, bool block = false)
    {
        value = WellFormed(value);
        var printable = value.All(IsPrintable);
        // A literal block reads back unchanged only when it starts with text: leading spaces or line breaks would be
        // taken for indentation or dropped, and a value of nothing but line breaks reads back as empty.
        if ((block || value.Contains('\n', StringComparison.Ordinal)) && printable
            && value.Length > 0 && value[0] is not (' ' or '\n' or '\t') && !value.EndsWith(' ') && !value.EndsWith('\t'))
        {
            return new Scalar(null, null, value, ScalarStyle.Literal, isPlainImplicit: false, isQuotedImplicit: true);
        }

        var plain = SafePlain.IsMatch(value) && !Yaml11Words.Contains(value) && !value.EndsWith(' ') && !value.EndsWith(':')
            && !value.Contains(": ", StringComparison.Ordinal);
        // Single quotes read better for values holding double quotes (PromQL matchers) and need no escapes.
        var quoted = value.Contains('"', StringComparison.Ordinal) && !value.Contains('\'', StringComparison.Ordinal) && printable
            && !value.Contains('\n', StringComparison.Ordinal)
            ? ScalarStyle.SingleQuoted
            : ScalarStyle.DoubleQuoted;
        return new Scalar(null, null, value, plain ? ScalarStyle.Any : quoted, isPlainImplicit: plain, isQuotedImplicit: true);
    }

    /// <summary>
    /// What YAML readers (Go's, which Prometheus uses, included) accept raw inside a scalar and read back unchanged: no
    /// control characters, no byte order mark, no U+2028/U+2029 (YAML 1.1 line breaks). Anything else is written
    /// double-quoted, where the emitter escapes it.
    /// </summary>
    private static bool IsPrintable(char c) =>
        c is '\n' or '\t' or (>= ' ' and <= '~') || (c >= '\u00A0' && c != '\u2028' && c != '\u2029' && c != '\uFEFF' && c is < '\uFFFE' && !char.IsControl(c));
}
