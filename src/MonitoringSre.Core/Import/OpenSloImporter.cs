using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>OpenSLO v1: not read yet (issue 14 continues with it).</summary>
internal static class OpenSloImporter
{
    public static SpecMapping Translate(SpecDocument document, List<Diagnostic> diagnostics)
    {
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, document.Root.Location, "Reading OpenSLO v1 documents", "This version reads Sloth specs and monitoring.yaml; write the SLOs in one of those for now."));
        return document.Root;
    }
}
