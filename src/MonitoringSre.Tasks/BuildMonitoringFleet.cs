using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MonitoringSre.Adapters;
using MonitoringSre.Diagnostics;
using MonitoringSre.Fleet;
using MonitoringSre.Output;
using MonitoringSre.Pipeline;

namespace MonitoringSre.Tasks;

/// <summary>
/// MonitoringFleet: the specs of every project of a solution that uses MonitoringSre, each read with that project's
/// own settings, bound as its build binds them, then laid out for one ruler with the fleet dashboard and Alertmanager
/// configuration, written into <see cref="OutputDirectory"/> (files of services no longer in the fleet are removed).
/// </summary>
public sealed class BuildMonitoringFleet : Microsoft.Build.Utilities.Task
{
    /// <summary>One item per project, from _MonitoringFleetPart: the spec, with the project's settings as metadata.</summary>
    public ITaskItem[] Services { get; set; } = [];

    /// <summary>The solution or folder the fleet is: where findings about the whole fleet point.</summary>
    [Required]
    public string Source { get; set; } = string.Empty;

    /// <summary>$(MonitoringFleetTarget): prometheus (default), mimir, thanos or kubernetes.</summary>
    public string? Target { get; set; }

    /// <summary>$(MonitoringFleetNamespace): service (default) or team, for Mimir's and Kubernetes' namespaces.</summary>
    public string? NamespaceBy { get; set; }

    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    public string? HelpUrl { get; set; }

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception e)
        {
            return Log.Internal(Source, e, HelpUrl);
        }
    }

    private bool Run()
    {
        if (FleetOptions.Parse(Source, Target, NamespaceBy, out var problem) is not { } options)
        {
            Log.Report(problem!, HelpUrl);
            return false;
        }

        var services = new List<FleetService>();
        foreach (var item in Services)
        {
            var settings = ProjectSettings.FromItem(item);
            var source = settings.ResolveSpec(Log, HelpUrl, out _);
            if (source is null)
            {
                continue;
            }

            var bound = MonitoringPipeline.Bind(source.File, source.Content, settings.Links(Path.GetDirectoryName(settings.SpecFile)!), settings.Import());
            foreach (var diagnostic in bound.Diagnostics.Where(d => d.IsError))
            {
                Log.Report(diagnostic, HelpUrl);
            }

            if (bound.Succeeded)
            {
                services.Add(new FleetService(bound.Model!, bound.Rules!));
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var duplicate = services.GroupBy(s => s.Model.Service, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Log.Report(Diagnostic.Create(DiagnosticCatalog.FleetDuplicateService, SourceLocation.WholeFile(duplicate.Last().Model.SpecFile),
                duplicate.Key, duplicate.First().Model.SpecFile), HelpUrl);
            return false;
        }

        var result = FleetBuilder.Build(services, options);
        foreach (var diagnostic in result.Diagnostics)
        {
            Log.Report(diagnostic, HelpUrl);
        }

        OutputWriter.Sync(OutputDirectory, result.Files);
        var groups = services.Sum(s => s.Rules.GroupNames.Count());
        Log.LogMessage(MessageImportance.High, string.Create(CultureInfo.InvariantCulture,
            $"MonitoringSre fleet: {services.Count} services, {services.Sum(s => s.Model.Slos.Count)} SLOs, {groups} rule groups for {options.Target.ToString().ToLowerInvariant()} -> {OutputDirectory}"));
        return !Log.HasLoggedErrors;
    }
}
