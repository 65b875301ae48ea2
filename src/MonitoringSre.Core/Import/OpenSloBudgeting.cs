using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;
using MonitoringSre.Model;
using MonitoringSre.Spec;

namespace MonitoringSre.Import;

/// <summary>
/// An OpenSLO objective's SLI under its SLO's budgeting method, as the sli of monitoring.yaml:
/// <list type="bullet">
/// <item>Occurrences of a ratioMetric: sli.ratio (or sli.raw for a raw ratio), every event counts.</item>
/// <item>Occurrences of a thresholdMetric: every sample counts, good when it is <c>op value</c>; the error ratio is the
/// share of samples that are not, over the window (sli.raw).</item>
/// <item>Timeslices: the window is cut into slices of timeSliceWindow, aligned to the clock; a slice is good when its
/// good-to-total ratio reaches timeSliceTarget, and the error ratio is the share of bad slices (sli.raw). A slice
/// without events counts neither way.</item>
/// <item>RatioTimeslices: the error ratio is one minus the mean of the slices' ratios (sli.raw).</item>
/// </list>
/// A slice is read by the subquery <c>[window:slice]</c>, whose steps Prometheus aligns to multiples of the slice.
/// </summary>
internal static class OpenSloBudgeting
{
    /// <summary>Slices up to 5m: the alerts' shortest window is 5m, and it must hold a slice.</summary>
    private static readonly Regex Slice = new("^([1-9][0-9]*)(s|m)$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal) { ["lt"] = "<", ["lte"] = "<=", ["gt"] = ">", ["gte"] = ">=" };

    public static SpecMapping? Sli(OpenSloMetrics metrics, SpecScalar? method, SpecMapping objective, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        var at = objective.Location;
        switch (method?.Value ?? "Occurrences")
        {
            case "Occurrences" when metrics.Threshold is { } threshold:
                return Threshold(threshold, objective, path, shape, diagnostics) is { } raw ? Raw(at, raw) : null;
            case "Occurrences" when metrics.RawErrorRatio is { } ratio:
                return Raw(at, ratio.Value, ratio.Location);
            case "Occurrences":
                return new SpecTreeBuilder(at).Add("ratio", new SpecTreeBuilder(metrics.Location)
                    .Add(metrics.Good is null ? "errors" : "good", metrics.Good ?? metrics.Errors)
                    .Add("total", metrics.Total)).Build();
            case "Timeslices" or "RatioTimeslices" when metrics.Threshold is not null || metrics.RawErrorRatio is not null:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, method!.Location,
                    $"budgetingMethod {method.Value} over a {(metrics.Threshold is null ? "raw ratioMetric" : "thresholdMetric")}",
                    "MonitoringSre cuts a ratioMetric's good (or bad) and total events into time slices: write the SLI as one."));
                return null;
            case "Timeslices" or "RatioTimeslices":
                return Slices(metrics, method!, objective, path, shape, diagnostics) is { } sliced ? Raw(at, sliced) : null;
            default:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportNotSupported, method!.Location, $"budgetingMethod '{method.Value}'",
                    "Write Occurrences, Timeslices or RatioTimeslices."));
                return null;
        }
    }

    private static SpecMapping Raw(SourceLocation at, string errorRatio, SourceLocation? queryAt = null) =>
        new SpecTreeBuilder(at).Add("raw", new SpecTreeBuilder(at).Add("errorRatio", SpecTreeBuilder.Text(queryAt ?? at, errorRatio))).Build();

    /// <summary>The share of samples that miss <c>op value</c>: a sample is one occurrence.</summary>
    private static string? Threshold(SpecScalar query, SpecMapping objective, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (objective["op"] is not SpecScalar op || objective["value"] is not SpecScalar value)
        {
            shape.Missing(objective, objective["op"] is null ? "op" : "value", path, "A thresholdMetric's objective says what is good: op (lt, lte, gt or gte) and value, e.g. op: lt and value: 500.");
            return null;
        }

        if (!Operators.TryGetValue(op.Value, out var comparison))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ValueNotAllowed, op.Location, path + ".op", op.Value, "lt, lte, gt, gte"));
            return null;
        }

        if (ScalarValue.Of(value).Value is not (long or decimal or double))
        {
            shape.WrongType(value, path + ".value", "a number", "Write the threshold as a number in the metric's unit, e.g. value: 500.");
            return null;
        }

        var good = $"({query.Value.Trim()}) {comparison} bool {value.Value}";
        return OpenSloIndicator.NamesWindow(query.Value)
            ? $"1 - avg({good})"
            : $"1 - avg(avg_over_time(({good})[{RatioSli.WindowPlaceholder}:]))";
    }

    /// <summary>The share of bad slices (Timeslices), or one minus the slices' mean ratio (RatioTimeslices).</summary>
    private static string? Slices(OpenSloMetrics metrics, SpecScalar method, SpecMapping objective, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (metrics.Total is not { } total || (metrics.Good ?? metrics.Errors) is not { } counted)
        {
            return null;
        }

        if (SliceWindow(objective, path, shape, diagnostics) is not { } slice)
        {
            return null;
        }

        var totalAt = OpenSloIndicator.At(total.Value, slice);
        var countedAt = OpenSloIndicator.At(counted.Value, slice);
        var ratio = metrics.Good is not null
            ? $"({countedAt}) / (({totalAt}) > 0)"
            : $"1 - ({countedAt}) / (({totalAt}) > 0)";
        if (method.Value == "RatioTimeslices")
        {
            return $"1 - avg_over_time(({ratio})[{RatioSli.WindowPlaceholder}:{slice}])";
        }

        if (objective["timeSliceTarget"] is not SpecScalar target)
        {
            shape.Missing(objective, "timeSliceTarget", path, "Timeslices needs the ratio that makes a slice good, e.g. timeSliceTarget: 0.95.");
            return null;
        }

        if (!(ScalarValue.Of(target).Value is long or decimal && decimal.TryParse(target.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0m and <= 1m))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OutOfRange, target.Location, path + ".timeSliceTarget", target.Value,
                "Write the share of good events that makes a slice good, above 0 and at most 1, e.g. 0.95."));
            return null;
        }

        return $"1 - avg_over_time((({ratio}) >= bool {target.Value})[{RatioSli.WindowPlaceholder}:{slice}])";
    }

    /// <summary>timeSliceWindow as a Prometheus duration: OpenSLO's shorthand in seconds or minutes, or a number of seconds; at most 5m.</summary>
    private static string? SliceWindow(SpecMapping objective, string path, ImportedShape shape, List<Diagnostic> diagnostics)
    {
        if (objective["timeSliceWindow"] is not SpecScalar window)
        {
            shape.Missing(objective, "timeSliceWindow", path, "Time slices need their length, e.g. timeSliceWindow: 1m.");
            return null;
        }

        var text = ScalarValue.Of(window).Value is long seconds ? seconds.ToString(CultureInfo.InvariantCulture) + "s" : window.Value;
        var match = Slice.Match(text);
        var length = match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * (match.Groups[2].Value == "m" ? 60 : 1) : 0;
        if (length is < 1 or > SloModel.MaxEvaluationIntervalSeconds)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OutOfRange, window.Location, path + ".timeSliceWindow", window.Value,
                "Write a slice of 1s to 5m, e.g. 1m: the alerts' shortest window is 5 minutes, and it must hold whole slices."));
            return null;
        }

        return text;
    }
}
