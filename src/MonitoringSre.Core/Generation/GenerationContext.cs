using MonitoringSre.Binding;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation;

/// <param name="Links">Where the project lives (repository) and the links build properties set: runbook and dashboard URLs.</param>
public sealed record GenerationOptions(bool Kubernetes = false, BuildLinks? Links = null, Import.ImportOptions? Import = null);

/// <summary>What every generator reads: the model, the rules built from it once, the options, and a place for warnings.</summary>
public sealed class GenerationContext(MonitoringModel model, RuleSet rules, GenerationOptions options)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public MonitoringModel Model { get; } = model;

    public RuleSet Rules { get; } = rules;

    public GenerationOptions Options { get; } = options;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public string RulesFileName => Model.Service + ".rules.yml";

    public void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    /// <summary>The alerts and the recording labels of one SLO, made when asked for (see <see cref="RuleSet"/>).</summary>
    public SloRules RulesFor(SloModel slo) => Rules.For(slo);
}
