using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <param name="Interval">The group's evaluation interval (e.g. 30s), or null for the server's global one.</param>
public sealed record RuleGroup(string Name, IReadOnlyList<Rule> Rules, string? Interval = null);

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
