using MonitoringSre.Diagnostics;

namespace MonitoringSre.Model;

/// <summary>
/// Where the spec's sections are in its file, recorded by the binder so that what reads the model (the gate) can point
/// at a key without holding YAML. A key the spec leaves out is located at its nearest enclosing key that is there.
/// </summary>
/// <param name="Keys">Dotted key paths ("incidents.plan"; "" is the document) of the keys that are in the spec.</param>
public sealed record SpecLocations(string File, IReadOnlyDictionary<string, SourceLocation> Keys)
{
    /// <summary>The keys the binder records: the gate's findings point at these.</summary>
    public static IReadOnlyList<string> Recorded { get; } =
        ["metrics", "metrics.preset", "metrics.selector", "metrics.transport", "logs", "logs.format", "logs.provider", "traces", "traces.sampler", "traces.ratio", "slos", "errorBudgetPolicy", "incidents", "incidents.plan", "runbooks"];

    public static SpecLocations None(string file) => new(file, new Dictionary<string, SourceLocation>());

    /// <summary>Whether the spec sets the key itself (rather than leaving it to a default).</summary>
    public bool Has(string path) => Keys.ContainsKey(path);

    /// <summary>The key's location, else its nearest enclosing key's, else the document's, else the whole file.</summary>
    public SourceLocation Of(string path)
    {
        while (true)
        {
            if (Keys.TryGetValue(path, out var location))
            {
                return location;
            }

            if (path.Length == 0)
            {
                return SourceLocation.WholeFile(File);
            }

            var dot = path.LastIndexOf('.');
            path = dot < 0 ? string.Empty : path[..dot];
        }
    }
}
