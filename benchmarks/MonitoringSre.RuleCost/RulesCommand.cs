using MonitoringSre.Generation;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;
using MonitoringSre.Pipeline;

namespace MonitoringSre.RuleCost;

/// <summary>Our rules file for a spec, with every SLO's windows from the 5m recordings or from the raw series.</summary>
internal static class RulesCommand
{
    public static int Run(string spec, string output, string windows, string? service)
    {
        var bound = MonitoringPipeline.Bind(spec, File.ReadAllBytes(spec));
        foreach (var d in bound.Diagnostics)
        {
            Console.Error.WriteLine(d);
        }

        if (!bound.Succeeded)
        {
            return 1;
        }

        var source = windows == "raw" ? WindowSource.Raw : WindowSource.Recorded;
        var model = bound.Model! with
        {
            // A second copy of the same SLOs under another service name records series of its own in the same Prometheus.
            Service = service ?? bound.Model!.Service,
            Slos = [.. bound.Model!.Slos.Select(s => s with { Alerting = s.Alerting with { Windows = source } })],
        };
        var context = new GenerationContext(model, RuleSetBuilder.Build(model), new GenerationOptions());
        var file = new PrometheusRulesGenerator().Generate(context).Single();
        File.WriteAllBytes(output, file.ToArray());
        return 0;
    }
}
