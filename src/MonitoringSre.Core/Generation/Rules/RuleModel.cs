using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>The generated rule groups, before they are written: shared by the rules file, the PrometheusRule and the tests.</summary>
public sealed record RuleSet(IReadOnlyList<RuleGroup> Groups)
{
    public IEnumerable<AlertingRule> Alerts => Groups.SelectMany(g => g.Rules).OfType<AlertingRule>();

    public IEnumerable<RecordingRule> Recordings => Groups.SelectMany(g => g.Rules).OfType<RecordingRule>();

    /// <summary>The groups as Prometheus rule-file YAML, [{name, rules: [...]}], each group's nodes made as it is written.</summary>
    public YStream ToYaml()
    {
        var labelMaps = new LabelMaps();
        return new(Groups.Select(g => (YNode)g.ToYaml(labelMaps)));
    }
}

public sealed record RuleGroup(string Name, IReadOnlyList<Rule> Rules)
{
    /// <param name="labelMaps">Label lists already written: an SLO's recording rules share one.</param>
    public YMap ToYaml(LabelMaps labelMaps) => new YMapBuilder()
        .Set("name", Name)
        .Set("rules", new YSeq(Rules.Select(r => (YNode)r.ToYaml(labelMaps)).ToArray()))
        .Build();
}

public abstract record Rule(string Expr, IReadOnlyList<Label> Labels)
{
    public abstract YMap ToYaml(LabelMaps labelMaps);
}

public sealed record RecordingRule(string Record, string Expr, IReadOnlyList<Label> Labels) : Rule(Expr, Labels)
{
    public override YMap ToYaml(LabelMaps labelMaps) => new YMapBuilder()
        .Set("record", Record)
        .Set("expr", new YScalar(Expr, Block: true))
        .Set("labels", labelMaps.For(Labels))
        .Build();
}

/// <param name="Slo">The SLO this alert belongs to; null for service-level alerts.</param>
/// <param name="Tier">The burn-rate tier; null for alerts that are not burn-rate alerts.</param>
public sealed record AlertingRule(
    string Alert,
    string Expr,
    int ForMinutes,
    IReadOnlyList<Label> Labels,
    IReadOnlyList<Label> Annotations,
    AlertKind Kind,
    SloModel? Slo,
    BurnRateTier? Tier) : Rule(Expr, Labels)
{
    public override YMap ToYaml(LabelMaps labelMaps) => new YMapBuilder(5)
        .Set("alert", Alert)
        .Set("expr", new YScalar(Expr, Block: true))
        .Set("for", PromQl.Duration(ForMinutes))
        .Set("labels", labelMaps.For(Labels))
        .Set("annotations", labelMaps.For(Annotations))
        .Build();
}

public enum AlertKind
{
    BudgetBurn,
    SliAbsent,
    ServiceDown,
}

/// <summary>
/// The label map last written, kept for the next rule: an SLO's recording rules follow one another and share one list.
/// (Compared by reference; a dictionary keyed by identity cost more in hashing than it saved.)
/// </summary>
public sealed class LabelMaps
{
    private IReadOnlyList<Label>? _labels;
    private YMap? _map;

    public YMap For(IReadOnlyList<Label> labels)
    {
        if (ReferenceEquals(labels, _labels))
        {
            return _map!;
        }

        var b = new YMapBuilder(labels.Count);
        foreach (var label in labels)
        {
            b.Set(label.Name, label.Value);
        }

        _labels = labels;
        return _map = b.Build();
    }
}
