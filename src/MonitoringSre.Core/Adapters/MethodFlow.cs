namespace MonitoringSre.Adapters;

/// <summary>
/// The branches of one method body, to tell a call every normal run of the method makes from one behind a condition
/// (<c>if (useOtlp) builder.Services.AddOpenTelemetry().UseOtlpExporter();</c>). A call is conditional when some path
/// from the method's start to a <c>ret</c> avoids its basic block. Paths that end in a throw are no normal run;
/// exception handlers are entered by no branch, so a call in a catch block is conditional.
/// </summary>
internal sealed class MethodFlow
{
    /// <summary>Bodies with more blocks than this are not judged: their calls are reported with no condition.</summary>
    private const int MaxBlocks = 2000;

    private readonly List<(int Offset, FlowKind Kind, int[] Targets)> _jumps = [];
    private readonly SortedSet<int> _leaders = [0];

    public void Jump(int offset, int next, FlowKind kind, params int[] targets)
    {
        _jumps.Add((offset, kind, targets));
        _leaders.Add(next);
        foreach (var target in targets)
        {
            _leaders.Add(target);
        }
    }

    public bool HasBranches => _jumps.Any(j => j.Kind is FlowKind.Conditional or FlowKind.Switch);

    /// <summary>For each offset, whether a normal run of the method can skip it; null when the body is too large to judge.</summary>
    public IReadOnlyDictionary<int, bool>? Conditional(IEnumerable<int> offsets, int bodyLength)
    {
        var leaders = _leaders.Where(l => l < bodyLength).ToArray();
        if (leaders.Length > MaxBlocks)
        {
            return null;
        }

        int BlockOf(int offset)
        {
            var i = Array.BinarySearch(leaders, offset);
            return i >= 0 ? i : ~i - 1;
        }

        var successors = new List<int>[leaders.Length];
        var returns = new bool[leaders.Length];
        var ends = new bool[leaders.Length]; // the block's last instruction leaves it (jump, return, throw)
        for (var b = 0; b < leaders.Length; b++)
        {
            successors[b] = [];
        }

        foreach (var (offset, kind, targets) in _jumps)
        {
            var b = BlockOf(offset);
            ends[b] = true;
            switch (kind)
            {
                case FlowKind.Return:
                    returns[b] = true;
                    break;
                case FlowKind.Throw:
                    break;
                case FlowKind.Unconditional:
                    successors[b].AddRange(targets.Select(BlockOf));
                    break;
                default: // conditional and switch fall through too
                    successors[b].AddRange(targets.Select(BlockOf));
                    if (b + 1 < leaders.Length)
                    {
                        successors[b].Add(b + 1);
                    }

                    break;
            }
        }

        for (var b = 0; b + 1 < leaders.Length; b++)
        {
            if (!ends[b])
            {
                successors[b].Add(b + 1);
            }
        }

        var answers = new Dictionary<int, bool>();
        var byBlock = new Dictionary<int, bool>();
        foreach (var offset in offsets)
        {
            var block = BlockOf(offset);
            if (!byBlock.TryGetValue(block, out var conditional))
            {
                conditional = block != 0 && ReturnsAvoiding(block, successors, returns);
                byBlock[block] = conditional;
            }

            answers[offset] = conditional;
        }

        return answers;
    }

    private static bool ReturnsAvoiding(int avoided, List<int>[] successors, bool[] returns)
    {
        var seen = new bool[successors.Length];
        var stack = new Stack<int>();
        stack.Push(0);
        seen[0] = true;
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            if (returns[b])
            {
                return true;
            }

            foreach (var next in successors[b])
            {
                if (next != avoided && !seen[next])
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        return false;
    }
}

internal enum FlowKind
{
    Conditional,
    Unconditional,
    Switch,
    Return,
    Throw,
}
