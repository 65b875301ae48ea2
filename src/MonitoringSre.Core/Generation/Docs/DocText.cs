using System.Globalization;
using MonitoringSre.Model;

namespace MonitoringSre.Generation.Docs;

/// <summary>Phrases the documents share: numbers, durations, SLIs in words, who a priority reaches.</summary>
public static class DocText
{
    public static string Number(decimal value, int decimals = 4) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Minutes(decimal minutes) => minutes < 120m
        ? Number(minutes, 2) + " min"
        : Number(minutes / 60m, 2) + " h (" + Number(minutes, 1) + " min)";

    /// <summary>A tier's long and short window: "1h and 5m".</summary>
    public static string Windows(BurnRateTier tier) => $"{PromQl.Duration(tier.LongWindowMinutes)} and {PromQl.Duration(tier.ShortWindowMinutes)}";

    public static string Hours(decimal hours) => hours < 48m ? Number(hours, 1) + " hours" : Number(hours / 24m, 1) + " days";

    public static string SliInWords(MonitoringModel model, SloModel slo) => slo.Sli switch
    {
        AvailabilitySli a => $"The share of requests that do not fail: a request is bad when its status ({model.Metrics.Preset.StatusLabel}) matches {Markdown.InlineCode(a.ErrorStatus)}.",
        LatencySli l => $"The share of requests served within {l.ThresholdText}: a request is bad when it takes longer.",
        RatioSli => "The share of good events, as counted by the spec's own errors and total queries.",
        RawSli => "The share of good events, as the spec's own error ratio query gives it (its period ratio is the mean of its 5m ratios).",
        _ => string.Empty,
    };

    /// <summary>Who a priority reaches: the on-call by page, or the team by ticket.</summary>
    public static string Reaches(MonitoringModel model, PriorityLevel level) =>
        level.Pages ? (model.Incidents.OnCall ?? "the on-call engineer") + " (page)" : "ticket to " + Markdown.Inline(model.Team ?? "the team");

    public static string AlertRunbook(MonitoringModel model, string alert) =>
        model.Runbooks?.UrlFor(alert) ?? "(no runbooks base in monitoring.yaml)";

    public static string DashboardTitle(MonitoringModel model, string kind) => model.Service + " / " + kind;
}
