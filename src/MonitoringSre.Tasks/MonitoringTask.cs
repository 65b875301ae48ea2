using Microsoft.Build.Framework;

namespace MonitoringSre.Tasks;

/// <summary>Parameters every MonitoringSre task takes: which spec, and for which project.</summary>
public abstract class MonitoringTask : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SpecFile { get; set; } = string.Empty;

    [Required]
    public string ProjectName { get; set; } = string.Empty;
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

    /// <summary>The spec, or null: then an error was logged, or the project has nothing to monitor (<paramref name="absent"/>).</summary>
    private protected SpecSource? ResolveSpec(out bool absent) =>
        SpecSource.Resolve(Log, SpecFile, SpecFileIsExplicit, IsWebProject, ProjectName, DefaultService, DefaultObjective, out absent);
}
