using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Model;
using MonitoringSre.Spec;
using MonitoringSre.Text;

namespace MonitoringSre.Binding;

/// <summary>Binds the slos list: names, objectives, SLIs and alerting, with the checks that span SLOs.</summary>
internal sealed class SloBinder(string service, int periodDays, MetricsPreset preset, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, SpecScalar> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _alertNames = new(StringComparer.Ordinal);

    /// <summary>The spec's top-level alerting: what every SLO's own alerting keys fall back to.</summary>
    private SpecMapping? _defaults;

    public IReadOnlyList<SloModel> BindAll(SpecMapping root)
    {
        _defaults = root.Map("alerting");
        var slos = new List<SloModel>();
        foreach (var node in root.Seq("slos").OfType<SpecMapping>())
        {
            var slo = Bind(node);
            if (slo is not null)
            {
                slos.Add(slo);
            }
        }

        return slos;
    }

    private SloModel? Bind(SpecMapping node)
    {
        // The binder also runs on files with schema errors (so every problem is reported at once): whatever the
        // schema already rejected is skipped here, never dereferenced.
        var nameNode = node.Scalar("name");
        if (nameNode is null)
        {
            return null;
        }

        var name = nameNode.Value;
        var duplicate = _names.TryGetValue(name, out var first);
        if (duplicate)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateSloName, nameNode.Location, name, first!.Location.Line));
        }
        else
        {
            _names[name] = nameNode;
        }

        var objective = node.Decimal("objective") ?? 0m;
        var sli = node.Map("sli") is { Entries.Count: > 0 } sliNode ? BindSli(sliNode) : null;
        var alerting = BindAlerting(node, name, objective, reportDuplicateAlert: !duplicate);
        var labels = SpecBinder.BindLabels(node.Map("labels"), SpecBinder.ReservedRuleLabels, diagnostics);
        if (sli is null || alerting is null)
        {
            return null;
        }

        var slo = new SloModel(name, node.Str("description"), objective, sli, alerting, node.Location)
        {
            Labels = labels,
            InfoLabels = SpecBinder.BindLabels(node.Map("infoLabels"), SpecBinder.ReservedRuleLabels, diagnostics),
            EvaluationIntervalSeconds = BindEvaluationInterval(node),
        };
        CheckTraffic(slo, node.Map("alerting"));
        return slo;
    }

    /// <summary>slos[].evaluationInterval in seconds (the schema checked its form), or null; over 5m is MON015.</summary>
    private int? BindEvaluationInterval(SpecMapping node)
    {
        if (node["evaluationInterval"] is not SpecScalar { Value: var text } value
            || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var seconds = text.EndsWith('m') ? (long)n * 60 : n;
        if (seconds > SloModel.MaxEvaluationIntervalSeconds)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OutOfRange, value.Location, "evaluationInterval", text,
                "Write at most 5m: the alerts read the SLO's 5m error rate, which a longer interval would record too seldom."));
            return null;
        }

        return (int)seconds;
    }

    /// <summary>
    /// MON081 for a floor set on a raw SLI, which has no events to count; MON080 where the traffic the spec declares
    /// is too low for the SLO's pages to follow its burn rate.
    /// </summary>
    private void CheckTraffic(SloModel slo, SpecMapping? alerting)
    {
        if (slo.Sli is RawSli && alerting.Scalar("minFailedEvents") is { } floor)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.FloorOnRawSli, floor.Location, slo.Name));
        }

        var traffic = alerting.Scalar("expectedTraffic") ?? _defaults.Scalar("expectedTraffic");
        if (slo.Alerting.ExpectedEventsPerSecond is { } perSecond && LowTrafficPaging.Check(slo, periodDays, perSecond) is { } low)
        {
            diagnostics.Add(low.ToDiagnostic((alerting.Scalar("expectedTraffic") is null ? "alerting" : "slos[].alerting") + ".expectedTraffic", traffic!.Location));
        }
    }

    private SliDefinition? BindSli(SpecMapping sli)
    {
        var entry = sli.Entries[0];
        var body = entry.Value as SpecMapping;
        switch (entry.Key.Value)
        {
            case "availability":
            {
                var statusNode = body.Scalar("errorStatus");
                var status = statusNode?.Value ?? "5..";
                if (!FullMatch.TryCreate(status, out _, out var problem))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidRegex, statusNode!.Location, status, problem));
                    return null;
                }

                return new AvailabilitySli(status);
            }

            case "latency":
            {
                var thresholdNode = body.Scalar("threshold");
                if (thresholdNode is null)
                {
                    return null;
                }

                // A threshold of the wrong shape is the schema's finding; one that reads as no time at all (0ms) is ours.
                if (ThresholdParser.Seconds(thresholdNode.Value) is not { } seconds)
                {
                    return null;
                }

                if (seconds <= 0m)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidDuration, thresholdNode.Location, thresholdNode.Value));
                    return null;
                }

                if (!preset.Buckets.Contains(seconds))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ThresholdNotBucket, thresholdNode.Location,
                        thresholdNode.Value, preset.Name, NearestBoundaries(seconds)));
                    return null;
                }

                return new LatencySli(seconds, thresholdNode.Value);
            }

            case "ratio" when body is not null:
            {
                var counted = body.Find("errors") ?? body.Find("good");
                if (body.Find("errors") is { } both && body.Find("good") is { } good)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ErrorsAndGood, good.Key.Location));
                    return null;
                }

                if (counted is null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingKey, body.Location, "errors", "slos[].sli.ratio", "Or give good events as 'good:'."));
                    return null;
                }

                var errors = Query(body, counted.Key.Value);
                var total = Query(body, "total");
                return errors is null || total is null ? null : new RatioSli(errors, total) { CountsGood = counted.Key.Value == "good" };
            }

            case "raw" when body is not null:
                return Query(body, "errorRatio") is { } ratio ? new RawSli(ratio) : null;

            default:
                return null;
        }
    }

    private string? Query(SpecMapping ratio, string key)
    {
        var node = ratio.Scalar(key);
        if (node is null)
        {
            return null;
        }

        var query = node.Value;
        foreach (var placeholder in RatioSli.WindowSpellings)
        {
            query = query.Replace(placeholder, RatioSli.WindowPlaceholder, StringComparison.Ordinal);
        }

        if (!query.Contains(RatioSli.WindowPlaceholder, StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingWindow, node.Location, key));
            return null;
        }

        // The query goes into the rules as written, so Prometheus' objections are the build's.
        if (!PromQlChecker.TryCheck(query.Replace(RatioSli.WindowPlaceholder, "5m", StringComparison.Ordinal), out var problem))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidQuery, node.Location, key, problem));
            return null;
        }

        return query.Trim();
    }

    private string NearestBoundaries(decimal seconds)
    {
        var below = preset.Buckets.Where(b => b < seconds).Select(b => (decimal?)b).LastOrDefault();
        var above = preset.Buckets.Where(b => b > seconds).Select(b => (decimal?)b).FirstOrDefault();
        var options = new[] { below, above }.Where(b => b.HasValue).Select(b => ThresholdParser.Format(b!.Value)).ToArray();
        return options.Length == 2
            ? $"one of the nearest boundaries, {options[0]} or {options[1]}"
            : $"the nearest boundary, {options[0]}";
    }

    /// <param name="reportDuplicateAlert">False for an SLO whose name is taken: its alert name clashes as a matter of course.</param>
    private AlertingPolicy? BindAlerting(SpecMapping slo, string sloName, decimal objective, bool reportDuplicateAlert)
    {
        var node = slo.Map("alerting");
        var nameNode = node.Scalar("name");
        var alertName = nameNode?.Value ?? NameCase.ToPascal(service) + NameCase.ToPascal(sloName) + "BudgetBurn";
        if (_alertNames.TryGetValue(alertName, out var other))
        {
            if (reportDuplicateAlert)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateAlertName, (nameNode ?? (SpecNode)slo).Location, alertName, other));
            }
        }
        else
        {
            _alertNames[alertName] = sloName;
        }

        var page = node.Bool("page") ?? true;
        var ticket = node.Bool("ticket") ?? true;
        var labels = SpecBinder.BindLabels(node.Map("labels"), SpecBinder.ReservedAlertLabels, diagnostics);
        var annotations = BindAnnotations(node, "alerting");

        var budget = new ErrorBudget(objective, periodDays);
        var tiers = new List<BurnRateTier>();
        var objectiveNode = slo.Scalar("objective");
        foreach (var tier in BurnRateTier.Standard.Where(t => (t.IsPage ? page : ticket) && objectiveNode is not null && objective is > 0m and < 100m))
        {
            if (budget.Threshold(tier).ErrorRatio >= 1m)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImpossibleTier, objectiveNode!.Location,
                    objective.ToString(CultureInfo.InvariantCulture), budget.Ratio.ToString(CultureInfo.InvariantCulture), tier.Id, tier.IsPage ? "page" : "ticket"));
                continue;
            }

            tiers.Add(tier);
        }

        if (!page && !ticket && node is not null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.AllTiersOff, node.Location, sloName));
        }

        var floor = node.Decimal("minFailedEvents") ?? _defaults.Decimal("minFailedEvents");
        var traffic = node.Str("expectedTraffic") ?? _defaults.Str("expectedTraffic");
        var windows = node.Str("windows") ?? _defaults.Str("windows");
        return new AlertingPolicy(alertName, page, ticket, labels, annotations, tiers)
        {
            PageAlert = BindTierExtras(node.Map("pageAlert"), "alerting.pageAlert"),
            TicketAlert = BindTierExtras(node.Map("ticketAlert"), "alerting.ticketAlert"),
            MinFailedEvents = floor is >= 0m and <= FailedEventsFloor.Maximum ? (int)floor : FailedEventsFloor.Default,
            ExpectedEventsPerSecond = traffic is null ? null : TrafficParser.PerSecond(traffic),
            Windows = windows == "raw" ? WindowSource.Raw : WindowSource.Recorded,
        };
    }

    private TierExtras BindTierExtras(SpecMapping? node, string path) => node is null
        ? TierExtras.None
        : new TierExtras(SpecBinder.BindLabels(node.Map("labels"), SpecBinder.ReservedAlertLabels, diagnostics), BindAnnotations(node, path));

    private List<Label> BindAnnotations(SpecMapping? node, string path)
    {
        var annotations = new List<Label>();
        foreach (var entry in node.Entries("annotations"))
        {
            // An annotation named like a link (runbook_url, dashboard_url, ...) is rendered as one by Alertmanager's receivers.
            var value = entry.Value as SpecScalar;
            if (value is not null && entry.Key.Value.EndsWith("url", StringComparison.OrdinalIgnoreCase)
                && !SpecBinder.TryLink(value, path + ".annotations." + entry.Key.Value, diagnostics, out _))
            {
                continue;
            }

            annotations.Add(new Label(entry.Key.Value, value?.Value ?? string.Empty));
        }

        return annotations;
    }
}
