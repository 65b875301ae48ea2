using MonitoringSre.Binding;
using MonitoringSre.Import;
using Microsoft.Build.Framework;

namespace MonitoringSre.Tasks;

/// <summary>Parameters every MonitoringSre task takes: which spec, and for which project.</summary>
public abstract class MonitoringTask : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SpecFile { get; set; } = string.Empty;

    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>$(MonitoringHelpUrl): the diagnostics page; each diagnostic links to its code's entry there.</summary>
    public string? HelpUrl { get; set; }

    /// <summary>Never a stack trace or MSB4018: whatever escapes <see cref="Run"/> is MON099, a bug to report.</summary>
    public sealed override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception e)
        {
            return Log.Internal(SpecFile, e, HelpUrl);
        }
    }

    protected abstract bool Run();

    private protected void Report(MonitoringSre.Diagnostics.Diagnostic diagnostic) => Log.Report(diagnostic, HelpUrl);
}

/// <summary>A task that reads the spec a build uses: monitoring.yaml, or a web project's default availability SLO.</summary>
public abstract class SpecTask : MonitoringTask
{
    /// <summary>True when the project set MonitoringSpecFile itself: then a missing file is an error.</summary>
    public bool SpecFileIsExplicit { get; set; }

    public bool IsWebProject { get; set; }

    /// <summary>$(MonitoringService): service name of the default spec; default the project name in kebab case.</summary>
    public string? DefaultService { get; set; }

    /// <summary>$(MonitoringSlo): objective of the default availability SLO, in percent.</summary>
    public string? DefaultObjective { get; set; }

    /// <summary>$(PrivateRepositoryUrl): the git remote the SDK's source-control information found.</summary>
    public string? RepositoryUrl { get; set; }

    /// <summary>The working tree root of that repository (the git SourceRoot).</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>$(MonitoringRunbookBaseUrl): the runbooks folder's web view, over links.runbooks and the repository.</summary>
    public string? RunbookBaseUrl { get; set; }

    /// <summary>$(MonitoringGrafanaUrl): Grafana's base URL, over links.grafana.</summary>
    public string? GrafanaUrl { get; set; }

    /// <summary>$(MonitoringPeriod): the SLO period of a spec that names none, e.g. for a Sloth spec (Sloth takes it from its command line).</summary>
    public string? Period { get; set; }

    /// <summary>This project's settings, as one request: what a fleet build also reads from each of its projects.</summary>
    private protected ProjectSettings Settings => new(SpecFile, SpecFileIsExplicit, IsWebProject, ProjectName, DefaultService, DefaultObjective,
        RepositoryUrl, RepositoryRoot, RunbookBaseUrl, GrafanaUrl, Period);

    /// <summary>How a spec's imports are read, and what an imported spec lacks (period; for OpenSLO, which service).</summary>
    private protected ImportOptions Import() => Settings.Import();

    private protected BuildLinks Links(string projectDirectory) => Settings.Links(projectDirectory);

    /// <summary>The spec, or null: then an error was logged, or the project has nothing to monitor (<paramref name="absent"/>).</summary>
    private protected SpecSource? ResolveSpec(out bool absent) => Settings.ResolveSpec(Log, HelpUrl, out absent);
}
