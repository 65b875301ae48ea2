using YamlDotNet.RepresentationModel;

namespace MonitoringSre.RuleCost;

/// <summary>
/// The recording rules of a rules file that read the raw series over 5m, for `promtool tsdb create-blocks-from rules`:
/// the history every longer window and the period read. The rest read those, and promtool backfills no rule from
/// another rule's backfill in the same run.
/// </summary>
internal static class BackfillRules
{
    public static int Run(string input, string output)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(input))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var kept = new YamlSequenceNode();
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            var rules = new YamlSequenceNode(((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>()
                .Where(r => r.Children.TryGetValue("record", out var record) && ((YamlScalarNode)record).Value!.EndsWith("rate5m", StringComparison.Ordinal)));
            if (rules.Children.Count > 0)
            {
                kept.Add(new YamlMappingNode { { "name", ((YamlScalarNode)group["name"]).Value! + "-backfill" }, { "rules", rules } });
            }
        }

        using var writer = File.CreateText(output);
        new YamlStream(new YamlDocument(new YamlMappingNode { { "groups", kept } })).Save(writer, assignAnchors: false);
        return 0;
    }
}
