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

    /// <summary>The names of <see cref="Groups"/>, in order, without making the rules.</summary>
    public IEnumerable<string> GroupNames => RuleSetBuilder.GroupNames(model);

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
        WriteGroups(writer);
    }

    /// <summary>
    /// The groups as items of a sequence already begun, so that several services' groups can share one file (a Mimir
    /// namespace); <paramref name="extra"/> adds keys to each group after its name (Thanos' partial_response_strategy).
    /// </summary>
    internal void WriteGroups(YamlWriter writer, Action<YamlWriter>? extra = null)
    {
        foreach (var group in Groups)
        {
            writer.BeginItem().Entry("name", group.Name);
            if (group.Interval is { } interval)
            {
                writer.Entry("interval", interval);
            }

            extra?.Invoke(writer);
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
