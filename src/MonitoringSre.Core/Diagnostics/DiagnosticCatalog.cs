namespace MonitoringSre.Diagnostics;

/// <summary>
/// Every diagnostic MonitoringSre can report. Codes are stable: a code is never reused for another meaning,
/// and each one is pinned by a test. Messages and help are composite formats over the same arguments;
/// help says what to write instead.
/// </summary>
public static class DiagnosticCatalog
{
    private const DiagnosticSeverity E = DiagnosticSeverity.Error;
    private const DiagnosticSeverity W = DiagnosticSeverity.Warning;
    private const DiagnosticSeverity I = DiagnosticSeverity.Info;

    // Reading the file.
    public static readonly DiagnosticDescriptor SpecNotFound = new("MON001", E, "Spec file not found",
        "The spec file '{0}' does not exist", "Create it (`dotnet build -t:MonitoringInit` scaffolds one there) or point MonitoringSpecFile at the spec.");
    public static readonly DiagnosticDescriptor NotUtf8 = new("MON002", E, "Spec is not UTF-8",
        "The file is not valid UTF-8 (byte 0x{0:X2})", "Save monitoring.yaml as UTF-8.");
    public static readonly DiagnosticDescriptor TooLarge = new("MON003", E, "Spec too large",
        "The file is {0} bytes; a monitoring spec may be at most {1} bytes", "Keep monitoring.yaml to the service's SLOs and settings; it is usually under a few hundred lines.");
    public static readonly DiagnosticDescriptor YamlSyntax = new("MON004", E, "YAML syntax error",
        "YAML syntax error: {0}", "Check the indentation, the ':' after each key and that quotes are closed.");
    public static readonly DiagnosticDescriptor EmptySpec = new("MON005", E, "Spec is empty",
        "The file holds no YAML mapping", "Start with 'service: <name>' and one SLO under 'slos:' (docs/spec-reference.md in the package lists every key).");
    public static readonly DiagnosticDescriptor TooComplex = new("MON006", E, "Spec too complex",
        "The document expands to more than {0} nodes or {1} levels of nesting (through YAML aliases?)", "Write the values out instead of repeating them through anchors and aliases.");
    public static readonly DiagnosticDescriptor DuplicateKey = new("MON007", E, "Duplicate key",
        "Key '{0}' appears twice in this mapping (first at line {1})", "Keep one of them.");
    public static readonly DiagnosticDescriptor MultipleDocuments = new("MON008", E, "More than one document",
        "The file holds more than one YAML document", "Remove this '---' and what follows, or merge it into the first document.");

    // Shape, checked against schemas/monitoring.schema.json.
    public static readonly DiagnosticDescriptor UnknownKey = new("MON010", E, "Unknown key",
        "Unknown key '{0}' in {1}{2}", "Keys allowed here: {3}.");
    public static readonly DiagnosticDescriptor WrongType = new("MON011", E, "Wrong type",
        "'{0}' must be {1}", "{2}");
    public static readonly DiagnosticDescriptor MissingKey = new("MON012", E, "Required key missing",
        "Required key '{0}' is missing in {1}", "Add '{0}:' here. {2}");
    public static readonly DiagnosticDescriptor ValueNotAllowed = new("MON013", E, "Value not allowed",
        "'{1}' is not a valid value for '{0}'", "Use one of: {2}.");
    public static readonly DiagnosticDescriptor PatternMismatch = new("MON014", E, "Value has the wrong form",
        "'{1}' is not a valid value for '{0}'", "{2}");
    public static readonly DiagnosticDescriptor OutOfRange = new("MON015", E, "Value out of range",
        "{1} is out of range for '{0}'", "{2}");
    public static readonly DiagnosticDescriptor SliKind = new("MON016", E, "SLI needs exactly one kind",
        "'{0}' must hold exactly one of availability, latency, ratio or raw", "Keep one SLI kind per SLO; define another SLO for the other.");
    public static readonly DiagnosticDescriptor SchemaOther = new("MON019", E, "Value not valid",
        "'{0}' is not valid ({1})", "{2}");

    // Meaning.
    public static readonly DiagnosticDescriptor InvalidServiceName = new("MON020", E, "Invalid service name",
        "Service name '{0}' is not valid", "Use lowercase letters, digits and '-', starting with a letter, at most 63 characters, e.g. '{1}'.");
    public static readonly DiagnosticDescriptor InvalidSloName = new("MON021", E, "Invalid SLO name",
        "SLO name '{0}' is not valid", "Use lowercase letters, digits and '-', starting with a letter, at most 63 characters, e.g. '{1}'.");
    public static readonly DiagnosticDescriptor DuplicateSloName = new("MON022", E, "Duplicate SLO name",
        "SLO name '{0}' is used twice (first at line {1})", "Give every SLO of the file its own name.");
    public static readonly DiagnosticDescriptor ObjectiveOutOfRange = new("MON023", E, "Objective out of range",
        "Objective {0} is not between 0 and 100", "Write the target as a percentage strictly between 0 and 100, e.g. 99.9 for 99.9%.");
    public static readonly DiagnosticDescriptor InvalidPeriod = new("MON024", E, "Invalid period",
        "Period '{0}' is not valid", "Use whole days or weeks from 7d to 365d, e.g. 28d, 30d or 4w.");
    public static readonly DiagnosticDescriptor MissingWindow = new("MON025", E, "Ratio query without {{window}}",
        "The {0} query does not contain {{{{window}}}}", "Write the rate window as {{{{window}}}}, e.g. sum(rate(my_requests_total[{{{{window}}}}])).");
    public static readonly DiagnosticDescriptor ThresholdNotBucket = new("MON026", E, "Latency threshold is not a bucket boundary",
        "Latency threshold {0} is not a bucket boundary of the {1} histogram, so the SLI cannot be computed exactly", "Use {2}, or a ratio SLI over a histogram with that boundary.");
    public static readonly DiagnosticDescriptor InvalidDuration = new("MON027", E, "Invalid duration",
        "'{0}' is not a latency threshold", "Write a number followed by ms or s, e.g. 250ms or 1s.");
    public static readonly DiagnosticDescriptor InvalidSelector = new("MON028", E, "Invalid selector",
        "Selector '{0}' is not a list of PromQL label matchers: {1}", "Write matchers such as job=\"orders-api\" or job=\"orders-api\",namespace=~\"prod|staging\".");
    public static readonly DiagnosticDescriptor InvalidLabelName = new("MON029", E, "Invalid label name",
        "'{0}' is not a valid Prometheus label name", "Use letters, digits and '_', not starting with a digit or with '__'.");
    public static readonly DiagnosticDescriptor ReservedLabel = new("MON030", E, "Reserved label",
        "Label '{0}' is set by MonitoringSre on every rule", "Remove it here; the generated rules carry '{0}' already.");
    public static readonly DiagnosticDescriptor InvalidRegex = new("MON031", E, "Invalid regex",
        "errorStatus '{0}' is not a valid regular expression: {1}", "Write a regex over the status code, e.g. \"5..\" or \"5..|429\".");
    public static readonly DiagnosticDescriptor DuplicateAlertName = new("MON032", E, "Duplicate alert name",
        "Alert name '{0}' is also generated for SLO '{1}'", "Set a distinct alerting.name on one of them.");
    public static readonly DiagnosticDescriptor ImpossibleTier = new("MON033", W, "Burn-rate tier cannot fire",
        "With objective {0}% the error budget is {1}; the {2} tier would need an error ratio above 100% and is not generated", "Raise the objective, or turn the tier off with alerting.{3}: false.");
    public static readonly DiagnosticDescriptor NoSlos = new("MON034", W, "No SLOs",
        "No SLOs are defined: only the {0} alert is generated", "Add an SLO under 'slos:', e.g. '- name: availability' with 'objective: 99.9' and 'sli: {{ availability: {{}} }}'.");
    public static readonly DiagnosticDescriptor TestsNotSynthesised = new("MON035", W, "Alert tests not generated",
        "No promtool test scenario could be generated for SLO '{0}': {1}", "Write a test for its alerts in monitoring.tests/ beside the project.");
    public static readonly DiagnosticDescriptor InvalidLink = new("MON036", E, "Invalid link",
        "{0} '{1}' cannot become a link: {2}", "Write an https:// URL, or a path relative to the project made of letters, digits, '-', '_', '.', '~' and '/', e.g. docs/runbooks.");
    public static readonly DiagnosticDescriptor AllTiersOff = new("MON037", W, "SLO without burn-rate alerts",
        "SLO '{0}' has page and ticket alerts turned off: nothing alerts on its error budget", "Turn one of alerting.page or alerting.ticket back on, or remove the SLO.");
    public static readonly DiagnosticDescriptor LowTrafficPaging = new("MON080", W, "Too little traffic to page on a burn rate",
        "SLO '{0}': at {1} events ({2}) its {3} error budget of {4}% is {5} failed events, and a page needs {6} failed within {7} ({8} of that budget): its pages follow a count of failures, not the burn rate",
        "A service this quiet is better served by tickets: write alerting.page: false, add synthetic traffic (a probe a minute is {9} events a period), measure one SLO over several services, or lower the objective.");
    public static readonly DiagnosticDescriptor FloorOnRawSli = new("MON081", W, "Failed-event floor on a raw SLI",
        "SLO '{0}' has a raw SLI, which counts no events: minFailedEvents is not applied to it", "Write the SLI as a ratio of errors to total to count its failed events, or remove minFailedEvents.");

    public static readonly DiagnosticDescriptor TransportNotAvailable = new("MON048", E, "Preset cannot push over OTLP",
        "The {0} preset's metrics are scraped, never pushed over OTLP", "Write metrics.transport: scrape, or use a preset whose exporter can push: {1}.");
    public static readonly DiagnosticDescriptor PushIntervalOutOfRange = new("MON049", E, "Push interval out of range",
        "pushInterval '{0}' is not between 1s and {1}s", "Write how often the service pushes (its OTEL_METRIC_EXPORT_INTERVAL), e.g. 60s: the SLIs' 5m rates need two pushes in 5 minutes.");
    public static readonly DiagnosticDescriptor OtlpTranslationNotSupported = new("MON077", E, "OTLP translation strategy not supported",
        "The generated queries use the metric and label names of {1}, not of {0}",
        "Set translation_strategy: {1} in the otlp: section of the Prometheus configuration (Prometheus' default) and write metrics.otlpTranslation: {1}, or leave the key out.");
    public static readonly DiagnosticDescriptor PushKeyWithScrape = new("MON078", W, "Push setting on a scraped service",
        "metrics.{0} applies to metrics.transport: otlp only; with scrape it is ignored", "Remove it, or write metrics.transport: otlp if the service pushes its metrics.");
    public static readonly DiagnosticDescriptor LogFormatProvider = new("MON079", E, "Log format and provider disagree",
        "logs.format: otlp is written by the OpenTelemetry logging provider, not by {0}", "Write logs.provider: opentelemetry, or logs.format: json for {0}'s JSON output.");
    public static readonly DiagnosticDescriptor ErrorsAndGood = new("MON046", E, "Ratio SLI counts both errors and good events",
        "A ratio SLI has both 'errors' and 'good'", "Keep one: errors for bad events, or good for good events (bad ones are then total minus good).");
    public static readonly DiagnosticDescriptor InvalidQuery = new("MON039", E, "Query is not valid PromQL",
        "The {0} query is not valid PromQL: {1}", "Write an instant-vector expression such as sum(rate(my_requests_total{{job=\"my-service\"}}[{{{{window}}}}])).");
    public static readonly DiagnosticDescriptor RelativeRunbookLinks = new("MON044", W, "Runbook links a pager cannot open",
        "runbook_url would be the relative path {0}: nobody can open that from a pager or a chat message", "{1}");
    public static readonly DiagnosticDescriptor InvalidLinkProperty = new("MON045", E, "Invalid link property",
        "{0} '{1}' cannot become a link: {2}", "Pass an https:// URL, e.g. -p:{0}=https://github.com/my-org/my-repo/blob/HEAD/docs/runbooks.");
    public static readonly DiagnosticDescriptor InvalidPlanPath = new("MON038", E, "Incident plan outside the project",
        "incidents.plan '{0}' is not a file inside the project: {1}", "Write a relative path such as docs/incident-response.md.");

    // Targets other than the build.
    public static readonly DiagnosticDescriptor InvalidSeverity = new("MON040", E, "Invalid incident severity",
        "Severity '{0}' is not one of P0, P1, P2, P3", "Pass -p:MonitoringIncidentSeverity=P0 (complete outage), P1 (major feature broken), P2 (degraded) or P3 (minor).");
    public static readonly DiagnosticDescriptor MissingIncidentTitle = new("MON041", E, "Incident title missing",
        "No incident title was given", "Pass it as -p:MonitoringIncidentTitle=\"API latency spike\".");
    public static readonly DiagnosticDescriptor InvalidDetectedAt = new("MON043", E, "Invalid detection time",
        "MonitoringIncidentDetectedAt '{0}' is not a date and time", "Write ISO 8601, e.g. 2026-11-26T14:05:00Z, or leave it out for now.");
    public static readonly DiagnosticDescriptor DeprecatedProperty = new("MON047", W, "Deprecated property name",
        "The property '{0}' is deprecated", "Use {1}: an unprefixed name can be another package's or the project's own property.");
    public static readonly DiagnosticDescriptor SpecIgnoredForIncident = new("MON042", W, "Spec has errors",
        "{0} has errors, so the incident report lists no SLOs, team or on-call", "Fix monitoring.yaml (`dotnet build` lists its errors) and edit the report.");

    // Sloth and OpenSLO specs, read as they are.
    public static readonly DiagnosticDescriptor UnknownImportedKey = new("MON060", E, "Unknown key in an imported spec",
        "Unknown key '{0}' in {1} of {2}", "Keys allowed here: {3}.");
    public static readonly DiagnosticDescriptor SlothPlugin = new("MON061", E, "Sloth SLI plugin",
        "The SLI uses the Sloth plugin '{0}', which MonitoringSre cannot run",
        "Write what the plugin computes as PromQL: sli.events (error_query and total_query) or sli.raw (error_ratio_query), with {{{{.window}}}} as the rate window.");
    public static readonly DiagnosticDescriptor ImportNotSupported = new("MON062", E, "Not supported in an imported spec",
        "{0} is not supported", "{1}");
    public static readonly DiagnosticDescriptor ImportFile = new("MON063", E, "Imported spec unusable",
        "The imported spec '{0}' {1}", "{2}");
    public static readonly DiagnosticDescriptor ImportConflict = new("MON064", E, "Set in both files",
        "'{0}' is set both here and in the imported spec '{1}'", "Keep '{0}' in one of the two files.");
    public static readonly DiagnosticDescriptor OpenSloService = new("MON065", E, "Service not chosen",
        "{0}", "{1}");
    public static readonly DiagnosticDescriptor OpenSloReference = new("MON067", E, "OpenSLO reference not found",
        "indicatorRef '{0}' names no SLI document of this file", "Add the SLI document (kind: SLI, metadata.name: {0}), or write the indicator inline under indicator.");
    public static readonly DiagnosticDescriptor OpenSloAlertPolicy = new("MON066", W, "OpenSLO alert policies not used",
        "{0} is not used: MonitoringSre generates its own multi-window, multi-burn-rate alerts for every SLO",
        "Set their labels and annotations under alerting in a monitoring.yaml that imports this file; remove the policy if nothing else reads it.");

    public static readonly DiagnosticDescriptor SlothPluginMapped = new("MON088", I, "Sloth SLO plugin mapped",
        "The Sloth SLO plugin '{0}' {1}", "");
    public static readonly DiagnosticDescriptor SlothPluginRefused = new("MON089", E, "Sloth SLO plugin not available",
        "The Sloth SLO plugin '{0}' cannot run here: it would have {1}", "{2}");
    public static readonly DiagnosticDescriptor NoSloDocument = new("MON090", E, "No SLO in the file",
        "The {0} file holds no SLO document, only {1}", "{2}");
    public static readonly DiagnosticDescriptor MetricSourceReadAsPromQl = new("MON091", W, "Metric source read as PromQL",
        "The metric source of type '{0}' is read as Prometheus: its query '{1}' becomes PromQL",
        "OpenSLO's examples write type: Any for any source; once the query is PromQL over this service's metrics, write type: Prometheus.");

    // The release gate: the live error budget, read from Prometheus.
    public static readonly DiagnosticDescriptor BudgetFrozen = new("MON070", E, "Releases frozen: error budget spent",
        "SLO '{0}' has {1} of its {2}-day error budget left, at or below the freeze at {3}: {4}",
        "Ship only fixes until the budget recovers; -p:MonitoringBudgetOverride=\"<reason>\" lets a fix through and records why.");
    public static readonly DiagnosticDescriptor BudgetBurning = new("MON071", W, "Error budget burning fast",
        "SLO '{0}' burns its error budget at {1}x over the last {2}, above the {3}x its policy allows: {4}", "");
    public static readonly DiagnosticDescriptor BudgetOverridden = new("MON072", W, "Frozen release let through",
        "SLO '{0}' has {1} of its error budget left and releases are frozen; this one goes out under MonitoringBudgetOverride: \"{2}\"",
        "The reason is recorded in budget.json and budget.md.");
    public static readonly DiagnosticDescriptor PrometheusUnreachable = new("MON073", E, "Prometheus unreachable",
        "The release gate could not reach Prometheus at {0}: {1}",
        "Check MonitoringPrometheusUrl and that this machine can reach it; -p:MonitoringBudgetFailOpen=true lets releases through when Prometheus cannot answer.");
    public static readonly DiagnosticDescriptor PrometheusFailed = new("MON074", E, "Prometheus query failed",
        "Prometheus at {0} did not answer the budget query: {1}",
        "Check the server's health and the credentials in MONITORING_PROMETHEUS_TOKEN (or _USERNAME and _PASSWORD); -p:MonitoringBudgetFailOpen=true lets releases through when Prometheus cannot answer.");
    public static readonly DiagnosticDescriptor BudgetNoData = new("MON075", E, "No error budget data",
        "Prometheus at {0} has no {1} for SLO '{2}'",
        "Deploy the recording rules of {3} (the generated alerts/{3}.rules.yml) to that Prometheus and let them record before gating releases on them.");
    public static readonly DiagnosticDescriptor BudgetGateSetup = new("MON076", E, "Release gate not set up",
        "MonitoringPrometheusUrl {0}", "{1}");

    public static readonly DiagnosticDescriptor GroupOverRulerLimit = new("MON083", W, "Rule group over a ruler's default limit",
        "Rule group '{0}' of service '{1}' has {2} rules, over the {3} a {4} ruler accepts in one group by default",
        "Raise {5} for this tenant in the ruler's runtime overrides, or split the group.");
    public static readonly DiagnosticDescriptor TenantOverRulerLimit = new("MON084", W, "Fleet over a ruler's default group limit",
        "The fleet's {0} services have {1} rule groups, over the {2} a {3} tenant holds by default",
        "Raise {4} for this tenant in the ruler's runtime overrides to at least {1}, or give each team a tenant of its own (namespaces by team, one tenant each).");

    public static readonly DiagnosticDescriptor FleetSetting = new("MON085", E, "Fleet setting not known",
        "MonitoringFleetTarget '{0}' or MonitoringFleetNamespace '{1}' is not one the fleet build knows",
        "Write MonitoringFleetTarget as prometheus, mimir, thanos or kubernetes, and MonitoringFleetNamespace as service or team.");
    public static readonly DiagnosticDescriptor FleetDuplicateService = new("MON086", E, "Service twice in the fleet",
        "Service '{0}' is also the service of {1}: their rules would record the same series",
        "Give each project's spec a service name of its own (service: in monitoring.yaml, or MonitoringService).");

    public static readonly DiagnosticDescriptor FleetNoSolution = new("MON087", E, "No solution for the fleet",
        "No solution to read the fleet from: {0}",
        "Run MonitoringFleet in a folder under one .sln or .slnx, or name it: -p:MonitoringFleetSolution=path/to/Shop.sln.");

    public static readonly DiagnosticDescriptor BudgetGateTenant = new("MON082", E, "Release gate tenant not usable",
        "MonitoringPrometheusTenant '{0}' {1}",
        "Write the tenant your Mimir, Cortex or Thanos receive sends in X-Scope-OrgID: letters, digits and ! - _ . * ' ( ), at most 150 characters, not '.' or '..'; join several with | for a federated query, where the cluster allows it.");

    // The gate: one code per exit criterion. {0} is the criterion, {1} what is missing and how to fix it.
    public static readonly DiagnosticDescriptor GateMonitoring = new("MON050", E, "Gate: monitoring not configured", "Exit criterion not met: {0}", "{1}");
    public static readonly DiagnosticDescriptor GateAlerting = new("MON051", E, "Gate: alerting not defined or not tested", "Exit criterion not met: {0}", "{1}");
    public static readonly DiagnosticDescriptor GateSlos = new("MON052", E, "Gate: SLOs not documented", "Exit criterion not met: {0}", "{1}");
    public static readonly DiagnosticDescriptor GateIncidents = new("MON053", E, "Gate: no incident response plan", "Exit criterion not met: {0}", "{1}");
    public static readonly DiagnosticDescriptor GateDashboards = new("MON054", E, "Gate: dashboards missing", "Exit criterion not met: {0}", "{1}");
    public static readonly DiagnosticDescriptor GateNoSpec = new("MON055", E, "Gate: no spec",
        "The monitoring gate is on but the project has no {0}, so no exit criterion can be met", "Run `dotnet build -t:MonitoringInit` to scaffold one.");

    public static readonly DiagnosticDescriptor InternalError = new("MON099", E, "Internal error",
        "MonitoringSre failed: {0}", "This is a bug in MonitoringSre; please report it with the monitoring.yaml that caused it.");

    /// <summary>
    /// The help link of a code: its entry on the diagnostics page at <paramref name="page"/>, whose anchor is the code in
    /// lower case, as the entry's heading renders (### MON026 → #mon026). Null without a page.
    /// </summary>
    public static string? HelpLink(string code, string? page) =>
        string.IsNullOrWhiteSpace(page) ? null : page + "#" + code.ToLowerInvariant();

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        SpecNotFound, NotUtf8, TooLarge, YamlSyntax, EmptySpec, TooComplex, DuplicateKey, MultipleDocuments,
        UnknownKey, WrongType, MissingKey, ValueNotAllowed, PatternMismatch, OutOfRange, SliKind, SchemaOther,
        InvalidServiceName, InvalidSloName, DuplicateSloName, ObjectiveOutOfRange, InvalidPeriod, MissingWindow,
        ThresholdNotBucket, InvalidDuration, InvalidSelector, InvalidLabelName, ReservedLabel, InvalidRegex,
        DuplicateAlertName, ImpossibleTier, NoSlos, TestsNotSynthesised, InvalidLink, AllTiersOff, LowTrafficPaging, FloorOnRawSli, InvalidPlanPath, InvalidQuery, RelativeRunbookLinks, InvalidLinkProperty,
        TransportNotAvailable, PushIntervalOutOfRange, OtlpTranslationNotSupported, PushKeyWithScrape, LogFormatProvider,
        InvalidSeverity, MissingIncidentTitle, SpecIgnoredForIncident, InvalidDetectedAt, ErrorsAndGood, DeprecatedProperty,
        UnknownImportedKey, SlothPlugin, ImportNotSupported, ImportFile, ImportConflict, OpenSloService, OpenSloReference, OpenSloAlertPolicy,
        SlothPluginMapped, SlothPluginRefused, NoSloDocument, MetricSourceReadAsPromQl,
        BudgetFrozen, BudgetBurning, BudgetOverridden, PrometheusUnreachable, PrometheusFailed, BudgetNoData, BudgetGateSetup, BudgetGateTenant, GroupOverRulerLimit, TenantOverRulerLimit, FleetSetting, FleetDuplicateService, FleetNoSolution,
        GateMonitoring, GateAlerting, GateSlos, GateIncidents, GateDashboards, GateNoSpec, InternalError,
    ];
}
