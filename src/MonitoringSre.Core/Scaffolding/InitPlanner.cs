using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Scaffolding;

/// <summary>A file MonitoringInit may create, relative to the project folder ('/' separated).</summary>
public sealed record PlannedFile(string RelativePath, string Content);

/// <summary>
/// What MonitoringInit creates for a project: monitoring.yaml when missing, the incident response plan, and a runbook
/// per generated alert when runbooks is a local folder. The caller creates only what does not exist yet.
/// </summary>
public static class InitPlanner
{
    public static (IReadOnlyList<PlannedFile> Files, IReadOnlyList<Diagnostic> Diagnostics) Plan(
        string specFile, byte[]? existingSpec, string projectName, IEnumerable<string> packageReferences, string? schemaPath)
    {
        var files = new List<PlannedFile>();
        var specName = Path.GetFileName(specFile);
        var spec = existingSpec;
        if (spec is null)
        {
            var text = SpecScaffolder.Write(projectName, packageReferences, schemaPath);
            files.Add(new PlannedFile(specName, text));
            spec = Encoding.UTF8.GetBytes(text);
        }

        var result = MonitoringPipeline.Run(specFile, spec, new GenerationOptions());
        if (!result.Succeeded)
        {
            return (files, result.Diagnostics);
        }

        var model = result.Model!;
        files.Add(new PlannedFile(model.Incidents.Plan.Replace('\\', '/'), IncidentPlanWriter.Write(model)));
        if (model.Runbooks is { IsUrl: false } runbooks)
        {
            foreach (var alerts in result.Rules!.Alerts.GroupBy(a => a.Alert))
            {
                files.Add(new PlannedFile(runbooks.UrlFor(alerts.Key), RunbookWriter.Write(model, alerts.ToList())));
            }
        }

        return (files, result.Diagnostics.Where(d => !d.IsError).ToList());
    }
}
