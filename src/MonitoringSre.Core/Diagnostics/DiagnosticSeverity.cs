namespace MonitoringSre.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
