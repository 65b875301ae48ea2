using System.Text;
using CsCheck;
using MonitoringSre.Scaffolding;

namespace MonitoringSre.Tests.Fuzz;

/// <summary>
/// Real specs (the contract, the samples, a scaffolded one) with one to five mutations each: deleted, duplicated,
/// swapped and retyped nodes (a line is a node in block YAML), truncations, random bytes, odd Unicode, huge numbers,
/// deep nesting, tabs and unclosed brackets.
/// </summary>
public static class MutatedSpecGen
{
    public static readonly string[] Seeds =
    [
        File.ReadAllText(Repo.ContractSpec),
        File.ReadAllText(Path.Combine(Repo.Root, "samples", "OrdersApi", "monitoring.yaml")),
        File.ReadAllText(Path.Combine(Repo.Root, "samples", "InventoryApi", "monitoring.yaml")),
        SpecScaffolder.Write("CheckoutService", []),
        SpecScaffolder.Write("InventoryApi", ["prometheus-net.AspNetCore", "Serilog.AspNetCore"]),
    ];

    private static readonly string[] Retypes =
    [
        "[]", "{}", "[a, b]", "{a: b}", "42", "-1", "0", "true", "null", "~", "\"\"", "''", "1e400", "99999999999999999999999999999", "-0.0",
        ".nan", ".inf", "!!binary aGk=", "&anchor x", "*anchor", "|\n  block", ">-\n  folded", "\"\\u0000\"", "\"\\ud800\"", "'{{x}}'", "\"a\\\"b\"",
        "javascript:alert(1)", "../../etc/passwd", "\"docs/{{x}}\"", "{a: b", "[a,", "\"unclosed", "'unclosed",
    ];

    private static readonly string[] Inserts =
    [
        "\t", "\u202e", "\u200b", "\ufeff", "😀", "\u0000", "\u0085", "\u2028", "#", ": ", "- ", "{", "[", "}", "]", "&a ", "*a", "? ", "---\n", "...\n",
        "%YAML 1.2\n", "!!", "<<: *a\n", "\r", "\\", "\"", "'",
    ];

    /// <summary>(kind, where, what): applied in order; 'where' is a fraction of the text, 'what' an index into a table.</summary>
    public readonly record struct Mutation(int Kind, double Where, int What);

    public static Gen<Mutation> OneMutation { get; } = Gen.Select(Gen.Int[0, 10], Gen.Double[0, 1], Gen.Int[0, 1000], (k, w, x) => new Mutation(k, w, x));

    public static Gen<(int Seed, Mutation[] Mutations)> Cases { get; } = Gen.Select(Gen.Int[0, Seeds.Length - 1], OneMutation.Array[1, 5]);

    public static byte[] Apply(int seed, IReadOnlyList<Mutation> mutations)
    {
        var lines = Seeds[seed].Split('\n').ToList();
        byte[]? bytes = null;
        foreach (var m in mutations)
        {
            if (bytes is not null)
            {
                bytes = MutateBytes(bytes, m);
                continue;
            }

            var at = Math.Min(lines.Count - 1, (int)(m.Where * lines.Count));
            var other = m.What % Math.Max(1, lines.Count);
            switch (m.Kind)
            {
                case 0 when lines.Count > 1: // delete a node
                    lines.RemoveAt(at);
                    break;
                case 1: // duplicate a node (a duplicate key, or a second list item)
                    lines.Insert(at, lines[at]);
                    break;
                case 2: // swap two nodes
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3: // retype a value
                    lines[at] = Retype(lines[at], Retypes[m.What % Retypes.Length]);
                    break;
                case 4: // odd character somewhere on a line
                {
                    var insert = Inserts[m.What % Inserts.Length];
                    var column = lines[at].Length == 0 ? 0 : m.What % (lines[at].Length + 1);
                    lines[at] = lines[at].Insert(column, insert);
                    break;
                }

                case 5: // huge or tiny number
                    lines[at] = Retype(lines[at], m.What % 2 == 0 ? "1" + new string('9', 40) : "0." + new string('0', 40) + "1");
                    break;
                case 6: // deep nesting
                {
                    var depth = 10 + (m.What % 200);
                    lines.Insert(at, "deep: " + new string('[', depth) + new string(']', m.What % 3 == 0 ? 0 : depth));
                    break;
                }

                case 7: // re-indent a node
                    lines[at] = new string(' ', m.What % 7) + lines[at].TrimStart();
                    break;
                case 8: // truncate
                    lines = lines.Take(at).Append(lines[at][..(lines[at].Length / 2)]).ToList();
                    break;
                default: // from here on, bytes: random bytes, truncation inside a UTF-8 sequence
                    bytes = MutateBytes(Encoding.UTF8.GetBytes(string.Join('\n', lines)), m);
                    break;
            }
        }

        return bytes ?? Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string Retype(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            return line[..(colon + 2)] + value;
        }

        var dash = line.IndexOf("- ", StringComparison.Ordinal);
        return dash >= 0 ? line[..(dash + 2)] + value : line + value;
    }

    private static byte[] MutateBytes(byte[] bytes, Mutation m)
    {
        if (bytes.Length == 0)
        {
            return [(byte)m.What];
        }

        var at = Math.Min(bytes.Length - 1, (int)(m.Where * bytes.Length));
        var copy = bytes.ToList();
        switch (m.Kind % 3)
        {
            case 0:
                copy[at] = (byte)(m.What & 0xFF);
                break;
            case 1:
                copy.InsertRange(at, [(byte)(m.What & 0xFF), (byte)((m.What * 7) & 0xFF), 0xC3]);
                break;
            default:
                copy.RemoveRange(at, copy.Count - at);
                break;
        }

        return [.. copy];
    }
}
