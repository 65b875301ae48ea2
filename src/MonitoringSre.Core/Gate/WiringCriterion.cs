using System.Globalization;
using MonitoringSre.Diagnostics;
using MonitoringSre.Model;

namespace MonitoringSre.Gate;

/// <summary>
/// Exit criterion 1: the spec declares metrics, structured logs and tracing, and the code the service runs wires each of
/// them. A call counts only when the service can run it; where the code does something else than the spec says (pushes
/// metrics the spec expects to be scraped, samples otherwise, logs through OpenTelemetry), the finding is that
/// contradiction, at the spec key to change. A fix goes where the team's wiring lives: appended to the service's own
/// AddOpenTelemetry() when it has one, and a package is asked for only when the service gets it from nowhere.
/// </summary>
internal sealed class WiringCriterion(MonitoringModel model, IGateEnvironment env)
{
    private SourceLocation At(string path) => model.Locations.Of(path);

    public GateCriterion Evaluate()
    {
        var findings = new List<GateFinding>();
        var evidence = new List<string>();
        if (!model.Locations.Has("metrics.preset") && !model.Locations.Has("metrics.selector"))
        {
            findings.Add(new($"Declare metrics in monitoring.yaml: metrics.preset ({string.Join(" or ", Presets.All.Select(p => p.Name))}) or metrics.selector.", At("metrics")));
        }

        if (model.Logs.Format is not ("json" or "otlp") || string.IsNullOrEmpty(model.Logs.Correlation))
        {
            findings.Add(new("Declare structured logs in monitoring.yaml: logs.format (json, or otlp for OpenTelemetry's log records) and logs.correlation (e.g. traceparent).", At("logs.format")));
        }

        if (string.IsNullOrEmpty(model.Traces.Propagation) || string.IsNullOrEmpty(model.Traces.Sampler) || (model.Traces.Sampler.EndsWith("traceidratio", StringComparison.Ordinal) && model.Traces.Ratio is null))
        {
            findings.Add(new("Declare tracing in monitoring.yaml: traces.propagation (w3c), traces.sampler and, for a traceidratio sampler, traces.ratio.", At("traces")));
        }

        var code = env.Code;
        var wired = WiredTelemetry.Of(code);
        var contradicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (area, finding) in Contradictions(wired, code))
        {
            contradicted.Add(area);
            findings.Add(finding);
        }

        var checks = Wiring.For(model).Where(c => !contradicted.Contains(c.Area)).ToList();
        var missing = new List<WiringCheck>();
        foreach (var check in checks.Where(c => c.OnlyWith is null || code.Calls.Any(call => call.Reachable && c.OnlyWith.Matches(call))))
        {
            if (Found(check, code) is { } found)
            {
                evidence.Add($"{check.Signal}: {check.What}: {found}");
            }
            else
            {
                findings.Add(Missing(check, code));
                missing.Add(check);
            }
        }

        return new GateCriterion(1, DiagnosticCatalog.GateMonitoring, "Monitoring configured (metrics, logs, traces)", string.Join("; ", evidence), findings,
            Snippet: Snippet(missing, checks, code));
    }

    /// <summary>
    /// Every missing call as one paste, with what is checked only once one of them is there (the scrape endpoint, once
    /// the exporter is), so that the snippet applied once meets the criterion. Calls that are there but never run are
    /// left out: their finding says where they are.
    /// </summary>
    private string? Snippet(List<WiringCheck> missing, List<WiringCheck> checks, CodeEvidence code)
    {
        var pasted = missing.Where(c => !code.Calls.Any(call => !call.Reachable && c.Ways.SelectMany(w => w.Calls).Any(p => p.Matches(call)))).ToList();
        var brought = pasted.SelectMany(c => c.Ways.SelectMany(w => w.Calls)).ToHashSet();
        pasted.AddRange(checks.Where(c => c.OnlyWith is not null && brought.Contains(c.OnlyWith) && !missing.Contains(c) && Found(c, code) is null));
        var packages = env.Packages;
        var adds = pasted.Where(c => c.Packages.Count > 0 && !c.Packages.Any(packages.Has))
            .Select(c => packages.HowToAdd(c.Packages[0], env.ProjectFile).Replace("`", string.Empty, StringComparison.Ordinal)).ToList();
        var setup = OpenTelemetrySetup(code) is { Source: { } source } call
            ? $"{call.CallerShort} in {Path.GetFileName(source.File)}, line {source.Line.ToString(CultureInfo.InvariantCulture)}"
            : null;
        return WiringSnippet.Of(pasted.Select(c => c.Fix).ToList(), adds, setup);
    }

    /// <summary>The first way of the check that the running code or its configuration satisfies, as evidence; null when none does.</summary>
    private static string? Found(WiringCheck check, CodeEvidence code)
    {
        foreach (var way in check.Ways)
        {
            var setting = way.Settings?.Select(p => code.Settings.FirstOrDefault(p.Matches)).FirstOrDefault(s => s is not null);
            if (setting is not null)
            {
                return $"{setting.File} sets {setting.Path} = {setting.Value}";
            }

            var calls = way.Calls.Select(p => code.Calls.FirstOrDefault(c => c.Reachable && p.Matches(c))).ToList();
            if (way.Calls.Count > 0 && calls.All(c => c is not null) && (way.String is null || code.Strings.Contains(way.String)))
            {
                return string.Join(" and ", calls) + (way.String is null ? string.Empty : $" with \"{way.String}\"");
            }
        }

        return null;
    }

    private GateFinding Missing(WiringCheck check, CodeEvidence code)
    {
        var patterns = check.Ways.SelectMany(w => w.Calls).Distinct().ToList();
        var what = char.ToUpperInvariant(check.What[0]) + check.What[1..];

        // The call is there, in a method the service never runs: say where, and that nothing calls it.
        if (code.Calls.FirstOrDefault(c => !c.Reachable && patterns.Any(p => p.Matches(c))) is { } dead)
        {
            var method = dead.CallerShort.Split(" (")[0];
            return new($"{what} is not wired: {dead}, but nothing the service runs calls {method}. Call {method} again from code that runs (Program.cs, or a method it calls), or wire it where the service's OpenTelemetry is set up.",
                dead.Source ?? CodeAnchor(code));
        }

        var built = code.Assemblies.Count switch
        {
            0 => "the build",
            1 => code.Assemblies[0],
            _ => "the code in " + string.Join(", ", code.Assemblies.Take(code.Assemblies.Count - 1)) + " and " + code.Assemblies[^1],
        };
        var missing = $"{what} is not wired: {built} never {Phrases(patterns, code)}.{Lookalike(patterns, code)}";
        var packages = env.Packages;
        if (check.Packages.Count > 0 && !check.Packages.Any(packages.Has))
        {
            return new($"{missing} Reference it first: {packages.HowToAdd(check.Packages[0], env.ProjectFile)}; then {Where(check.Fix, code)}.", SourceLocation.WholeFile(env.ProjectFile));
        }

        if (check.Fix.Place == FixPlace.Configuration)
        {
            return new($"{missing} {check.Fix}.", SourceLocation.WholeFile(env.ProjectFile));
        }

        return check.Fix.Chain is not null && OpenTelemetrySetup(code) is { Source: { } source } setup
            ? new($"{missing} In {Path.GetFileName(source.File)} ({setup.CallerShort}, line {source.Line.ToString(CultureInfo.InvariantCulture)}), {check.Fix.InChain(setup)}.", source)
            : new($"{missing} In Program.cs, {check.Fix}.", CodeAnchor(code));
    }

    /// <summary>The fix in words, after a package was added: in the service's OpenTelemetry setup when it has one.</summary>
    private static string Where(WiringFix fix, CodeEvidence code) =>
        fix.Chain is not null && OpenTelemetrySetup(code) is { Source: { } source } setup
            ? $"in {Path.GetFileName(source.File)} ({setup.CallerShort}, line {source.Line.ToString(CultureInfo.InvariantCulture)}), {fix.InChain(setup)}"
            : fix.ToString();

    /// <summary>The service's own services.AddOpenTelemetry() that every run makes, where an OpenTelemetry fix is appended.</summary>
    private static CallSite? OpenTelemetrySetup(CodeEvidence code)
    {
        var setups = code.Calls.Where(c => c.Reachable && c.Source is not null && Wiring.AddOpenTelemetry.Matches(c)).ToList();
        return setups.FirstOrDefault(c => c.Condition is null) ?? setups.FirstOrDefault();
    }

    /// <summary>
    /// "calls AddOtlpExporter or UseOtlpExporter", "sets ConsoleFormatterOptions.IncludeScopes or creates a JsonLayout". A
    /// method the code does call on another type is named with the type looked for, so the sentence is never false.
    /// </summary>
    private static string Phrases(IReadOnlyList<CallPattern> patterns, CodeEvidence code)
    {
        string Named(CallPattern p) => p.Type is not null && code.Calls.Any(c => c.Reachable && c.Method == p.Method && !p.Matches(c)) ? p.Type + "." + p.Method : p.Display;
        var calls = patterns.Where(p => p.Method != ".ctor" && !p.Method.StartsWith("set_", StringComparison.Ordinal)).Select(Named).Distinct().ToList();
        var sets = patterns.Where(p => p.Method.StartsWith("set_", StringComparison.Ordinal)).Select(p => p.Display).Distinct().ToList();
        var creates = patterns.Where(p => p.Method == ".ctor").Select(p => p.Type).Distinct().ToList();
        var parts = new List<string>();
        if (calls.Count > 0)
        {
            parts.Add("calls " + string.Join(" or ", calls));
        }

        if (sets.Count > 0)
        {
            parts.Add("sets " + string.Join(" or ", sets));
        }

        if (creates.Count > 0)
        {
            parts.Add("creates a " + string.Join(" or ", creates));
        }

        return string.Join(" or ", parts);
    }

    /// <summary>A call of the same name on another type (OpenTelemetry's IncludeScopes, not the console's): said, so no finding reads as if the code never made it.</summary>
    private static string Lookalike(IReadOnlyList<CallPattern> patterns, CodeEvidence code)
    {
        var other = code.Calls.FirstOrDefault(c => c.Reachable && c.Method != ".ctor" && patterns.Any(p => p.Method == c.Method) && !patterns.Any(p => p.Matches(c)));
        if (other is null)
        {
            return string.Empty;
        }

        var name = other.Method.StartsWith("set_", StringComparison.Ordinal) ? "sets " + other.Type + "." + other.Method[4..] : "calls " + other.Type + "." + other.Method;
        return $" It {name}{(other.Source is { } s ? $" ({Path.GetFileName(s.File)}:{s.Line.ToString(CultureInfo.InvariantCulture)})" : string.Empty)}, which is another type's and does not do this.";
    }

    /// <summary>Where wiring code goes in Program.cs: the builder.Build() call, else the start of the entry point, else the project file.</summary>
    private SourceLocation CodeAnchor(CodeEvidence code) =>
        code.Calls.FirstOrDefault(c => c.Method == "Build" && c.Type == "WebApplicationBuilder" && c.Source is not null)?.Source
        ?? code.EntryPoint
        ?? SourceLocation.WholeFile(env.ProjectFile);

    /// <summary>Where the code does otherwise than the spec says, the spec key to change, and which checks that finding replaces.</summary>
    private IEnumerable<(string Area, GateFinding Finding)> Contradictions(WiredTelemetry wired, CodeEvidence code)
    {
        var transport = model.Metrics.Transport == MetricsTransport.Otlp ? "otlp" : "scrape";
        if (wired.Transport is { } t && t.Value != transport)
        {
            var stated = model.Locations.Has("metrics.transport") ? string.Empty : " (the default)";
            yield return ("metrics.transport", t.Value == "otlp"
                ? new($"The service pushes its metrics over OTLP ({t.Evidence}) and exports none for a scrape, but monitoring.yaml's metrics.transport is scrape{stated}: "
                    + $"its Down alert would wait for an up series that a pushed service never has, and page for as long as the service runs. Write metrics.transport: otlp.", At("metrics.transport"))
                : new($"The service exports its metrics for a scrape ({t.Evidence}) and pushes none over OTLP, but monitoring.yaml's metrics.transport is otlp: "
                    + "its Down alert would wait for pushes that never come. Write metrics.transport: scrape.", At("metrics.transport")));
        }

        if (model.Traces.Sampler is { } sampler && wired.SamplerSet && wired.Sampler is { } s)
        {
            if (s.Value != sampler)
            {
                var ratio = s.Value.EndsWith("traceidratio", StringComparison.Ordinal) && wired.Ratio is { } r ? $" and traces.ratio: {r.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                yield return ("traces.sampler", new($"The service samples with {s.Value} ({s.Evidence}), but monitoring.yaml's traces.sampler is {sampler}: write traces.sampler: {s.Value}{ratio}, "
                    + "or change the sampler where the code sets it (a second SetSampler would replace the first, not add to it).", At("traces.sampler")));
            }
            else if (sampler.EndsWith("traceidratio", StringComparison.Ordinal) && wired.Ratio is { } r && model.Traces.Ratio is { } declared && r != declared)
            {
                yield return ("traces.sampler", new($"The service samples {r.ToString(CultureInfo.InvariantCulture)} of new traces ({s.Evidence}), but monitoring.yaml's traces.ratio is {declared.ToString(CultureInfo.InvariantCulture)}: "
                    + $"write traces.ratio: {r.ToString(CultureInfo.InvariantCulture)}, or change the ratio where the code sets it.", At("traces.ratio")));
            }
        }

        if (model.Logs.Format is "json" or "otlp")
        {
            var declared = model.Logs.Provider;
            var otel = wired.LogsBy("opentelemetry");
            var jsonWriters = new[] { "console", "serilog", "nlog" }.Select(wired.LogsBy).OfType<WiredFact>().ToList();
            if (declared != "opentelemetry" && otel is not null && (declared is null ? jsonWriters.Count == 0 : wired.LogsBy(declared) is null))
            {
                yield return ("logs.format", new($"The service logs through the OpenTelemetry logging provider ({otel.Evidence}), whose records are structured and carry the trace context, "
                    + $"but monitoring.yaml says logs.format: {model.Logs.Format}{(declared is null ? string.Empty : " with logs.provider: " + declared)}: write logs.format: otlp and logs.provider: opentelemetry.", At("logs.format")));
            }
            else if (declared == "opentelemetry" && otel is null && jsonWriters.FirstOrDefault() is { } writer)
            {
                yield return ("logs.format", new($"The service logs through {writer.Value} ({writer.Evidence}), not the OpenTelemetry logging provider, but monitoring.yaml says logs.provider: opentelemetry: "
                    + $"write logs.format: json and logs.provider: {writer.Value}.", At("logs.provider")));
            }
        }
    }
}
