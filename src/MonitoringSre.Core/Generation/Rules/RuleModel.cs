using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// The generated rules, shared by the rules file, the PrometheusRule, the tests, the docs and the gate, and made each
/// time they are read, SLO by SLO. Held whole, the rules of a thousand SLOs were 19 MB that lived through generation and
/// were copied by every collection on the way: the collections per run grew with the SLOs and so did each one's cost,
/// which made generation quadratic. Made when read, an SLO's rules die young; making them is cheap because their long
/// texts (expressions, annotations) are made only when those are read.
/// </summary>
public sealed class RuleSet(MonitoringModel model)
{
    /// <summary>Per SLO its recording rules and its alerts, then the service's alerts.</summary>
    public IEnumerable<RuleGroup> Groups => RuleSetBuilder.Groups(model);

    public IEnumerable<AlertingRule> Alerts => Groups.SelectMany(g => g.Rules).OfType<AlertingRule>();

    public IEnumerable<RecordingRule> Recordings => Groups.SelectMany(g => g.Rules).OfType<RecordingRule>();

    /// <summary>How many alerting rules <see cref="Alerts"/> makes, without making them.</summary>
    public int AlertCount => RuleSetBuilder.AlertCount(model);

    /// <summary>The tier of each burn-rate alert in <see cref="Alerts"/>, without making the alerts.</summary>
    public IEnumerable<BurnRateTier> BurnTiers => RuleSetBuilder.BurnTiers(model);

    /// <summary>The service's Down alert.</summary>
    public AlertingRule Down => RuleSetBuilder.DownAlert(model);

    /// <summary>One SLO's alerts and the labels of its recording rules.</summary>
    public SloRules For(SloModel slo) => RuleSetBuilder.For(model, slo);

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

public abstract record Rule(IReadOnlyList<Label> Labels)
{
    /// <summary>The rule's PromQL.</summary>
    public abstract string Expr { get; }

    /// <summary>The rule's keys, into the item the writer has begun.</summary>
    internal abstract void Write(YamlWriter writer);
}

/// <summary>
/// A recording rule whose expression is made when it is read (written), not kept: an SLO's thirteen expressions are
/// most of its rules' size, and a rule set of a thousand SLOs held them all through generation, to be copied by every
/// collection on the way. <paramref name="MakeExpr"/> must return the same text each time.
/// </summary>
public sealed record RecordingRule(string Record, Func<string> MakeExpr, IReadOnlyList<Label> Labels) : Rule(Labels)
{
    public override string Expr => MakeExpr();

    internal override void Write(YamlWriter writer) => writer
        .Entry("record", Record)
        .Entry("expr", Expr, block: true)
        .Key("labels").Labels(Labels);
}

/// <param name="Slo">The SLO this alert belongs to; null for service-level alerts.</param>
/// <param name="Threshold">The burn-rate tier and where it fires for this SLO; null for alerts that are not burn-rate alerts.</param>
/// <param name="MakeExpr">Makes the expression when it is read; returns the same text each time.</param>
/// <param name="MakeAnnotations">Makes the annotations (summary, description, links) when they are read.</param>
public sealed record AlertingRule(
    string Alert,
    int ForMinutes,
    IReadOnlyList<Label> Labels,
    AlertKind Kind,
    SloModel? Slo,
    BurnThreshold? Threshold,
    Func<string> MakeExpr,
    Func<IReadOnlyList<Label>> MakeAnnotations) : Rule(Labels)
{
    public override string Expr => MakeExpr();

    /// <summary>The burn-rate tier (windows, priority); null for alerts that are not burn-rate alerts.</summary>
    public BurnRateTier? Tier => Threshold?.Tier;

    public IReadOnlyList<Label> Annotations => MakeAnnotations();

    internal override void Write(YamlWriter writer) => writer
        .Entry("alert", Alert)
        .Entry("expr", Expr, block: true)
        .Entry("for", PromQl.Duration(ForMinutes))
        .Key("labels").Labels(Labels)
        .Key("annotations").Labels(Annotations);
}

/// <param name="RecordingLabels">The labels every recording rule of the SLO carries (service, slo and the spec's labels).</param>
public sealed record SloRules(IReadOnlyList<AlertingRule> Alerts, IReadOnlyList<Label> RecordingLabels);

public enum AlertKind
{
    BudgetBurn,
    SliAbsent,
    ServiceDown,
}
