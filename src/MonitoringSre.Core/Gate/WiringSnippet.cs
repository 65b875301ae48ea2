using System.Text;
using System.Text.RegularExpressions;

namespace MonitoringSre.Gate;

/// <summary>
/// Criterion 1's missing calls as one paste: the packages to add, then the code in the places it goes, every
/// OpenTelemetry call in one <c>AddOpenTelemetry()</c> chain (appended to the service's own when it has one). Pasted
/// alone it wires everything the findings name, in one round: a check that is only made once another call is there
/// (the scrape endpoint, once the Prometheus exporter is) comes with that call.
/// </summary>
internal static partial class WiringSnippet
{
    /// <summary>Null unless at least two fixes are code to paste: one fix is its finding's own advice already.</summary>
    /// <param name="setup">The service's own AddOpenTelemetry() call, described ("Program.&lt;Main&gt;$ in Program.cs, line 9"), when it has one.</param>
    public static string? Of(IReadOnlyList<WiringFix> fixes, IReadOnlyList<string> addPackages, string? setup)
    {
        var code = fixes.Where(f => f.Place is FixPlace.BeforeBuild or FixPlace.AfterBuild).Distinct().ToList();
        if (code.Count < 2)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var add in addPackages.Distinct(StringComparer.Ordinal))
        {
            sb.Append("// ").Append(add).Append('\n');
        }

        var usings = code.Where(f => f.Using is not null)
            .SelectMany(f => f.Using!.Split("; using ", StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (usings.Count > 0)
        {
            sb.Append(sb.Length > 0 ? "\n" : string.Empty).Append("// at the top of the file\n");
            foreach (var u in usings)
            {
                sb.Append("using ").Append(u).Append(";\n");
            }
        }

        var before = code.Where(f => f.Place == FixPlace.BeforeBuild && f.Chain is null).Select(f => f.Code).ToList();
        var chain = Merge(code.Where(f => f.Chain is not null).Select(f => f.Chain!));
        if (before.Count > 0 || (chain.Count > 0 && setup is null))
        {
            sb.Append(sb.Length > 0 ? "\n" : string.Empty).Append("// before builder.Build()\n");
            foreach (var statement in before)
            {
                sb.Append(statement).Append('\n');
            }

            if (chain.Count > 0 && setup is null)
            {
                sb.Append("builder.Services.AddOpenTelemetry()");
                foreach (var call in chain)
                {
                    sb.Append("\n    ").Append(call);
                }

                sb.Append(";\n");
            }
        }

        if (chain.Count > 0 && setup is not null)
        {
            sb.Append(sb.Length > 0 ? "\n" : string.Empty).Append("// appended to the AddOpenTelemetry() of ").Append(setup).Append('\n');
            sb.Append(string.Join("\n", chain)).Append('\n');
        }

        var after = code.Where(f => f.Place == FixPlace.AfterBuild).Select(f => f.Code).ToList();
        if (after.Count > 0)
        {
            sb.Append(sb.Length > 0 ? "\n" : string.Empty).Append("// after var app = builder.Build();\n");
            foreach (var statement in after)
            {
                sb.Append(statement).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// <c>.WithMetrics(metrics => metrics.A())</c> and <c>.WithMetrics(metrics => metrics.B())</c> become
    /// <c>.WithMetrics(metrics => metrics.A().B())</c>, in the order first seen; a bare <c>.WithLogging()</c> goes into a
    /// configured one. Anything of another shape is kept as it is.
    /// </summary>
    private static List<string> Merge(IEnumerable<string> chains)
    {
        var order = new List<string>();
        var calls = new Dictionary<string, (string Parameter, List<string> Calls)>(StringComparer.Ordinal);
        var other = new List<string>();
        foreach (var chain in chains.Distinct(StringComparer.Ordinal))
        {
            var m = WithCall().Match(chain);
            if (!m.Success)
            {
                var bare = BareWith().Match(chain);
                if (bare.Success)
                {
                    if (!calls.ContainsKey(bare.Groups[1].Value))
                    {
                        order.Add(bare.Groups[1].Value);
                        calls[bare.Groups[1].Value] = (string.Empty, []);
                    }

                    continue;
                }

                other.Add(chain);
                continue;
            }

            var kind = m.Groups[1].Value;
            if (!calls.TryGetValue(kind, out var entry))
            {
                order.Add(kind);
                entry = (m.Groups[2].Value, []);
                calls[kind] = entry;
            }
            else if (entry.Parameter.Length == 0)
            {
                entry = (m.Groups[2].Value, entry.Calls);
                calls[kind] = entry;
            }

            entry.Calls.Add(m.Groups[3].Value);
        }

        return order.Select(kind => calls[kind] is var (parameter, list) && list.Count > 0
                ? $".With{kind}({parameter} => {parameter}.{string.Join(".", list)})"
                : $".With{kind}()")
            .Concat(other).ToList();
    }

    [GeneratedRegex(@"^\.With(\w+)\((\w+) => \2\.(.+)\)$")]
    private static partial Regex WithCall();

    [GeneratedRegex(@"^\.With(\w+)\(\)$")]
    private static partial Regex BareWith();
}
