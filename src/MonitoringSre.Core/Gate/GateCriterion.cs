using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>One thing to do for a criterion, at the place it belongs: the spec key, the project file or the source line.</summary>
public sealed record GateFinding(string Fix, SourceLocation Location);

/// <summary>One exit criterion's outcome: met when nothing is left to do; otherwise each finding says what and where.</summary>
/// <param name="WarningOnly">Unmet, but reported as a warning (promtool missing with MonitoringRequirePromtool=false).</param>
/// <param name="Checked">false when the evidence was not gathered (promtool is run only with the gate on): neither met nor unmet.</param>
/// <param name="Snippet">The findings' fixes as one paste (criterion 1's code), when there are several.</param>
public sealed record GateCriterion(int Id, DiagnosticDescriptor Descriptor, string Title, string Evidence, IReadOnlyList<GateFinding> Findings, bool WarningOnly = false, bool Checked = true, string? Snippet = null)
{
    public bool Met => Checked && Findings.Count == 0;

    public string Code => Descriptor.Code;

    public string Fix => string.Join(" ", Findings.Select(f => f.Fix));
}
