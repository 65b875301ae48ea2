using System.Globalization;
using MonitoringSre.Spec;

namespace MonitoringSre.Binding;

/// <summary>Typed values of a spec mapping's keys (it reads no file). Absent keys read as null.</summary>
internal static class SpecValues
{
    public static string? Str(this SpecMapping? m, string key) =>
        m?[key] is SpecScalar s && !(s.IsPlain && s.Value is "" or "~" or "null") ? s.Value : null;

    public static SpecScalar? Scalar(this SpecMapping? m, string key) => m?[key] as SpecScalar;

    public static SpecMapping? Map(this SpecMapping? m, string key) => m?[key] as SpecMapping;

    public static IReadOnlyList<SpecNode> Seq(this SpecMapping? m, string key) =>
        m?[key] is SpecSequence seq ? seq.Items : [];

    public static bool? Bool(this SpecMapping? m, string key) =>
        m?[key] is SpecScalar s && ScalarValue.Of(s).Value is bool b ? b : null;

    public static decimal? Decimal(this SpecMapping? m, string key) =>
        m?[key] is SpecScalar s && decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static IEnumerable<SpecEntry> Entries(this SpecMapping? m, string key) =>
        m?[key] is SpecMapping map ? map.Entries : [];
}
