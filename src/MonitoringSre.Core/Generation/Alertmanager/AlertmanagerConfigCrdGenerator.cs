using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Generation.Alertmanager;

/// <summary>
/// alerts/&lt;service&gt;.alertmanagerconfig.yaml: the same routes, receivers and inhibit rules as a prometheus-operator
/// AlertmanagerConfig (monitoring.coreos.com/v1alpha1). Only with MonitoringKubernetes=true.
/// </summary>
public sealed class AlertmanagerConfigCrdGenerator : IOutputGenerator
{
    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        if (!context.Options.Kubernetes)
        {
            yield break;
        }

        var (route, receivers, inhibit) = AlertRoutingYaml.Build(AlertRouting.For(context.Model, context.Rules), operatorSpelling: true);
        var doc = new YMapBuilder()
            .Set("apiVersion", "monitoring.coreos.com/v1alpha1")
            .Set("kind", "AlertmanagerConfig")
            .Set("metadata", new YMapBuilder().Set("name", context.Model.Service + "-routing")
                .Set("labels", new YMapBuilder().Set("app.kubernetes.io/name", context.Model.Service).Set("app.kubernetes.io/managed-by", "MonitoringSre").Build()).Build())
            .Set("spec", new YMapBuilder().Set("route", route).Set("receivers", receivers).Set("inhibitRules", inhibit).Build())
            .Build();
        yield return YamlText.WriteFile("alerts/" + context.Model.Service + ".alertmanagerconfig.yaml", doc, PrometheusRulesGenerator.HeaderFor(context));
    }
}
