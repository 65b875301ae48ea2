using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>The generated rule groups, before they are written: shared by the rules file, the PrometheusRule and the tests.</summary>
public sealed record RuleSet(IReadOnlyList<RuleGroup> Groups)
{
    public IEnumerable<AlertingRule> Alerts => Groups.SelectMany(g => g.Rules).OfType<AlertingRule>();

    public IEnumerable<RecordingRule> Recordings => Groups.SelectMany(g => g.Rules).OfType<RecordingRule>();

    /// <summary>The groups as Prometheus rule-file YAML: [{name, rules: [...]}].</summary>
    public YSeq ToYaml() => new(Groups.Select(g => (YNode)g.ToYaml()).ToArray());
}

public sealed record RuleGroup(string Name, IReadOnlyList<Rule> Rules)
{
    public YMap ToYaml() => new YMapBuilder()
        .Set("name", Name)
        .Set("rules", new YSeq(Rules.Select(r => (YNode)r.ToYaml()).ToArray()))
        .Build();
}

public abstract record Rule(string Expr, IReadOnlyList<Label> Labels)
{
    public abstract YMap ToYaml();

    protected static YMap LabelMap(IReadOnlyList<Label> labels)
    {
        var b = new YMapBuilder();
        foreach (var label in labels)
        {
            b.Set(label.Name, label.Value);
        }

        return b.Build();
    }
}

public sealed record RecordingRule(string Record, string Expr, IReadOnlyList<Label> Labels) : Rule(Expr, Labels)
{
    public override YMap ToYaml() => new YMapBuilder()
        .Set("record", Record)
        .Set("expr", new YScalar(Expr, Block: true))
        .Set("labels", LabelMap(Labels))
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
    public override YMap ToYaml() => new YMapBuilder()
        .Set("alert", Alert)
        .Set("expr", new YScalar(Expr, Block: true))
        .Set("for", PromQl.Duration(ForMinutes))
        .Set("labels", LabelMap(Labels))
        .Set("annotations", LabelMap(Annotations))
        .Build();
}

public enum AlertKind
{
    BudgetBurn,
    SliAbsent,
    ServiceDown,
}
