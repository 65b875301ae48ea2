using MonitoringSre.Diagnostics;
using MonitoringSre.Generation.Dashboards;
using MonitoringSre.Model;

namespace MonitoringSre.Binding;

/// <summary>
/// Makes the model's links absolute where the build knows how: the runbooks folder's web view from a build property,
/// the spec's links.runbooks, or the repository the project lives in; the overview dashboard from Grafana's base URL.
/// Says how to set a base when runbook links would stay relative.
/// </summary>
public static class LinkBinder
{
    public static MonitoringModel Apply(MonitoringModel model, BuildLinks links, List<Diagnostic> diagnostics)
    {
        var runbookProperty = Property(links.RunbookBaseUrl, "MonitoringRunbookBaseUrl", model.SpecFile, diagnostics);
        var grafanaProperty = Property(links.GrafanaUrl, "MonitoringGrafanaUrl", model.SpecFile, diagnostics);
        var grafana = grafanaProperty ?? model.Links.Grafana;
        model = model with
        {
            DashboardUrl = grafana is null ? null : grafana.TrimEnd('/') + "/d/" + DashboardJson.Uid(model.Service, "overview"),
        };

        if (model.Runbooks is not { IsUrl: false } runbooks)
        {
            return model;
        }

        var projectDirectory = links.ProjectDirectory ?? Path.GetDirectoryName(model.SpecFile);
        var web = runbookProperty ?? model.Links.Runbooks ?? RunbookLinks.WebView(links.RepositoryUrl, links.RepositoryRoot, projectDirectory, runbooks.Value);
        if (web is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.RelativeRunbookLinks, model.Locations.Of("runbooks"),
                runbooks.FileFor(model.DownAlertName), RunbookLinks.HowToSetBase));
        }

        return model with { Runbooks = runbooks with { WebBase = web } };
    }

    private static string? Property(string? value, string name, string specFile, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (LinkParser.TryParse(value.Trim(), out var link, out var reason) && link!.IsUrl)
        {
            return link.Value;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidLinkProperty, SourceLocation.WholeFile(specFile), name, value,
            link is { IsUrl: false } ? "it must be an https:// URL" : reason));
        return null;
    }
}
