namespace MonitoringSre.Spec;

/// <summary>A loaded monitoring.yaml: its path (as diagnostics should name it) and its root mapping.</summary>
public sealed record SpecDocument(string File, SpecMapping Root);
