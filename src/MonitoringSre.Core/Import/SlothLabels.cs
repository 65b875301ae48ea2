using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>Sloth reads labels and annotations as strings whatever they look like: generated: true is "true".</summary>
internal static class SlothLabels
{
    public static SpecNode? AsStrings(SpecNode? node) => node is SpecMapping map
        ? new SpecMapping(map.Location, map.Entries.Select(e => e.Value is SpecScalar s && ScalarValue.Of(s).Type is ScalarType.Boolean or ScalarType.Integer or ScalarType.Float
            ? e with { Value = SpecTreeBuilder.Text(s.Location, s.Value) }
            : e).ToList())
        : node;
}
