using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Model;
using MonitoringSre.Spec;
using MonitoringSre.Text;

namespace MonitoringSre.Binding;

/// <summary>
/// Turns a schema-valid spec into the model: applies the contract's defaults and presets and reports what the schema
/// cannot express (uniqueness, PromQL placeholders, bucket boundaries, label rules). All problems are reported, not the first.
/// </summary>
public static class SpecBinder
{
    public const string DefaultPeriod = "30d";

    /// <summary>Labels every rule carries already; a spec's labels may not set them.</summary>
    internal static readonly string[] ReservedRuleLabels = ["service", "slo", "alertname", "long_window", "short_window", "severity", "priority"];

    /// <summary>alerting.labels may change severity and priority, but not the labels rules are joined and told apart by.</summary>
    internal static readonly string[] ReservedAlertLabels = ["service", "slo", "alertname", "long_window", "short_window"];

    public static (MonitoringModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Bind(SpecDocument document)
    {
        var diagnostics = new List<Diagnostic>();
        var root = document.Root;
        var service = root.Str("service") ?? string.Empty;

        var periodDays = BindPeriod(root, diagnostics);
        var calendar = BindCalendar(root.Map("calendar"), periodDays, diagnostics);
        var runbooks = BindRunbooks(root, diagnostics);
        var labels = BindLabels(root.Map("labels"), ReservedRuleLabels, diagnostics);
        var metrics = BindMetrics(root.Map("metrics"), service, diagnostics);
        var slos = new SloBinder(service, periodDays, metrics.Preset, diagnostics).BindAll(root);

        if (slos.Count == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NoSlos, (root["slos"] ?? root).Location, Text.NameCase.ToPascal(service) + "Down"));
        }

        var policy = root.Map("errorBudgetPolicy");
        var logs = root.Map("logs");
        var traces = root.Map("traces");
        var incidents = root.Map("incidents");
        var responseTimes = new Dictionary<string, string>();
        foreach (var entry in incidents.Entries("responseTimes"))
        {
            if (entry.Value is SpecScalar value)
            {
                responseTimes[entry.Key.Value] = value.Value;
            }
        }

        if (logs.Str("format") == "otlp" && logs.Scalar("provider") is { Value: not "opentelemetry" } provider)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LogFormatProvider, provider.Location, provider.Value));
        }

        var planNode = incidents.Scalar("plan");
        if (planNode is not null && !LinkParser.TryParseRelativePath(planNode.Value, out _, out var planProblem))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidPlanPath, planNode.Location, planNode.Value, planProblem));
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics);
        }

        var links = root.Map("links");
        var linkRunbooks = LinkUrl(links?.Scalar("runbooks"), "links.runbooks", diagnostics);
        var linkGrafana = LinkUrl(links?.Scalar("grafana"), "links.grafana", diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics);
        }

        var model = new MonitoringModel(
            Service: service,
            Team: root.Str("team"),
            Description: root.Str("description"),
            PeriodDays: periodDays,
            Runbooks: runbooks,
            Labels: labels,
            Metrics: metrics,
            Slos: slos,
            ErrorBudgetPolicy: new ErrorBudgetPolicy(policy.Str("exhausted"), policy.Str("burning"), policy.Decimal("freezeBelow") ?? 0m, policy.Decimal("warnBurnRate")),
            Logs: new LogsConfig(logs.Str("format"), logs.Str("correlation"), logs.Str("level"), logs.Str("provider") ?? (logs.Str("format") == "otlp" ? "opentelemetry" : null)),
            Traces: new TracesConfig(traces.Str("propagation"), traces.Str("sampler"), traces.Decimal("ratio"), traces.Str("exporter")),
            Deployments: new DeploymentsConfig(Strings(root.Map("deployments").Seq("annotationTags"))),
            Incidents: new IncidentsConfig(
                incidents.Str("plan") ?? "docs/incident-response.md",
                incidents.Str("onCall"),
                incidents.Str("channel"),
                Strings(incidents.Seq("escalation")),
                Priorities.Default.With(responseTimes, incidents?["paging"] is null ? null : Strings(incidents.Seq("paging")))),
            SpecFile: document.File) { Links = new LinksConfig(linkRunbooks, linkGrafana), Locations = Locate(document), Calendar = calendar };
        return (model, diagnostics);
    }

    /// <summary>calendar: its start (the schema checked its form) and its time zone, which this machine must know.</summary>
    private static CalendarPeriod? BindCalendar(SpecMapping? node, int periodDays, List<Diagnostic> diagnostics)
    {
        if (node?["startTime"] is not SpecScalar start || node["timeZone"] is not SpecScalar zone)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm"];
        if (!DateTime.TryParseExact(start.Value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var startTime))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PatternMismatch, start.Location, "calendar.startTime", start.Value,
                "Write a date and time that exists, e.g. 2024-01-01 00:00:00."));
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone.Value, out var timeZone))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PatternMismatch, zone.Location, "calendar.timeZone", zone.Value,
                "Write an IANA time zone, e.g. UTC, Europe/Berlin or America/New_York."));
            return null;
        }

        return new CalendarPeriod(DateTime.SpecifyKind(startTime, DateTimeKind.Unspecified), timeZone, periodDays, (int)(node.Decimal("months") ?? 0m));
    }

    private static SpecLocations Locate(SpecDocument document)
    {
        var keys = new Dictionary<string, SourceLocation>(StringComparer.Ordinal) { [string.Empty] = document.Root.Location };
        foreach (var path in SpecLocations.Recorded)
        {
            SpecNode? node = document.Root;
            foreach (var key in path.Split('.'))
            {
                node = (node as SpecMapping)?[key];
            }

            if (node is not null)
            {
                keys[path] = node.Location;
            }
        }

        return new SpecLocations(document.File, keys);
    }

    internal static IReadOnlyList<Label> BindLabels(SpecMapping? map, string[] reserved, List<Diagnostic> diagnostics)
    {
        var labels = new List<Label>();
        if (map is null)
        {
            return labels;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (!SelectorParser.IsLabelName(name) || name.StartsWith("__", StringComparison.Ordinal))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidLabelName, entry.Key.Location, name));
            }
            else if (reserved.Contains(name))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ReservedLabel, entry.Key.Location, name));
            }
            else
            {
                labels.Add(new Label(name, (entry.Value as SpecScalar)?.Value ?? string.Empty));
            }
        }

        return labels;
    }

    private static int BindPeriod(SpecMapping root, List<Diagnostic> diagnostics)
    {
        var node = root.Scalar("period");
        var text = node?.Value ?? DefaultPeriod;
        var unit = text.Length >= 2 ? text[^1] switch { 'd' => 1, 'w' => 7, _ => 0 } : 0;
        var digits = unit == 0 ? [] : text.AsSpan(0, text.Length - 1);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            // Not whole days or weeks: the schema's pattern says so. Binding goes on with the default to find more.
            return 30;
        }

        // Too many digits for an int is still a period, far out of range.
        var days = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (long)n * unit : long.MaxValue;
        if (days is < 7 or > 365)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidPeriod, node!.Location, text));
            return 30;
        }

        return (int)days;
    }

    private static RunbookBase? BindRunbooks(SpecMapping root, List<Diagnostic> diagnostics)
    {
        var node = root.Scalar("runbooks");
        return node is not null && TryLink(node, "runbooks", diagnostics, out var link) ? new RunbookBase(link!.Value, link.IsUrl) : null;
    }

    /// <summary>A link that must be absolute (https): a relative path is no base for other links.</summary>
    private static string? LinkUrl(SpecScalar? node, string key, List<Diagnostic> diagnostics)
    {
        if (node is null || !TryLink(node, key, diagnostics, out var link))
        {
            return null;
        }

        if (!link!.IsUrl)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidLink, node.Location, key, node.Value, "it must be an https:// URL"));
            return null;
        }

        return link.Value;
    }

    /// <summary>Reads a value that becomes a link; reports MON036 at the value when it is not a safe one.</summary>
    internal static bool TryLink(SpecScalar node, string key, List<Diagnostic> diagnostics, out Link? link)
    {
        if (LinkParser.TryParse(node.Value, out link, out var reason))
        {
            return true;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidLink, node.Location, key, node.Value, reason));
        return false;
    }

    private static MetricsConfig BindMetrics(SpecMapping? metrics, string service, List<Diagnostic> diagnostics)
    {
        var preset = Presets.Find(metrics.Str("preset") ?? Presets.Default.Name) ?? Presets.Default;
        var selectorNode = metrics.Scalar("selector");
        var selector = selectorNode?.Value ?? $"job=\"{service}\"";
        // The default selector can only fail when the service name is invalid, which is reported already.
        if (!SelectorParser.TryParse(selector, out var matchers, out var error) && selectorNode is not null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidSelector, selectorNode.Location, selector, error));
        }

        // A regex matcher is compiled by Prometheus (and by the test synthesiser): one it would refuse stops here.
        foreach (var matcher in selectorNode is null ? [] : matchers.Where(m => m.Op is "=~" or "!~"))
        {
            if (!FullMatch.TryCreate(matcher.Value, out _, out var problem))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidSelector, selectorNode!.Location, selector,
                    $"{matcher.Name}{matcher.Op}\"{matcher.Value}\" is not a valid regular expression: {problem}"));
            }
        }

        var business = new List<BusinessMetric>();
        foreach (var item in metrics.Seq("business").OfType<SpecMapping>())
        {
            var metric = item.Str("metric") ?? string.Empty;
            business.Add(new BusinessMetric(metric, item.Str("title") ?? metric, item.Str("kind") ?? "counter", item.Str("unit") ?? "short"));
        }

        var excluded = metrics?["excludeRoutes"] is null ? MetricsConfig.DefaultExcludedRoutes : Strings(metrics.Seq("excludeRoutes"));
        return new MetricsConfig(preset, selector, matchers, business, excluded)
        {
            Transport = BindTransport(metrics, preset, diagnostics),
            PushIntervalSeconds = BindPushInterval(metrics, diagnostics),
        };
    }

    private static MetricsTransport BindTransport(SpecMapping? metrics, MetricsPreset preset, List<Diagnostic> diagnostics)
    {
        var node = metrics.Scalar("transport");
        var transport = node?.Value == "otlp" ? MetricsTransport.Otlp : MetricsTransport.Scrape;
        if (transport == MetricsTransport.Otlp && !preset.CanPush)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.TransportNotAvailable, node!.Location, preset.Name, string.Join(", ", Presets.All.Where(p => p.CanPush).Select(p => p.Name))));
        }

        var translation = metrics.Scalar("otlpTranslation");
        if (translation is not null && translation.Value != MetricsConfig.OtlpTranslation)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.OtlpTranslationNotSupported, translation.Location, translation.Value, MetricsConfig.OtlpTranslation));
        }

        foreach (var key in new[] { "pushInterval", "otlpTranslation" })
        {
            if (transport == MetricsTransport.Scrape && metrics.Scalar(key) is { } ignored)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PushKeyWithScrape, ignored.Location, key));
            }
        }

        return transport;
    }

    private static int BindPushInterval(SpecMapping? metrics, List<Diagnostic> diagnostics)
    {
        var node = metrics.Scalar("pushInterval");
        if (node is null)
        {
            return MetricsConfig.DefaultPushIntervalSeconds;
        }

        // "250ms", "15s", "1m": the schema's pattern reports any other form.
        var text = node.Value;
        var unit = text.EndsWith("ms", StringComparison.Ordinal) ? 0.001m : text.EndsWith('m') ? 60m : 1m;
        var digits = text.TrimEnd('m', 's');
        if (!decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return MetricsConfig.DefaultPushIntervalSeconds;
        }

        var seconds = number * unit;
        if (seconds < 1m || seconds > MetricsConfig.MaxPushIntervalSeconds)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PushIntervalOutOfRange, node.Location, text, MetricsConfig.MaxPushIntervalSeconds));
            return MetricsConfig.DefaultPushIntervalSeconds;
        }

        return (int)Math.Ceiling(seconds);
    }

    private static IReadOnlyList<string> Strings(IReadOnlyList<SpecNode> nodes) =>
        nodes.OfType<SpecScalar>().Select(s => s.Value).ToArray();
}
