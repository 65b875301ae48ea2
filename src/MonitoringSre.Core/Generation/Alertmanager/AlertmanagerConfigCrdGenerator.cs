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

        var routing = AlertRouting.For(context.Model, context.Rules);
        var spec = new YMapBuilder()
            .Set("route", new YMapBuilder()
                .Set("receiver", routing.TicketReceiver)
                .Set("groupBy", new YSeq(routing.GroupBy.Select(g => (YNode)g).ToArray()))
                .Set("routes", new YSeq(routing.Routes.Select(r => (YNode)new YMapBuilder()
                    .Set("receiver", r.Receiver)
                    .Set("matchers", Matchers(r.Matchers))
                    .Set("groupWait", r.GroupWait)
                    .Set("groupInterval", r.GroupInterval)
                    .Set("repeatInterval", r.RepeatInterval)
                    .Build()).ToArray()))
                .Build())
            .Set("receivers", new YSeq(new[] { routing.PageReceiver, routing.TicketReceiver }.Distinct()
                .Select(r => (YNode)new YMapBuilder().Set("name", r).Build()).ToArray()))
            .Set("inhibitRules", new YSeq(routing.Inhibitions.Select(i => (YNode)new YMapBuilder()
                .Set("sourceMatch", Matchers(i.Source))
                .Set("targetMatch", Matchers(i.Target))
                .Set("equal", new YSeq(i.Equal.Select(e => (YNode)e).ToArray()))
                .Build()).ToArray()))
            .Build();
        var doc = new YMapBuilder()
            .Set("apiVersion", "monitoring.coreos.com/v1alpha1")
            .Set("kind", "AlertmanagerConfig")
            .Set("metadata", new YMapBuilder().Set("name", context.Model.Service + "-routing")
                .Set("labels", new YMapBuilder().Set("app.kubernetes.io/name", context.Model.Service).Set("app.kubernetes.io/managed-by", "MonitoringSre").Build()).Build())
            .Set("spec", spec)
            .Build();
        yield return new GeneratedFile("alerts/" + context.Model.Service + ".alertmanagerconfig.yaml", YamlText.Write(doc, PrometheusRulesGenerator.HeaderFor(context)));
    }

    private static YSeq Matchers(IReadOnlyList<AmMatcher> matchers) => new(matchers.Select(m => (YNode)new YMapBuilder()
        .Set("name", m.Name)
        .Set("value", m.Value)
        .Set("matchType", m.Op)
        .Build()).ToArray());
}
