using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// dashboards/provisioning.yaml: a Grafana file provider (apiVersion 1) that loads the dashboards into a folder named
/// after the service. `cp -r monitoring/dashboards /etc/grafana/provisioning/dashboards` puts the provider where Grafana
/// reads providers and the dashboards where the provider reads them.
/// </summary>
public sealed class GrafanaProvisioningGenerator : IOutputGenerator
{
    public const string DashboardsPath = "/etc/grafana/provisioning/dashboards";

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var service = context.Model.Service;
        var provider = new YMapBuilder()
            .Set("name", "monitoring-sre-" + service)
            .Set("orgId", new YPlain("1"))
            .Set("folder", service)
            .Set("type", "file")
            .Set("disableDeletion", new YPlain("false"))
            .Set("allowUiUpdates", new YPlain("true"))
            .Set("updateIntervalSeconds", new YPlain("30"))
            .Set("options", new YMapBuilder().Set("path", DashboardsPath).Set("foldersFromFilesStructure", new YPlain("false")).Build())
            .Build();
        var doc = new YMapBuilder().Set("apiVersion", new YPlain("1")).Set("providers", new YSeq(provider)).Build();
        yield return YamlText.WriteFile("dashboards/provisioning.yaml", doc, Rules.PrometheusRulesGenerator.HeaderFor(context));
    }
}
