using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringSre.Binding;
using MonitoringSre.Model;
using MonitoringSre.Text;

namespace MonitoringSre.Generation.RuleTests;

/// <summary>
/// Finds input series that the generated queries select: labels that satisfy the selector, a status code that the
/// availability SLI counts as an error (and one it does not), a bucket at the latency threshold, or the one series each
/// of a ratio SLI's queries reads. Says why when it cannot.
/// </summary>
public static class TestSeriesSynthesizer
{
    private static readonly Regex RangeSelector = new(
        @"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?<matchers>\{[^{}]*\})?\s*\[\s*\{\{window\}\}\s*\]", RegexOptions.CultureInvariant);

    private static readonly Regex LabelKeepingAggregation = new(@"\b(by|without)\s*\(", RegexOptions.CultureInvariant);

    private static readonly string[] PreferredErrorCodes = ["500", "503", "502", "504", "429"];
    private static readonly string[] PreferredGoodCodes = ["200", "201", "204", "302", "404"];

    public static bool TryBaseLabels(MetricsConfig metrics, out IReadOnlyList<Label> labels, out string reason) =>
        TryLabelsFor(metrics.Matchers, out labels, out reason);

    public static bool TrySliSeries(MetricsConfig metrics, SliDefinition sli, out IReadOnlyList<SynthSeries> series, out string reason)
    {
        series = [];
        if (sli is RatioSli { CountsGood: true } goodRatio)
        {
            // Found as if the good query counted errors; then what it reads is good, and the rest of total bad.
            if (!TryRatioSeries(goodRatio, out var found, out reason))
            {
                return false;
            }

            series = found.Select(s => s.GoodWeight == s.BadWeight ? s : s with { GoodWeight = s.BadWeight, BadWeight = s.GoodWeight }).ToList();
            return true;
        }

        if (sli is RatioSli ratio)
        {
            return TryRatioSeries(ratio, out series, out reason);
        }

        if (sli is RawSli raw)
        {
            // A raw ratio written as errors / total (as most are) reads the same series as the ratio SLI of its two sides.
            if (SplitAtDivision(raw.ErrorRatio) is not { } sides)
            {
                reason = "the errorRatio query is not of the form errors / total, so which series make it rise is not known";
                return false;
            }

            return TryRatioSeries(new RatioSli(sides.Errors, sides.Total), out series, out reason);
        }

        if (!TryBaseLabels(metrics, out var baseLabels, out reason))
        {
            return false;
        }

        var preset = metrics.Preset;
        var count = preset.DurationMetric + "_count";
        switch (sli)
        {
            case AvailabilitySli availability:
            {
                var isError = FullMatch.Matcher(availability.ErrorStatus);
                // Lazily: the preferred codes almost always decide, and the 500 others are written only when they do not.
                var all = PreferredErrorCodes.Concat(PreferredGoodCodes)
                    .Concat(Enumerable.Range(100, 500).Select(c => c.ToString(CultureInfo.InvariantCulture)));
                var error = all.FirstOrDefault(isError);
                var good = PreferredGoodCodes.Concat(all).FirstOrDefault(c => !isError(c));
                if (error is null || good is null)
                {
                    reason = $"no HTTP status code from 100 to 599 {(error is null ? "matches" : "fails to match")} errorStatus \"{availability.ErrorStatus}\"";
                    return false;
                }

                series =
                [
                    new SynthSeries(count, [.. baseLabels, new Label(preset.StatusLabel, error)], GoodWeight: 0, BadWeight: 1),
                    new SynthSeries(count, [.. baseLabels, new Label(preset.StatusLabel, good)], GoodWeight: 1, BadWeight: 0),
                ];
                return true;
            }

            case LatencySli latency:
                // Good requests land in the threshold's bucket, slow ones above it; _count sees both.
                series =
                [
                    new SynthSeries(count, baseLabels, GoodWeight: 1, BadWeight: 1),
                    new SynthSeries(preset.DurationMetric + "_bucket", [.. baseLabels, new Label("le", PromQl.Number(latency.ThresholdSeconds))], GoodWeight: 1, BadWeight: 0),
                ];
                return true;
            default:
                reason = "unknown SLI kind";
                return false;
        }
    }

    private static bool TryRatioSeries(RatioSli ratio, out IReadOnlyList<SynthSeries> series, out string reason)
    {
        series = [];
        if (!TryOnlySelector(ratio.Errors, ratio.CountsGood ? "good" : "errors", out var errMetric, out var errMatchers, out reason)
            || !TryOnlySelector(ratio.Total, "total", out var totalMetric, out var totalMatchers, out reason))
        {
            return false;
        }

        if (errMetric != totalMetric)
        {
            if (!TryLabelsFor(errMatchers, out var errLabels, out reason) || !TryLabelsFor(totalMatchers, out var totalLabels, out reason))
            {
                return false;
            }

            series = [new SynthSeries(errMetric, errLabels, 0, 1), new SynthSeries(totalMetric, totalLabels, 1, 1)];
            return true;
        }

        // One metric for both: the bad series must satisfy both queries, the good one the total's but not the errors'.
        if (!TryLabelsFor([.. totalMatchers, .. errMatchers], out var badLabels, out reason))
        {
            return false;
        }

        foreach (var distinguishing in errMatchers.Where(m => !totalMatchers.Any(t => t.Name == m.Name)))
        {
            var value = ValueFailing(distinguishing);
            if (value is null || !TryLabelsFor(totalMatchers, out var goodBase, out _))
            {
                continue;
            }

            var goodLabels = value.Length == 0 ? goodBase : [.. goodBase, new Label(distinguishing.Name, value)];
            if (totalMatchers.All(m => Satisfies(goodLabels, m)) && !errMatchers.All(m => Satisfies(goodLabels, m)))
            {
                series = [new SynthSeries(errMetric, badLabels, 0, 1), new SynthSeries(errMetric, goodLabels, 1, 0)];
                return true;
            }
        }

        reason = "the errors and total queries read the same metric and no label tells their series apart";
        return false;
    }

    /// <summary>
    /// The two sides of the query's one division outside parentheses, brackets and braces, or null. Read through
    /// PromQL's tokens, so a '/' in a string or a comment is not taken for one.
    /// </summary>
    private static (string Errors, string Total)? SplitAtDivision(string query)
    {
        List<PromQlToken> tokens;
        try
        {
            tokens = PromQlLexer.Lex(query);
        }
        catch (PromQlSyntaxError)
        {
            return null;
        }

        var depth = 0;
        PromQlToken? division = null;
        foreach (var token in tokens.Where(t => t.Kind == PromQlTokenKind.Punct))
        {
            switch (token.Text)
            {
                case "(" or "[" or "{":
                    depth++;
                    break;
                case ")" or "]" or "}":
                    depth--;
                    break;
                case "/" when depth == 0:
                    if (division is not null)
                    {
                        return null;
                    }

                    division = token;
                    break;
            }
        }

        if (division is not { Position: var at })
        {
            return null;
        }

        // From the first token to the last: comments before and after are no part of either side.
        var last = tokens[^2];
        return (query[tokens[0].Position..at].Trim(), query[(at + 1)..(last.Position + last.Text.Length)].Trim());
    }

    private static bool TryOnlySelector(string query, string which, out string metric, out IReadOnlyList<LabelMatcher> matchers, out string reason)
    {
        metric = string.Empty;
        matchers = [];
        var trimmed = query.Trim();
        if (!trimmed.StartsWith("sum", StringComparison.Ordinal) || !Regex.IsMatch(trimmed, @"^sum\s*\(", RegexOptions.CultureInvariant)
            || LabelKeepingAggregation.IsMatch(trimmed))
        {
            reason = $"the {which} query is not of the form sum(rate(metric{{...}}[{{{{window}}}}])), so the labels of its result are not known";
            return false;
        }

        var found = RangeSelector.Matches(trimmed);
        if (found.Count != 1)
        {
            reason = $"the {which} query reads {found.Count} range selectors over {{{{window}}}}; test series can be synthesised for exactly one";
            return false;
        }

        metric = found[0].Groups["metric"].Value;
        var text = found[0].Groups["matchers"].Value;
        if (text.Length > 2 && !SelectorParser.TryParse(text, out matchers, out var error))
        {
            reason = $"the {which} query's matchers {text} cannot be read: {error}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    internal static bool TryLabelsFor(IReadOnlyList<LabelMatcher> matchers, out IReadOnlyList<Label> labels, out string reason)
    {
        var result = new List<Label>();
        labels = result;
        foreach (var m in matchers)
        {
            if (result.Any(l => l.Name == m.Name))
            {
                continue;
            }

            var value = m.Op switch
            {
                "=" => m.Value,
                "=~" => RegexSample(m.Value),
                "!=" => m.Value.Length > 0 ? string.Empty : "x",
                _ => FullMatch.Matcher(m.Value)(string.Empty) ? null : string.Empty,
            };
            if (value is null)
            {
                reason = $"no label value was found that satisfies {PromQl.Matcher(m)}";
                return false;
            }

            if (value.Length > 0)
            {
                result.Add(new Label(m.Name, value));
            }
        }

        var unmet = matchers.FirstOrDefault(m => !Satisfies(result, m));
        reason = unmet is null ? string.Empty : $"no label value was found that satisfies {PromQl.Matcher(unmet)}";
        return unmet is null;
    }

    internal static bool Satisfies(IReadOnlyList<Label> labels, LabelMatcher m)
    {
        var value = labels.FirstOrDefault(l => l.Name == m.Name)?.Value ?? string.Empty;
        return m.Op switch
        {
            "=" => value == m.Value,
            "!=" => value != m.Value,
            "=~" => FullMatch.Matcher(m.Value)(value),
            _ => !FullMatch.Matcher(m.Value)(value),
        };
    }

    /// <summary>A value that does not satisfy the matcher; "" means "leave the label out".</summary>
    private static string? ValueFailing(LabelMatcher m) => m.Op switch
    {
        "=" => m.Value.Length > 0 ? string.Empty : "x",
        "=~" => new[] { string.Empty, "ok", "200", "success" }.FirstOrDefault(v => !FullMatch.Matcher(m.Value)(v)),
        "!=" => m.Value,
        _ => RegexSample(m.Value),
    };

    /// <summary>A literal the regex matches: the pattern itself or one of its top-level alternatives, when it has no other syntax.</summary>
    private static string? RegexSample(string pattern)
    {
        var matches = FullMatch.Matcher(pattern);
        foreach (var alternative in pattern.Split('|'))
        {
            if (alternative.Length > 0 && Regex.Escape(alternative) == alternative && matches(alternative))
            {
                return alternative;
            }
        }

        foreach (var candidate in new[] { "500", "200", "1", "x" })
        {
            if (matches(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
