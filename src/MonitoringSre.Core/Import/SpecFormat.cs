using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>The formats a spec file may be written in, told apart by the file's header.</summary>
public enum SpecFormat
{
    /// <summary>monitoring.yaml as schemas/monitoring.schema.json describes it.</summary>
    MonitoringSre,

    /// <summary>Sloth's <c>version: prometheus/v1</c> file.</summary>
    Sloth,

    /// <summary>Sloth's Kubernetes resource: <c>apiVersion: sloth.slok.dev/v1</c>, <c>kind: PrometheusServiceLevel</c>.</summary>
    SlothKubernetes,

    /// <summary>OpenSLO v1 documents: <c>apiVersion: openslo/v1</c>.</summary>
    OpenSlo,

    /// <summary>OpenSLO v1alpha SLO documents, as Sloth reads them: <c>apiVersion: openslo/v1alpha</c>.</summary>
    OpenSloV1Alpha,
}

public static class SpecFormats
{
    public const string SlothVersion = "prometheus/v1";
    public const string SlothApiVersion = "sloth.slok.dev/v1";
    public const string OpenSloApiVersion = "openslo/v1";

    private const string Readable = "MonitoringSre reads its own monitoring.yaml, Sloth's version: prometheus/v1 and apiVersion: sloth.slok.dev/v1 specs, and OpenSLO v1 (apiVersion: openslo/v1) and v1alpha (apiVersion: openslo/v1alpha).";

    /// <summary>Whether a document's header is OpenSLO's, of any version: such a file may hold several documents.</summary>
    public static bool IsOpenSlo(SpecNode? root) =>
        root is SpecMapping m && m["apiVersion"] is SpecScalar s && s.Value.StartsWith("openslo/", StringComparison.Ordinal);

    /// <summary>Whether a file that starts with this document may hold more: an OpenSLO or a Sloth file may.</summary>
    public static bool AllowsManyDocuments(SpecNode? root) =>
        IsOpenSlo(root) || (root is SpecMapping m && (m["version"] is SpecScalar { Value: SlothVersion } || m["apiVersion"] is SpecScalar { Value: SlothApiVersion }));

    /// <summary>The format of a document by its header; a header of a version MonitoringSre cannot read is a diagnostic.</summary>
    public static SpecFormat Recognize(SpecMapping root, out Diagnostic? unsupported)
    {
        unsupported = null;
        if (root["version"] is SpecScalar version)
        {
            if (version.Value == SlothVersion)
            {
                return SpecFormat.Sloth;
            }

            unsupported = Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, version.Location, $"A spec of version '{version.Value}'", Readable);
            return SpecFormat.Sloth;
        }

        if (root["apiVersion"] is SpecScalar apiVersion)
        {
            switch (apiVersion.Value)
            {
                case SlothApiVersion:
                    return SpecFormat.SlothKubernetes;
                case OpenSloApiVersion:
                    return SpecFormat.OpenSlo;
                case OpenSloV1AlphaImporter.ApiVersion:
                    return SpecFormat.OpenSloV1Alpha;
                default:
                    unsupported = Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, apiVersion.Location, $"A spec of apiVersion '{apiVersion.Value}'", Readable);
                    return IsOpenSlo(root) ? SpecFormat.OpenSlo : SpecFormat.SlothKubernetes;
            }
        }

        return SpecFormat.MonitoringSre;
    }

    /// <summary>A spec of the format, as a message names it: "a Sloth prometheus/v1 spec".</summary>
    public static string Described(SpecFormat format) => (format is SpecFormat.OpenSlo or SpecFormat.OpenSloV1Alpha ? "an " : "a ") + Display(format) + " spec";

    /// <summary>How diagnostics name the format.</summary>
    public static string Display(SpecFormat format) => format switch
    {
        SpecFormat.Sloth => "Sloth prometheus/v1",
        SpecFormat.SlothKubernetes => "Sloth PrometheusServiceLevel",
        SpecFormat.OpenSlo => "OpenSLO v1",
        SpecFormat.OpenSloV1Alpha => "OpenSLO v1alpha",
        _ => "monitoring.yaml",
    };
}
