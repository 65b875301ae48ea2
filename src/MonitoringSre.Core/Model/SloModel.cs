using MonitoringSre.Diagnostics;

namespace MonitoringSre.Model;

public sealed record SloModel(
    string Name,
    string? Description,
    decimal Objective,
    SliDefinition Sli,
    AlertingPolicy Alerting,
    SourceLocation Location)
{
    /// <summary>Allowed error ratio: 1 − objective/100, exact in decimal (99.9 → 0.001).</summary>
    public decimal ErrorBudget => 1m - (Objective / 100m);
}

/// <param name="Tiers">The burn-rate tiers generated: turned on by page/ticket and able to fire at this objective.</param>
public sealed record AlertingPolicy(
    string Name,
    bool Page,
    bool Ticket,
    IReadOnlyList<Label> Labels,
    IReadOnlyList<Label> Annotations,
    IReadOnlyList<BurnRateTier> Tiers);
