using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// The SLOs' timeWindow as the service's period, one for all (the period applies to every SLO of a service): a rolling
/// window's duration, or a calendar window's duration with its calendar (startTime and timeZone), which becomes
/// monitoring.yaml's calendar. OpenSLO's duration shorthand is read as OpenSLO defines it: m is minutes, M months.
/// </summary>
internal static class OpenSloTimeWindow
{
    private static readonly Regex Shorthand = new("^([1-9][0-9]*)([mhdwMQY])$", RegexOptions.CultureInvariant);

    public static (SpecScalar? Period, SpecMapping? Calendar) Read(IEnumerable<SpecMapping> slos, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        (SpecScalar Duration, SpecMapping? Calendar)? first = null;
        foreach (var slo in slos)
        {
            var windows = shape.Seq(slo, "timeWindow", "spec.timeWindow");
            if (windows.Count == 0 || shape.Item(windows[0], "spec.timeWindow[0]") is not { } window)
            {
                continue;
            }

            shape.Keys(window, "spec.timeWindow[0]", "duration", "isRolling", "calendar");
            var rolling = window["isRolling"] is SpecScalar r ? ScalarValue.Of(r).Value as bool? : null;
            var calendar = shape.Map(window, "calendar", "spec.timeWindow[0].calendar");
            if (calendar is not null && rolling is true)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, window["isRolling"]!.Location, "A time window both rolling and calendar-aligned",
                    "Write isRolling: false with a calendar, or leave the calendar out for a rolling window."));
                continue;
            }

            if (calendar is null && rolling is false)
            {
                shape.Missing(window, "calendar", "spec.timeWindow[0]", "A window that is not rolling is calendar-aligned: give calendar: {startTime: 2024-01-01 00:00:00, timeZone: UTC}.");
                continue;
            }

            if (window["duration"] is not SpecScalar duration)
            {
                continue;
            }

            var months = calendar is null ? 0 : Months(duration);
            if (months > 0)
            {
                shape.Keys(calendar!, "spec.timeWindow[0].calendar", "startTime", "timeZone");
                calendar = new SpecMapping(calendar!.Location, [.. calendar.Entries,
                    new SpecEntry(SpecTreeBuilder.Plain(duration.Location, "months"), SpecTreeBuilder.Plain(duration.Location, months.ToString(CultureInfo.InvariantCulture)))]);
            }
            else if (calendar is not null)
            {
                shape.Keys(calendar, "spec.timeWindow[0].calendar", "startTime", "timeZone");
            }

            var period = months > 0
                ? SpecTreeBuilder.Text(duration.Location, (months == 12 ? 365 : months * 30).ToString(CultureInfo.InvariantCulture) + "d")
                : Duration(duration, diagnostics);
            if (period is null)
            {
                continue;
            }

            if (first is { } earlier && (earlier.Duration.Value != period.Value || Describe(earlier.Calendar) != Describe(calendar)))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, duration.Location,
                    $"SLOs of one service with different time windows ({earlier.Duration.Value}{Describe(earlier.Calendar)} and {period.Value}{Describe(calendar)})",
                    "One period applies to all SLOs of a service: give them the same time window."));
                continue;
            }

            first ??= (period, calendar);
        }

        return first is { } chosen ? (chosen.Duration, chosen.Calendar) : (null, null);
    }

    /// <summary>A calendar window of months, quarters or years in months (at most a year); 0 for anything else.</summary>
    private static int Months(SpecScalar duration)
    {
        var match = Shorthand.Match(duration.Value);
        var n = match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        var months = match.Groups[2].Value switch { "M" => n, "Q" => n * 3, "Y" => n * 12, _ => 0 };
        return months is > 0 and <= 12 ? months : 0;
    }

    /// <summary>A duration of whole days or weeks as a period; anything shorter or longer said for what it is.</summary>
    private static SpecScalar? Duration(SpecScalar duration, List<Diagnostic> diagnostics)
    {
        var match = Shorthand.Match(duration.Value);
        var what = !match.Success ? null : match.Groups[2].Value switch
        {
            "d" or "w" => null,
            "m" => "minutes",
            "h" => "hours",
            "M" => "calendar months",
            "Q" => "quarters",
            _ => "years",
        };
        if (match.Success && what is null)
        {
            return SpecTreeBuilder.Text(duration.Location, duration.Value);
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, duration.Location,
            what is null ? $"A time window of '{duration.Value}'" : $"A time window of {duration.Value} ({what}: in OpenSLO's shorthand m is minutes and M months)",
            what == "minutes" && duration.Value == "1m"
                ? "For a calendar month write 1M (with its calendar); a rolling window is whole days or weeks, 7d to 365d, e.g. 28d or 4w."
                : "Write a rolling window in whole days or weeks, 7d to 365d, e.g. 28d or 4w, or a calendar window (with calendar:) of days, weeks, months (1M), quarters (1Q) or a year (1Y)."));
        return null;
    }

    private static string Describe(SpecMapping? calendar) => calendar is null ? string.Empty
        : $" from {(calendar["startTime"] as SpecScalar)?.Value} {(calendar["timeZone"] as SpecScalar)?.Value}";
}
