namespace MonitoringSre.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,

    /// <summary>Something the build did that the team should know of, and need not change: a Sloth plugin it mapped.</summary>
    Info,
}
