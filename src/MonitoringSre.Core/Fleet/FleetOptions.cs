using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Fleet;

/// <summary>Where the fleet's rules go: each target reads its own layout.</summary>
public enum FleetTarget
{
    /// <summary>A rule file per service for Prometheus' rule_files.</summary>
    Prometheus,

    /// <summary>A file per namespace, with its namespace: key, for mimirtool rules sync and lint.</summary>
    Mimir,

    /// <summary>A rule file per service for Thanos Ruler, each group with partial_response_strategy: abort.</summary>
    Thanos,

    /// <summary>A PrometheusRule per service, in a folder per Kubernetes namespace.</summary>
    Kubernetes,
}

/// <summary>What a Mimir namespace or a Kubernetes namespace is named after.</summary>
public enum FleetNamespace
{
    Service,

    /// <summary>The spec's team, or the service where it names none.</summary>
    Team,
}

/// <param name="Source">The solution or folder the fleet was read from: where findings about the fleet as a whole point.</param>
public sealed record FleetOptions(string Source, FleetTarget Target = FleetTarget.Prometheus, FleetNamespace NamespaceBy = FleetNamespace.Service)
{
    /// <summary>The options from MonitoringFleetTarget and MonitoringFleetNamespace (empty: the defaults), or MON085.</summary>
    public static FleetOptions? Parse(string source, string? target, string? namespaceBy, out Diagnostics.Diagnostic? problem)
    {
        problem = null;
        if (Enum.TryParse<FleetTarget>(string.IsNullOrWhiteSpace(target) ? nameof(FleetTarget.Prometheus) : target, ignoreCase: true, out var t) && Enum.IsDefined(t)
            && !int.TryParse(target, out _)
            && Enum.TryParse<FleetNamespace>(string.IsNullOrWhiteSpace(namespaceBy) ? nameof(FleetNamespace.Service) : namespaceBy, ignoreCase: true, out var n) && Enum.IsDefined(n)
            && !int.TryParse(namespaceBy, out _))
        {
            return new FleetOptions(source, t, n);
        }

        problem = Diagnostics.Diagnostic.Create(Diagnostics.DiagnosticCatalog.FleetSetting, Diagnostics.SourceLocation.WholeFile(source), target, namespaceBy);
        return null;
    }
}

/// <summary>One service of the fleet: its model and the rules built from it, as a build makes them.</summary>
public sealed record FleetService(MonitoringModel Model, RuleSet Rules)
{
    public string Namespace(FleetNamespace by) => by == FleetNamespace.Team ? Model.Team ?? Model.Service : Model.Service;
}
