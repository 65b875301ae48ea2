using MonitoringSre.Generation.Yaml;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// Writes the spec a build used (<see cref="Pipeline.PipelineResult.Spec"/>: a Sloth or OpenSLO file translated, an
/// import merged) as a monitoring.yaml of its own, so a team can switch formats when it wants to. Building the file
/// it writes makes the same rules. Comments are not carried over.
/// </summary>
public static class SpecConverter
{
    /// <summary>Top-level keys in the order the contract lists them; a translated tree adds them in its own order.</summary>
    private static readonly string[] Order =
    [
        "service", "team", "description", "period", "calendar", "runbooks", "links", "labels", "metrics", "slos",
        "errorBudgetPolicy", "logs", "traces", "deployments", "incidents",
    ];

    public static string ToYaml(SpecMapping root, string source) => YamlText.Write(
        Map(root.Entries.OrderBy(e => Array.IndexOf(Order, e.Key.Value) is var i && i < 0 ? Order.Length : i)),
        $"monitoring.yaml converted by MonitoringSre from {Path.GetFileName(source)}.\nBuilding it makes the same rules as building that file; the schema is schemas/monitoring.schema.json.");

    private static YMap Map(IEnumerable<SpecEntry> entries) =>
        new(entries.Select(e => new KeyValuePair<string, YNode>(e.Key.Value, Node(e.Value))).ToList());

    private static YNode Node(SpecNode node) => node switch
    {
        SpecMapping map => Map(map.Entries),
        SpecSequence seq => new YSeq(seq.Items.Select(Node).ToList()),
        SpecScalar scalar => ScalarValue.Of(scalar) switch
        {
            { Type: ScalarType.Null } => new YPlain("null"),
            { Type: ScalarType.String } => new YScalar(scalar.Value),
            _ => new YPlain(scalar.Value),
        },
        _ => throw new InvalidOperationException("unknown node " + node.GetType().Name),
    };
}
