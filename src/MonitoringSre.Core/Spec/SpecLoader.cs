using MonitoringSre.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MonitoringSre.Spec;

/// <summary>
/// Turns the bytes of monitoring.yaml into a <see cref="SpecDocument"/>, or into diagnostics. Never throws for bad input:
/// size, encoding, syntax, duplicate keys, extra documents and alias bombs all become diagnostics.
/// </summary>
public static class SpecLoader
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Aliases share nodes, so a small file can stand for a huge tree; these bound the expanded tree.</summary>
    public const int MaxExpandedNodes = 100_000;

    public const int MaxDepth = 64;

    public static (SpecDocument? Document, IReadOnlyList<Diagnostic> Diagnostics) Load(string file, byte[] bytes)
    {
        var diagnostics = new List<Diagnostic>();
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TooLarge, SourceLocation.WholeFile(file), bytes.Length, MaxBytes));
            return (null, diagnostics);
        }

        if (!SpecDecoder.TryDecode(file, bytes, out var text, out var encodingError))
        {
            diagnostics.Add(encodingError!);
            return (null, diagnostics);
        }

        var lines = new LineMap(text);
        var more = new List<SpecNode>();
        SpecNode? root;
        try
        {
            root = Parse(file, text, lines, diagnostics, more);
        }
        catch (TooDeepException e)
        {
            var (line, column) = lines.At(e.Index);
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TooComplex, new SourceLocation(file, line, column), MaxExpandedNodes, MaxDepth));
            return (null, diagnostics);
        }
        catch (YamlException e)
        {
            var (line, column) = lines.At(e.Start.Index);
            var at = YamlSyntaxLocator.Locate(lines.Lines, line, column, TrimYamlMessage(e));
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.YamlSyntax, new SourceLocation(file, at.Line, at.Column), at.Message));
            return (null, diagnostics);
        }
        catch (UnpositionedSyntaxException e)
        {
            var (line, column) = lines.At(e.Index);
            var at = YamlSyntaxLocator.LocateUnpositioned(lines.Lines, line, column);
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.YamlSyntax, new SourceLocation(file, at.Line, at.Column), at.Message));
            return (null, diagnostics);
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics);
        }

        if (root is null || (root is SpecScalar s && s.IsPlain && s.Value.Length == 0))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.EmptySpec, SourceLocation.WholeFile(file)));
            return (null, diagnostics);
        }

        if (root is not SpecMapping mapping)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, root.Location, "the document", "a mapping of keys to values",
                "Start the file with 'service: <name>'."));
            return (null, diagnostics);
        }

        // A file that ends with '---' holds an empty last document: nothing to read, nothing wrong.
        more.RemoveAll(m => m is SpecScalar { IsPlain: true, Value: "" });
        foreach (var other in more.Where(m => m is not SpecMapping))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, other.Location, "the document", "a mapping of keys to values",
                "Start each document with its header, as the first one starts."));
        }

        return diagnostics.Any(d => d.IsError)
            ? (null, diagnostics)
            : (new SpecDocument(file, mapping) { More = more.OfType<SpecMapping>().ToList() }, diagnostics);
    }

    private static SpecNode? Parse(string file, string text, LineMap lines, List<Diagnostic> diagnostics, List<SpecNode> more)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        SpecNode? root = null;
        var documents = 0;

        SourceLocation At(ParsingEvent e)
        {
            var (line, column) = lines.At(e.Start.Index);
            return new SourceLocation(file, line, column);
        }

        void Emit(SpecNode node)
        {
            if (stack.Count == 0)
            {
                if (documents > 1)
                {
                    more.Add(node);
                }
                else
                {
                    root = node;
                }

                return;
            }

            stack.Peek().Add(node, diagnostics);
        }

        var lastIndex = 0L;
        while (MoveNext(parser, lastIndex))
        {
            var current = parser.Current!;
            lastIndex = current.Start.Index;
            switch (current)
            {
                case DocumentStart:
                    documents++;
                    // OpenSLO keeps a service's SLIs and SLOs as documents of one file, and Sloth reads a file of several
                    // services or SLO groups; a monitoring.yaml is one document.
                    if (documents == 2 && !Import.SpecFormats.AllowsManyDocuments(root))
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MultipleDocuments, At(current)));
                        return root;
                    }

                    // Anchors belong to their document.
                    anchors.Clear();
                    break;
                case Scalar scalar:
                {
                    var node = new SpecScalar(At(scalar), scalar.Value, scalar.Style == ScalarStyle.Plain, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                    Remember(scalar.Anchor, node, anchors);
                    Emit(node);
                    break;
                }

                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor");
                    }

                    Emit(target);
                    break;
                case SequenceStart sequenceStart:
                    stack.Push(new Frame(At(sequenceStart), isMapping: false, sequenceStart.Anchor));
                    CheckDepth(stack, sequenceStart);
                    break;
                case MappingStart mappingStart:
                    stack.Push(new Frame(At(mappingStart), isMapping: true, mappingStart.Anchor));
                    CheckDepth(stack, mappingStart);
                    break;
                case SequenceEnd or MappingEnd:
                {
                    var frame = stack.Pop();
                    var node = frame.Build();
                    Remember(frame.Anchor, node, anchors);
                    Emit(node);
                    break;
                }
            }
        }

        return root;
    }

    /// <summary>
    /// YamlDotNet's scanner throws plain exceptions, with no position, for some malformed input (an unclosed flow
    /// mapping followed by more lines); they are syntax errors of the file like any other.
    /// </summary>
    private static bool MoveNext(Parser parser, long lastIndex)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception e) when (e is not YamlException)
        {
            throw new UnpositionedSyntaxException(lastIndex);
        }
    }

    private static void CheckDepth(Stack<Frame> stack, ParsingEvent e)
    {
        if (stack.Count > MaxDepth)
        {
            throw new TooDeepException(e.Start.Index);
        }
    }

    private static void Remember(AnchorName anchor, SpecNode node, Dictionary<string, SpecNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static string TrimYamlMessage(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; the position is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        return message.Trim();
    }

    /// <summary>The parser failed without saying where; <see cref="Index"/> is where the last event it read began.</summary>
    private sealed class UnpositionedSyntaxException(long index) : Exception
    {
        public long Index { get; } = index;
    }

    private sealed class TooDeepException(long index) : Exception
    {
        public long Index { get; } = index;
    }

    private sealed class Frame
    {
        private readonly List<SpecNode> _items = [];
        private readonly List<SpecEntry> _entries = [];
        private readonly Dictionary<string, SourceLocation> _seenKeys = new(StringComparer.Ordinal);
        private SpecNode? _pendingKey;

        public Frame(SourceLocation location, bool isMapping, AnchorName anchor)
        {
            Location = location;
            IsMapping = isMapping;
            Anchor = anchor;
        }

        public SourceLocation Location { get; }

        public bool IsMapping { get; }

        public AnchorName Anchor { get; }

        public void Add(SpecNode node, List<Diagnostic> diagnostics)
        {
            if (!IsMapping)
            {
                _items.Add(node);
                return;
            }

            if (_pendingKey is null)
            {
                _pendingKey = node;
                return;
            }

            var key = _pendingKey as SpecScalar
                ?? new SpecScalar(_pendingKey.Location, "<complex key>", isPlain: false, tag: null);
            _pendingKey = null;
            if (_seenKeys.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateKey, key.Location, key.Value, first.Line));
                return;
            }

            _seenKeys[key.Value] = key.Location;
            _entries.Add(new SpecEntry(key, node));
        }

        public SpecNode Build() => IsMapping
            ? new SpecMapping(Location, _entries)
            : new SpecSequence(Location, _items);
    }
}
