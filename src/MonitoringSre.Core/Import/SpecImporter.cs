using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>What a spec file stands for in MonitoringSre's own shape, and every file that went into it.</summary>
/// <param name="Document">The spec to validate and bind, or null when the import failed.</param>
/// <param name="Imported">The Sloth or OpenSLO file read through <c>import:</c>, or null.</param>
public sealed record ImportResult(SpecDocument? Document, IReadOnlyList<Diagnostic> Diagnostics, SpecFormat Format, string? Imported);

/// <summary>
/// Turns any spec MonitoringSre reads into its own shape: a Sloth or OpenSLO file is translated; a monitoring.yaml
/// with <c>import:</c> is completed by the file it names (service, labels and SLOs come from there, the rest from
/// monitoring.yaml). The tree it makes is validated and bound like a hand-written monitoring.yaml, so the rules are
/// the same whichever way a spec is written.
/// </summary>
public static class SpecImporter
{
    public const string ImportKey = "import";

    private static readonly Regex JobMatcher = new("\\bjob\\s*=\\s*\"([^\"\\\\]*)\"", RegexOptions.CultureInvariant);

    public static ImportResult Resolve(SpecDocument document, ImportOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var format = SpecFormats.Recognize(document.Root, out var unsupported);
        if (unsupported is not null)
        {
            diagnostics.Add(unsupported);
            return new ImportResult(null, diagnostics, format, null);
        }

        SpecMapping root;
        string? imported = null;
        if (format != SpecFormat.MonitoringSre)
        {
            root = Translate(document, format, options, diagnostics);
        }
        else if (document.Root.Find(ImportKey) is { } import)
        {
            var (tree, file) = Import(document, import, options, diagnostics);
            imported = file;
            root = tree is null ? document.Root : Merge(document.Root, tree, import, file!, diagnostics);
        }
        else
        {
            root = document.Root;
        }

        // A refused Sloth plugin leaves the translation whole: the file's other problems (a query the plugin would have
        // let through) are found by validating it, in the same build.
        if (diagnostics.Any(d => d.IsError && d.Descriptor != DiagnosticCatalog.SlothPluginRefused))
        {
            return new ImportResult(null, diagnostics, format, imported);
        }

        if (format != SpecFormat.MonitoringSre || imported is not null)
        {
            root = WithSelector(root);
        }

        if (options.Period is { Length: > 0 } period && root["period"] is null)
        {
            root = new SpecMapping(root.Location, [.. root.Entries, Entry("period", SpecTreeBuilder.Text(SourceLocation.WholeFile("MonitoringPeriod"), period))]);
        }

        return new ImportResult(document with { Root = root }, diagnostics, format, imported);
    }

    private static SpecMapping Translate(SpecDocument document, SpecFormat format, ImportOptions options, List<Diagnostic> diagnostics) => format switch
    {
        SpecFormat.Sloth or SpecFormat.SlothKubernetes => SlothImporter.Translate(document, options, diagnostics),
        SpecFormat.OpenSloV1Alpha => OpenSloV1AlphaImporter.Translate(document, options, diagnostics),
        _ => OpenSloImporter.Translate(document, options, diagnostics),
    };

    private static (SpecMapping? Tree, string? File) Import(SpecDocument document, SpecEntry import, ImportOptions options, List<Diagnostic> diagnostics)
    {
        if (import.Value is not SpecScalar { Value.Length: > 0 } value || Path.IsPathRooted(value.Value))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, import.Value.Location, ImportKey, "a path relative to this file",
                "Name the Sloth or OpenSLO spec beside it, e.g. import: slos.sloth.yaml."));
            return (null, null);
        }

        var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(document.File)) ?? ".", value.Value));
        var bytes = options.Files?.Read(file);
        if (bytes is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportFile, value.Location, value.Value, "does not exist", $"Create it, or correct the path: it is read from {file}."));
            return (null, file);
        }

        var (loaded, loadDiagnostics) = SpecLoader.Load(file, bytes);
        diagnostics.AddRange(loadDiagnostics);
        if (loaded is null)
        {
            return (null, file);
        }

        if (SchemaValidator.CheckExpansion(loaded) is { } tooComplex)
        {
            diagnostics.Add(tooComplex);
            return (null, file);
        }

        var format = SpecFormats.Recognize(loaded.Root, out var unsupported);
        if (unsupported is not null || format == SpecFormat.MonitoringSre)
        {
            diagnostics.Add(unsupported ?? Diagnostic.Create(DiagnosticCatalog.ImportFile, value.Location, value.Value, "is no Sloth or OpenSLO spec",
                "Import a file that starts with version: prometheus/v1, apiVersion: sloth.slok.dev/v1, apiVersion: openslo/v1 or openslo/v1alpha; a monitoring.yaml is not imported."));
            return (null, file);
        }

        return (Translate(loaded, format, options, diagnostics), file);
    }

    /// <summary>
    /// monitoring.yaml without its import, with what the imported file gives (service, labels and SLOs; an OpenSLO
    /// file also its period). A key both set is an error unless both give the same value.
    /// </summary>
    private static SpecMapping Merge(SpecMapping root, SpecMapping imported, SpecEntry import, string file, List<Diagnostic> diagnostics)
    {
        var entries = root.Entries.Where(e => e != import).ToList();
        foreach (var entry in imported.Entries)
        {
            var own = root.Find(entry.Key.Value);
            if (own is null)
            {
                entries.Add(entry);
            }
            else if (!(own.Value is SpecScalar a && entry.Value is SpecScalar b && a.Value == b.Value))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportConflict, own.Key.Location, entry.Key.Value, Path.GetFileName(file)));
            }
        }

        return new SpecMapping(root.Location, entries);
    }

    /// <summary>
    /// An imported spec names no metrics selector (the Down alert's and the dashboards'); when every SLI query selects
    /// the same job, that job is the service's, not a guess from the service name that would page as Down forever.
    /// </summary>
    private static SpecMapping WithSelector(SpecMapping root)
    {
        var metrics = root["metrics"] as SpecMapping;
        if (metrics?["selector"] is not null)
        {
            return root;
        }

        var queries = (root["slos"] as SpecSequence)?.Items.OfType<SpecMapping>()
            .Select(slo => slo["sli"] as SpecMapping)
            .SelectMany(sli => sli?.Entries.Select(e => e.Value).OfType<SpecMapping>() ?? [])
            .SelectMany(kind => kind.Entries.Select(e => e.Value).OfType<SpecScalar>())
            .ToList() ?? [];
        var jobs = queries.Select(q => JobMatcher.Matches(q.Value).Select(m => m.Groups[1].Value).Distinct().ToList()).ToList();
        if (queries.Count == 0 || jobs.Any(j => j.Count != 1) || jobs.Select(j => j[0]).Distinct().Count() != 1)
        {
            return root;
        }

        var selector = Entry("selector", SpecTreeBuilder.Text(queries[0].Location, $"job=\"{jobs[0][0]}\""));
        var withSelector = metrics is null
            ? new SpecMapping(queries[0].Location, [selector])
            : new SpecMapping(metrics.Location, [.. metrics.Entries, selector]);
        var entries = root.Entries.Where(e => e.Key.Value != "metrics").Append(Entry("metrics", withSelector));
        return new SpecMapping(root.Location, entries.ToList());
    }

    private static SpecEntry Entry(string key, SpecNode value) => new(SpecTreeBuilder.Plain(value.Location, key), value);
}
