using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>The generated rule groups, before they are written: shared by the rules file, the PrometheusRule and the tests.</summary>
public sealed record RuleSet(IReadOnlyList<RuleGroup> Groups)
{
    public IEnumerable<AlertingRule> Alerts => Groups.SelectMany(g => g.Rules).OfType<AlertingRule>();

    public IEnumerable<RecordingRule> Recordings => Groups.SelectMany(g => g.Rules).OfType<RecordingRule>();

    /// <summary>The groups as Prometheus rule-file YAML, [{name, rules: [...]}], after a key such as groups:.</summary>
    internal void Write(YamlWriter writer)
    {
        writer.BeginSeq();
        foreach (var group in Groups)
        {
            writer.BeginItem().Entry("name", group.Name);
            var rules = writer.Key("rules").Seq();
            foreach (var rule in group.Rules)
            {
                writer.BeginItem();
                rule.Write(writer);
                writer.EndItem();
            }

            rules.End();
            writer.EndItem();
        }
    }
}

public sealed record RuleGroup(string Name, IReadOnlyList<Rule> Rules);

public abstract record Rule(string Expr, IReadOnlyList<Label> Labels)
{
    /// <summary>The rule's keys, into the item the writer has begun.</summary>
    internal abstract void Write(YamlWriter writer);
}

public sealed record RecordingRule(string Record, string Expr, IReadOnlyList<Label> Labels) : Rule(Expr, Labels)
{
    internal override void Write(YamlWriter writer) => writer
        .Entry("record", Record)
        .Entry("expr", Expr, block: true)
        .Key("labels").Labels(Labels);
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
    internal override void Write(YamlWriter writer) => writer
        .Entry("alert", Alert)
        .Entry("expr", Expr, block: true)
        .Entry("for", PromQl.Duration(ForMinutes))
        .Key("labels").Labels(Labels)
        .Key("annotations").Labels(Annotations);
}

public enum AlertKind
{
    BudgetBurn,
    SliAbsent,
    ServiceDown,
}
