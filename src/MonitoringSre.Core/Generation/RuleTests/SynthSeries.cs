using MonitoringSre.Model;

namespace MonitoringSre.Generation.RuleTests;

/// <summary>
/// A counter series for a promtool test: each minute it grows by <see cref="GoodWeight"/> × good events plus
/// <see cref="BadWeight"/> × bad events, so one scenario's error ratio sets every series of the SLI.
/// </summary>
public sealed record SynthSeries(string Metric, IReadOnlyList<Label> Labels, decimal GoodWeight, decimal BadWeight)
{
    /// <summary>Written once: every scenario of the SLO names the series.</summary>
    public string Selector => field ??= PromQl.Selector(Metric, Labels.Select(l => new LabelMatcher(l.Name, "=", l.Value)));
}
