using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MonitoringSre.Adapters;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Tasks;

/// <summary>
/// Which projects make the fleet: those of $(MonitoringFleetSolution), or of the solution being built, or of the one
/// solution in the nearest folder above the project.
/// </summary>
public sealed class ReadMonitoringFleet : Microsoft.Build.Utilities.Task
{
    public string? Solution { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    public string? HelpUrl { get; set; }

    [Output]
    public string Source { get; set; } = string.Empty;

    [Output]
    public ITaskItem[] Projects { get; set; } = [];

    public override bool Execute()
    {
        try
        {
            var solution = string.IsNullOrWhiteSpace(Solution) ? SolutionFile.Nearest(ProjectDirectory) : Path.GetFullPath(Path.Combine(ProjectDirectory, Solution));
            if (solution is null || !File.Exists(solution))
            {
                Log.Report(Diagnostic.Create(DiagnosticCatalog.FleetNoSolution, SourceLocation.WholeFile(solution ?? ProjectDirectory), solution ?? ProjectDirectory), HelpUrl);
                return false;
            }

            Source = solution;
            Projects = [.. SolutionFile.Projects(solution).Select(p => (ITaskItem)new TaskItem(p))];
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            Log.Report(Diagnostic.Create(DiagnosticCatalog.FleetNoSolution, SourceLocation.WholeFile(Solution ?? ProjectDirectory), e.Message), HelpUrl);
            return false;
        }
    }
}
