using MonitoringSre.Binding;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation;

/// <param name="Links">Where the project lives (repository) and the links build properties set: runbook and dashboard URLs.</param>
public sealed record GenerationOptions(bool Kubernetes = false, BuildLinks? Links = null);

/// <summary>What every generator reads: the model, the rules built from it once, the options, and a place for warnings.</summary>
public sealed class GenerationContext(MonitoringModel model, RuleSet rules, GenerationOptions options)
{
    private readonly List<Diagnostic> _diagnostics = [];
    private Dictionary<SloModel, SloRules>? _bySlo;

    public MonitoringModel Model { get; } = model;

    public RuleSet Rules { get; } = rules;

    public GenerationOptions Options { get; } = options;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public string RulesFileName => Model.Service + ".rules.yml";

    public void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    /// <summary>
    /// The alerts and the recording labels of one SLO. Indexed once, by reference: SLOs are records, and asking every
    /// alert whether it belongs to each SLO compared them field by field, which made generation quadratic in SLOs.
    /// </summary>
    public SloRules RulesFor(SloModel slo)
    {
        _bySlo ??= Index();
        return _bySlo[slo];
    }

    private Dictionary<SloModel, SloRules> Index()
    {
        var alerts = Model.Slos.ToDictionary<SloModel, SloModel, List<AlertingRule>>(s => s, _ => [], ReferenceEqualityComparer.Instance);
        foreach (var alert in Rules.Alerts)
        {
            if (alert.Slo is not null)
            {
                alerts[alert.Slo].Add(alert);
            }
        }

        var labels = new Dictionary<string, IReadOnlyList<Label>>(StringComparer.Ordinal);
        foreach (var recording in Rules.Recordings)
        {
            var slo = recording.Labels.FirstOrDefault(l => l.Name == "slo");
            if (slo is not null)
            {
                labels.TryAdd(slo.Value, recording.Labels);
            }
        }

        return Model.Slos.ToDictionary<SloModel, SloModel, SloRules>(s => s, s => new SloRules(alerts[s], labels.GetValueOrDefault(s.Name, [])), ReferenceEqualityComparer.Instance);
    }
}

/// <param name="RecordingLabels">The labels every recording rule of the SLO carries (service, slo and the spec's labels).</param>
public sealed record SloRules(IReadOnlyList<AlertingRule> Alerts, IReadOnlyList<Label> RecordingLabels);

/// <summary>One kind of output. Adding an output is adding a generator; the others do not change.</summary>
public interface IOutputGenerator
{
    IEnumerable<GeneratedFile> Generate(GenerationContext context);
}
