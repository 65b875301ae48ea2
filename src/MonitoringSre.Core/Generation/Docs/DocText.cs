using System.Globalization;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Docs;

/// <summary>Phrases the documents share: numbers, durations, SLIs in words, severities.</summary>
public static class DocText
{
    public static IReadOnlyList<(string Priority, string Definition)> Severities { get; } =
    [
        ("P0", "Complete outage: the service is down for all users."),
        ("P1", "Major feature broken for many users."),
        ("P2", "Degraded: slower or partly failing for some users."),
        ("P3", "Minor: few users affected, a workaround exists."),
    ];

    /// <summary>Days from detection by which the postmortem is written.</summary>
    public static IReadOnlyDictionary<string, string> PostmortemDue { get; } = new Dictionary<string, string>
    {
        ["P0"] = "2 business days",
        ["P1"] = "5 business days",
        ["P2"] = "10 business days",
        ["P3"] = "optional",
    };

    public static string Number(decimal value, int decimals = 4) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Minutes(decimal minutes) => minutes < 120m
        ? Number(minutes, 2) + " min"
        : Number(minutes / 60m, 2) + " h (" + Number(minutes, 1) + " min)";

    public static string Hours(decimal hours) => hours < 48m ? Number(hours, 1) + " hours" : Number(hours / 24m, 1) + " days";

    public static string SliInWords(MonitoringModel model, SloModel slo) => slo.Sli switch
    {
        AvailabilitySli a => $"The share of requests that do not fail: a request is bad when its status ({model.Metrics.Preset.StatusLabel}) matches {Markdown.InlineCode(a.ErrorStatus)}.",
        LatencySli l => $"The share of requests served within {l.ThresholdText}: a request is bad when it takes longer.",
        RatioSli => "The share of good events, as counted by the spec's own errors and total queries.",
        _ => string.Empty,
    };

    public static string Severity(string priority) => Severities.First(s => s.Priority == priority).Definition;

    public static string ResponseTime(MonitoringModel model, string priority) =>
        model.Incidents.ResponseTimes.TryGetValue(priority, out var t) ? t : IncidentsConfig.DefaultResponseTimes[priority];

    public static string AlertRunbook(MonitoringModel model, string alert) =>
        model.Runbooks?.UrlFor(alert) ?? "(no runbooks base in monitoring.yaml)";

    public static string DashboardTitle(MonitoringModel model, string kind) => model.Service + " / " + kind;

    public static string ErrorsQuery(MonitoringModel model, SloModel slo, string window) => new SliQueries(model.Metrics, slo.Sli).Errors(window);

    public static string TotalQuery(MonitoringModel model, SloModel slo, string window) => new SliQueries(model.Metrics, slo.Sli).Total(window);
}
