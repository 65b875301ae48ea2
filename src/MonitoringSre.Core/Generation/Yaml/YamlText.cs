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

        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
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

    private static Scalar StringScalar(string value, bool block = false)
    {
        if ((block || value.Contains('\n', StringComparison.Ordinal)) && !value.Contains('\r', StringComparison.Ordinal)
            && value == value.TrimStart(' ') && !value.EndsWith(' '))
        {
            return new Scalar(null, null, value, ScalarStyle.Literal, isPlainImplicit: false, isQuotedImplicit: true);
        }

        var plain = SafePlain.IsMatch(value) && !Yaml11Words.Contains(value) && !value.EndsWith(' ') && !value.EndsWith(':')
            && !value.Contains(": ", StringComparison.Ordinal);
        // Single quotes read better for values holding double quotes (PromQL matchers) and need no escapes.
        var quoted = value.Contains('"', StringComparison.Ordinal) && !value.Contains('\'', StringComparison.Ordinal) && value.All(c => !char.IsControl(c))
            ? ScalarStyle.SingleQuoted
            : ScalarStyle.DoubleQuoted;
        return new Scalar(null, null, value, plain ? ScalarStyle.Any : quoted, isPlainImplicit: plain, isQuotedImplicit: true);
    }
}
