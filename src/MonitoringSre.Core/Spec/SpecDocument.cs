namespace MonitoringSre.Spec;

/// <summary>A loaded spec file: its path (as diagnostics should name it) and its root mapping.</summary>
public sealed record SpecDocument(string File, SpecMapping Root)
{
    /// <summary>The documents after the first, in a file that may hold several (OpenSLO); empty for every other spec.</summary>
    public IReadOnlyList<SpecMapping> More { get; init; } = [];
}
