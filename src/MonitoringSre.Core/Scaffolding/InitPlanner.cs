using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Pipeline;
using MonitoringSre.Spec;

namespace MonitoringSre.Scaffolding;

/// <summary>
/// A file MonitoringInit may create, relative to the project folder ('/' separated). A file that is
/// <see cref="Refresh"/>ed belongs to the package, not the team, and is brought up to date when it differs.
/// </summary>
public sealed record PlannedFile(string RelativePath, string Content, bool Refresh = false);

/// <summary>
/// What MonitoringInit creates for a project: monitoring.yaml when missing, the incident response plan, and a runbook
/// per generated alert when runbooks is a local folder. The caller creates only what does not exist yet.
/// The schema a scaffolded spec names sits beside it as a copy, so the reference resolves in every clone of the team's
/// repository (no path into a package cache, nothing to download); it is refreshed when the spec is new or the copy exists.
/// </summary>
public static class InitPlanner
{
    public static (IReadOnlyList<PlannedFile> Files, IReadOnlyList<Diagnostic> Diagnostics) Plan(
        string projectDirectory, string specFile, byte[]? existingSpec, string projectName, IEnumerable<string> packageReferences, bool schemaCopyExists,
        Import.ImportOptions? import = null, Gate.WiredTelemetry? code = null)
    {
        var files = new List<PlannedFile>();
        var specName = Path.GetRelativePath(projectDirectory, specFile).Replace('\\', '/');
        var spec = existingSpec;
        if (spec is null)
        {
            var text = SpecScaffolder.Write(projectName, packageReferences, code);
            files.Add(new PlannedFile(specName, text));
            spec = Encoding.UTF8.GetBytes(text);
        }

        if (existingSpec is null || schemaCopyExists)
        {
            files.Add(new PlannedFile(SchemaCopyPath(projectDirectory, specFile), SchemaValidator.SchemaText(), Refresh: true));
        }

        // A monitoring.yaml that imports a Sloth or OpenSLO file has its runbooks planned for the imported SLOs.
        var result = MonitoringPipeline.Run(specFile, spec, new GenerationOptions(Import: import));
        if (!result.Succeeded)
        {
            return (files, result.Diagnostics);
        }

        var model = result.Model!;
        files.Add(new PlannedFile(model.Incidents.Plan.Replace('\\', '/'), IncidentPlanDocument.Render(model)));
        if (model.Runbooks is { IsUrl: false } runbooks)
        {
            foreach (var alerts in result.Rules!.Alerts.GroupBy(a => a.Alert))
            {
                files.Add(new PlannedFile(runbooks.FileFor(alerts.Key), RunbookDocument.Render(model, alerts.ToList())));
            }
        }

        // Whether runbook links can be absolute is the build's business (it knows the repository), not the scaffold's.
        return (files, result.Diagnostics.Where(d => !d.IsError && d.Descriptor != DiagnosticCatalog.RelativeRunbookLinks).ToList());
    }

    /// <summary>Where the copy of the schema goes: beside the spec, relative to the project folder.</summary>
    public static string SchemaCopyPath(string projectDirectory, string specFile) =>
        Path.GetRelativePath(projectDirectory, Path.Combine(Path.GetDirectoryName(specFile)!, SpecScaffolder.SchemaFileName)).Replace('\\', '/');
}
