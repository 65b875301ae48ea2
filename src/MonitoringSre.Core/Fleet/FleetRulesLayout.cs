using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Fleet;

/// <summary>
/// The fleet's rules laid out for its target, each service's groups exactly as its own build writes them, and the
/// findings where the layout passes a ruler's documented default limits.
/// </summary>
public static class FleetRulesLayout
{
    public static IEnumerable<GeneratedFile> Generate(IReadOnlyList<FleetService> services, FleetOptions options)
    {
        var header = options.Header;
        switch (options.Target)
        {
            case FleetTarget.Mimir:
                // mimirtool rules sync reads every file under --rule-dirs and takes each one's namespace: key.
                foreach (var ns in services.GroupBy(s => s.Namespace(options.NamespaceBy), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    yield return YamlText.WriteFile($"mimir/{ns.Key}.rules.yml", header, writer =>
                    {
                        writer.Entry("namespace", ns.Key).Key("groups").BeginSeq();
                        foreach (var service in ns)
                        {
                            service.Rules.WriteGroups(writer);
                        }
                    });
                }

                break;
            case FleetTarget.Thanos:
                // A partial answer from a store would record a ratio of part of the series and page on it: abort instead.
                foreach (var service in services)
                {
                    yield return YamlText.WriteFile($"thanos/{service.Model.Service}.rules.yml", header, writer =>
                    {
                        writer.Key("groups").BeginSeq();
                        service.Rules.WriteGroups(writer, w => w.Entry("partial_response_strategy", "abort"));
                    });
                }

                break;
            case FleetTarget.Kubernetes:
                foreach (var service in services)
                {
                    var ns = service.Namespace(options.NamespaceBy);
                    yield return YamlText.WriteFile($"kubernetes/{ns}/{service.Model.Service}.prometheusrule.yaml", header,
                        writer => PrometheusRuleCrdGenerator.Write(writer, service.Model, service.Rules, ns));
                }

                break;
            default:
                foreach (var service in services)
                {
                    yield return YamlText.WriteFile($"prometheus/{service.Model.Service}.rules.yml", header, writer =>
                    {
                        writer.Key("groups").BeginSeq();
                        service.Rules.WriteGroups(writer);
                    });
                }

                yield return YamlText.WriteFile("prometheus/rule_files.yml",
                    new YMapBuilder().Set("rule_files", new YSeq(services.Select(s => (YNode)(s.Model.Service + ".rules.yml")).ToArray())).Build(),
                    header + " Paste rule_files into prometheus.yml, with the folder's path.");
                break;
        }
    }

    /// <summary>Where the layout passes the target ruler's default limits: a group with too many rules, a tenant with too many groups.</summary>
    public static IEnumerable<Diagnostic> CheckLimits(IReadOnlyList<FleetService> services, FleetOptions options)
    {
        if (RulerLimits.For(options.Target) is not { } limits)
        {
            yield break;
        }

        var groups = 0;
        foreach (var service in services)
        {
            foreach (var group in service.Rules.Groups)
            {
                groups++;
                if (limits.RulesPerGroup is { } perGroup && group.Rules.Count > perGroup)
                {
                    yield return Diagnostic.Create(DiagnosticCatalog.GroupOverRulerLimit, SourceLocation.WholeFile(service.Model.SpecFile),
                        group.Name, service.Model.Service, group.Rules.Count, perGroup, limits.Ruler, limits.RulesPerGroupSetting);
                }
            }
        }

        if (limits.GroupsPerTenant is { } perTenant && groups > perTenant)
        {
            yield return Diagnostic.Create(DiagnosticCatalog.TenantOverRulerLimit, SourceLocation.WholeFile(options.Source),
                services.Count, groups, perTenant, limits.Ruler, limits.GroupsPerTenantSetting);
        }
    }
}
