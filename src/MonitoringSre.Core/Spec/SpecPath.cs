using System.Globalization;

namespace MonitoringSre.Spec;

/// <summary>Where a node is, as JSON paths write it (slos[0].name), and the path of the node's container's owner.</summary>
/// <param name="Owner">What an unknown key is reported "in": the path of the mapping, or of the list holding it.</param>
internal readonly record struct SpecPath(string Path, string Owner)
{
    public SpecPath Property(string name) => new(Join(Path, name), Join(Path, name));

    /// <summary>An item's mappings are reported in the list: their unknown keys are "in 'slos'".</summary>
    public SpecPath Item(int index) => new(Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", Path);

    private static string Join(string path, string name) =>
        name.AsSpan().IndexOfAny(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029") >= 0 ? path + "[" + SpecText.Quoted(name, '\'') + "]"
        : path.Length > 0 ? path + "." + name
        : name;
}
