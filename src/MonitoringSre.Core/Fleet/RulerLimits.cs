namespace MonitoringSre.Fleet;

/// <summary>
/// A ruler's documented default limits, as data. Grafana Mimir: -ruler.max-rules-per-rule-group 20 and
/// -ruler.max-rule-groups-per-tenant 70 (pkg/util/validation/limits.go; both per tenant, raised in the runtime
/// overrides as ruler_max_rules_per_rule_group and ruler_max_rule_groups_per_tenant). Prometheus and Thanos Ruler set no
/// such limits, and prometheus-operator loads any number of PrometheusRules.
/// </summary>
public sealed record RulerLimits(string Ruler, int? RulesPerGroup, int? GroupsPerTenant, string RulesPerGroupSetting, string GroupsPerTenantSetting)
{
    public static RulerLimits? For(FleetTarget target) => target == FleetTarget.Mimir
        ? new RulerLimits("Mimir", 20, 70, "ruler_max_rules_per_rule_group", "ruler_max_rule_groups_per_tenant")
        : null;
}
