namespace MonitoringSre.Model;

public sealed record IncidentsConfig(
    string Plan,
    string? OnCall,
    string? Channel,
    IReadOnlyList<string> Escalation,
    Priorities Priorities);
