using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MonitoringSre.Tests.Support;

/// <summary>Series a scenario feeds the rules: promtool's input_series lines.</summary>
public sealed record InputSeries(string Series, string Values);

/// <summary>A rule file whose alerts are read: those <see cref="Selector"/> matches, named by their <see cref="Label"/>.</summary>
public sealed record FiringSide(string Name, string Rules, string Selector, string Label);

/// <summary>
/// Which alerts a rule file fires under steady traffic, read by the real promtool: per scenario, the values of one
/// label (priority, sloth_severity) of the alerts that match a selector and fire after four hours, which
/// outlasts every alert's for (the slowest ticket's is 3h) and the half hour a 99.99% SLO's six failed events take at 2x. promtool prints what
/// fired when a test expecting nothing fails, which is how the answer comes back.
/// </summary>
public static partial class RuleFiring
{
    /// <summary>Per scenario key, the sorted label values of the firing alerts that <paramref name="selector"/> matches, after 4h.</summary>
    public static Dictionary<string, List<string>> Fired(string rules, IReadOnlyDictionary<string, IReadOnlyList<InputSeries>> scenarios, string selector, string label) =>
        Fired([new FiringSide("rules", rules, selector, label)], scenarios)["rules"];

    /// <summary>
    /// Per side (a rule file, and how its alerts are told apart and named), per scenario key, the sorted label values of
    /// its firing alerts after 4h. The sides' rule files are loaded together, so one promtool run answers for all.
    /// </summary>
    public static Dictionary<string, Dictionary<string, List<string>>> Fired(IReadOnlyList<FiringSide> sides, IReadOnlyDictionary<string, IReadOnlyList<InputSeries>> scenarios)
    {
        var output = Evaluate(sides.Select(s => s.Rules).ToList(), scenarios, "1m", "5m", (key, test) =>
        {
            foreach (var side in sides)
            {
                test.Append(CultureInfo.InvariantCulture,
                    $"    - expr: 'label_replace(count by ({side.Label}) (ALERTS{{alertstate=\"firing\",{side.Selector}}}), \"scenario\", \"{side.Name}/{key}\", \"\", \"\")'\n      eval_time: 4h\n      exp_samples: []\n");
            }
        });
        var fired = sides.ToDictionary(s => s.Name, _ => scenarios.Keys.ToDictionary(k => k, _ => new List<string>()));
        foreach (Match sample in Sample().Matches(output))
        {
            // promtool sorts a sample's labels by name.
            var labels = LabelPair().Matches(sample.Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var at = labels["scenario"].Split('/', 2);
            fired[at[0]][at[1]].Add(labels[sides.Single(s => s.Name == at[0]).Label]);
        }

        foreach (var list in fired.Values.SelectMany(f => f.Values))
        {
            list.Sort(StringComparer.Ordinal);
        }

        return fired;
    }

    /// <summary>
    /// Per scenario key and expression name, the value of the expression (the max of the series it gives) at
    /// <paramref name="at"/>, or null. Under steady traffic from the first minute, the ratio over any window reads the
    /// same after an hour.
    /// </summary>
    /// <param name="interval">How far apart the input samples are.</param>
    /// <param name="at">When the expressions are read.</param>
    /// <param name="evaluation">How often the rules are evaluated.</param>
    public static Dictionary<(string Scenario, string Name), double?> Values(string rules, IReadOnlyDictionary<string, IReadOnlyList<InputSeries>> scenarios,
        IReadOnlyDictionary<string, string> exprs, string interval = "1m", string at = "1h", string evaluation = "5m") =>
        Values([rules], scenarios, exprs, interval, at, evaluation);

    /// <summary>The same, with several rule files loaded together (each expression names the series of one of them).</summary>
    public static Dictionary<(string Scenario, string Name), double?> Values(IReadOnlyList<string> rules, IReadOnlyDictionary<string, IReadOnlyList<InputSeries>> scenarios,
        IReadOnlyDictionary<string, string> exprs, string interval, string at, string evaluation)
    {
        var output = Evaluate(rules, scenarios, interval, evaluation, (key, test) =>
        {
            foreach (var (name, expr) in exprs)
            {
                test.Append(CultureInfo.InvariantCulture, $"    - expr: 'label_replace(max({expr}), \"scenario\", \"{key}/{name}\", \"\", \"\")'\n      eval_time: {at}\n      exp_samples: []\n");
            }
        });
        var values = scenarios.Keys.SelectMany(k => exprs.Keys.Select(n => (k, n))).ToDictionary(x => x, _ => (double?)null);
        foreach (Match m in ValueSample().Matches(output))
        {
            var key = m.Groups[1].Value.Split('/');
            values[(key[0], key[1])] = double.Parse(m.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>
    /// promtool's output for a test of <paramref name="rules"/> with a unit test per scenario, its expressions written by
    /// <paramref name="expressions"/>. Each expects nothing, so a failing one prints what it got, which is the answer.
    /// </summary>
    private static string Evaluate(IReadOnlyList<string> rules, IReadOnlyDictionary<string, IReadOnlyList<InputSeries>> scenarios, string interval, string evaluation,
        Action<string, StringBuilder> expressions)
    {
        using var dir = TestTemp.Folder("rule-firing");
        for (var i = 0; i < rules.Count; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"rules{i}.yml"), rules[i]);
        }

        var files = string.Join(", ", rules.Select((_, i) => $"rules{i}.yml"));
        var test = new StringBuilder($"rule_files: [{files}]\nevaluation_interval: {evaluation}\ntests:\n");
        foreach (var (key, series) in scenarios)
        {
            test.Append(CultureInfo.InvariantCulture, $"- interval: {interval}\n  input_series:\n");
            foreach (var s in series)
            {
                test.Append(CultureInfo.InvariantCulture, $"    - series: '{s.Series}'\n      values: '{s.Values}'\n");
            }

            test.Append("  promql_expr_test:\n");
            expressions(key, test);
        }

        File.WriteAllText(Path.Combine(dir, "test.yml"), test.ToString());
        var (exitCode, output) = Promtool.Run(dir, "test", "rules", "test.yml");
        Assert.True(exitCode == 0 || (exitCode == 1 && output.Contains("got:", StringComparison.Ordinal)), output);
        return output;
    }

    /// <summary>
    /// A rule file of every group in a file Sloth generated: its plain rules (groups:), its PrometheusRule resources
    /// (spec.groups), every document of it.
    /// </summary>
    public static string SlothGroups(string generated)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(generated));
        var groups = new YamlSequenceNode();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode root)
            {
                continue;
            }

            var holder = root.Children.TryGetValue(new YamlScalarNode("spec"), out var spec) ? (YamlMappingNode)spec : root;
            if (holder.Children.TryGetValue(new YamlScalarNode("groups"), out var list))
            {
                foreach (var group in (YamlSequenceNode)list)
                {
                    groups.Add(group);
                }
            }
        }

        var file = new YamlStream(new YamlDocument(new YamlMappingNode(new YamlScalarNode("groups"), groups)));
        var text = new StringWriter();
        file.Save(text, assignAnchors: false);
        return text.ToString();
    }

    [GeneratedRegex("\\{[^{}]*scenario=\"[^\"]+\"[^{}]*\\}")]
    private static partial Regex Sample();

    [GeneratedRegex("\\{scenario=\"([^\"]+)\"\\} ([-+0-9.eE]+|NaN)")]
    private static partial Regex ValueSample();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"")]
    private static partial Regex LabelPair();
}
