using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;

namespace MonitoringSre.Fleet;

/// <summary>What a fleet build writes and what it found.</summary>
public sealed record FleetResult(IReadOnlyList<GeneratedFile> Files, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The fleet's outputs from its services' models and rules, all in memory: the rules laid out for the target, the
/// fleet dashboard, the fleet's Alertmanager configuration, and findings where a ruler's default limits are passed.
/// </summary>
public static class FleetBuilder
{
    public static FleetResult Build(IReadOnlyList<FleetService> services, FleetOptions options)
    {
        var ordered = services.OrderBy(s => s.Model.Service, StringComparer.Ordinal).ToList();
        var files = FleetRulesLayout.Generate(ordered, options)
            .Append(FleetDashboard.Generate(ordered))
            .Append(FleetAlertmanager.Generate(ordered, options.Header))
            .ToList();
        return new FleetResult(files, [.. FleetRulesLayout.CheckLimits(ordered, options)]);
    }
}
