using System.Text;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Gate;

/// <summary>
/// Turns what `promtool test rules` printed for one test file into findings: for a team test, at the failing check in
/// the team's own file (its real path), with the test's name and promtool's expected and got lines as lines of their own.
/// </summary>
public static partial class PromtoolFailures
{
    public static IReadOnlyList<GateFinding> Read(PromtoolRun run, TeamTest? team, SourceLocation generatedTestsLocation)
    {
        var failures = Failure().Matches(run.Output).ToList();
        if (team is null)
        {
            var detail = failures.Count > 0 ? string.Join("\n", failures.Select(f => Describe(f, null))) : Trimmed(run.Output);
            return [new GateFinding($"promtool test rules failed on the generated tests {run.Name}:\n{detail}", generatedTestsLocation)];
        }

        var (document, _) = SpecLoader.Load(team.Path, Encoding.UTF8.GetBytes(team.Content));
        if (failures.Count == 0)
        {
            return [new GateFinding($"promtool cannot run the team test {team.RelativePath}:\n{Trimmed(run.Output)}", new SourceLocation(team.Path, 1, 1))];
        }

        return failures.Select(f =>
        {
            var (name, location) = Find(document, f, team.Path);
            return new GateFinding($"Team test {(name is null ? string.Empty : $"'{name}' ")}in {team.RelativePath} failed:\n{Describe(f, name)}", location);
        }).ToList();
    }

    private static string Describe(Match f, string? name) =>
        $"    {(f.Groups["expr"].Success ? "expr " + Unquote(f.Groups["expr"].Value) : "alert " + f.Groups["alert"].Value)} at {f.Groups["time"].Value}\n"
        + $"    expected: {f.Groups["exp"].Value.Trim()}\n"
        + $"    got:      {f.Groups["got"].Value.Trim()}";

    private static string Trimmed(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(20);
        return string.Join("\n", lines.Select(l => "    " + l.Trim()));
    }

    /// <summary>The test (its name) and the check (its place) in the team's file that promtool's failure is about.</summary>
    private static (string? Name, SourceLocation Location) Find(SpecDocument? document, Match failure, string file)
    {
        var fallback = new SourceLocation(file, 1, 1);
        if (document?.Root["tests"] is not SpecSequence tests)
        {
            return (null, fallback);
        }

        var (key, wanted) = failure.Groups["expr"].Success ? ("expr", Unquote(failure.Groups["expr"].Value)) : ("alertname", failure.Groups["alert"].Value);
        foreach (var test in tests.Items.OfType<SpecMapping>())
        {
            var checks = (test[key == "expr" ? "promql_expr_test" : "alert_rule_test"] as SpecSequence)?.Items.OfType<SpecMapping>() ?? [];
            foreach (var check in checks)
            {
                if (check[key] is SpecScalar value && value.Value.Trim() == wanted.Trim())
                {
                    return ((test["name"] as SpecScalar)?.Value, value.Location with { File = file });
                }
            }
        }

        return (null, fallback);
    }

    /// <summary>promtool prints an expression as a Go quoted string.</summary>
    private static string Unquote(string quoted) =>
        quoted.Length >= 2 && quoted[0] == '"' ? Regex.Unescape(quoted[1..^1]) : quoted;

    [GeneratedRegex(@"(?:expr: (?<expr>""(?:[^""\\]|\\.)*"")|alertname: (?<alert>\S+)), time: (?<time>[^,\s]+),?\s*\n\s*exp:(?<exp>.*)\n\s*got:(?<got>.*)")]
    private static partial Regex Failure();
}

/// <summary>One `promtool test rules` run on one test file, under the name it ran as.</summary>
public sealed record PromtoolRun(string Name, bool Passed, string Output);
