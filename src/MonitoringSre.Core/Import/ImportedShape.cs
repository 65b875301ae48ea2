using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>Checks of an imported file's own shape, before it is translated: its keys and where a mapping or list must be.</summary>
internal sealed class ImportedShape(string format, List<Diagnostic> diagnostics)
{
    /// <summary>Reports every key of <paramref name="map"/> that the format does not define.</summary>
    public void Keys(SpecMapping map, string where, params string[] known)
    {
        foreach (var entry in map.Entries)
        {
            if (!known.Contains(entry.Key.Value))
            {
                // Sloth's two forms spell the same keys page_alert and pageAlert: name the spelling this one uses.
                var spelled = known.FirstOrDefault(k => Squashed(k) == Squashed(entry.Key.Value));
                var allowed = string.Join(", ", known) + (spelled is null ? string.Empty : $". This format writes '{entry.Key.Value}' as {spelled}");
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownImportedKey, entry.Key.Location, entry.Key.Value, where, format, allowed));
            }
        }
    }

    private static string Squashed(string key) => key.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The mapping at <paramref name="key"/>, null when absent; anything else there is reported.</summary>
    public SpecMapping? Map(SpecMapping parent, string key, string path)
    {
        switch (parent[key])
        {
            case null:
                return null;
            case SpecMapping map:
                return map;
            case var other:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, other.Location, path, "a mapping", $"Write the keys of '{key}' indented under it."));
                return null;
        }
    }

    /// <summary>The list at <paramref name="key"/>, empty when absent; anything else there is reported.</summary>
    public IReadOnlyList<SpecNode> Seq(SpecMapping parent, string key, string path)
    {
        switch (parent[key])
        {
            case null:
                return [];
            case SpecSequence seq:
                return seq.Items;
            case var other:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, other.Location, path, "a list", $"Write each item of '{key}' on a line of its own starting with '- '."));
                return [];
        }
    }

    /// <summary>The mapping that a list item must be; anything else is reported.</summary>
    public SpecMapping? Item(SpecNode item, string path)
    {
        if (item is SpecMapping map)
        {
            return map;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, item.Location, path, "a mapping", "Write the item's keys after its '- '."));
        return null;
    }

    public void WrongType(SpecNode node, string path, string expected, string help) =>
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, node.Location, path, expected, help));

    public void Missing(SpecMapping map, string key, string where, string help) =>
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingKey, map.Location, key, where, help));
}
