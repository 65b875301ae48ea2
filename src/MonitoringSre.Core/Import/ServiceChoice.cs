using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>Which service of a file that holds several a project is: the only one, or the one MonitoringService names.</summary>
internal static class ServiceChoice
{
    /// <summary>
    /// The service among <paramref name="named"/> (each place a service is named, repeats allowed); null with MON065,
    /// which lists the choices, when there are several and MonitoringService names none of them. Null without any.
    /// </summary>
    public static SpecScalar? Choose(IReadOnlyList<SpecScalar> named, ImportOptions options, string format, List<Diagnostic> diagnostics)
    {
        var distinct = named.GroupBy(s => s.Value).Select(g => g.First()).ToList();
        if (distinct.Count <= 1)
        {
            return distinct.FirstOrDefault();
        }

        if (options.Service is { } wanted && distinct.FirstOrDefault(s => s.Value == wanted) is { } match)
        {
            return match;
        }

        var list = string.Join(", ", distinct.Select(s => s.Value));
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OpenSloService, distinct[1].Location,
            options.Service is null
                ? $"The {format} file holds SLOs of {distinct.Count} services ({list}); a project is one service"
                : $"MonitoringService '{options.Service}' is none of the services of the {format} file ({list})",
            $"Choose the one this project is: -p:MonitoringService={distinct[0].Value}, or <MonitoringService>{distinct[0].Value}</MonitoringService> in the project file."));
        return null;
    }
}
