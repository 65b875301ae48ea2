using System.Text.RegularExpressions;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Rules;

/// <summary>
/// alerts/&lt;service&gt;.prometheusrule.yaml: the same groups as a prometheus-operator PrometheusRule, for clusters
/// that load rules through the operator. Only with MonitoringKubernetes=true.
/// </summary>
public sealed class PrometheusRuleCrdGenerator : IOutputGenerator
{
    private static readonly Regex KubernetesLabelValue = new("^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$", RegexOptions.CultureInvariant);

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        if (!context.Options.Kubernetes)
        {
            yield break;
        }

        yield return YamlText.WriteFile("alerts/" + context.Model.Service + ".prometheusrule.yaml", PrometheusRulesGenerator.HeaderFor(context),
            writer => Write(writer, context.Model, context.Rules, kubernetesNamespace: null));
    }

    /// <summary>The PrometheusRule of a service, in <paramref name="kubernetesNamespace"/> when given (a fleet's layout).</summary>
    internal static void Write(YamlWriter writer, MonitoringModel model, RuleSet rules, string? kubernetesNamespace)
    {
        var labels = new YMapBuilder().Set("app.kubernetes.io/name", model.Service).Set("app.kubernetes.io/managed-by", "MonitoringSre");
        // The spec's labels let an operator's ruleSelector find the object; a value Kubernetes refuses as a label value
        // stays on the rules only, so the object can always be applied.
        foreach (var label in model.Labels.Where(l => KubernetesLabelValue.IsMatch(l.Value)))
        {
            labels.Set(label.Name, label.Value);
        }

        var metadata = new YMapBuilder().Set("name", model.Service + "-slos").Set("namespace", kubernetesNamespace is null ? null : (YNode)kubernetesNamespace).Set("labels", labels.Build()).Build();
        writer.Entry("apiVersion", "monitoring.coreos.com/v1").Entry("kind", "PrometheusRule").Key("metadata").Value(metadata);
        rules.Write(writer.Key("spec").BeginMap().Key("groups"));
        writer.EndMap();
    }
}
