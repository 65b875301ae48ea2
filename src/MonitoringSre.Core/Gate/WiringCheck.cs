using MonitoringSre.Model;

namespace MonitoringSre.Gate;

/// <summary>A call to look for: a method by name, on a type (by name) and/or in a namespace (by prefix).</summary>
public sealed record CallPattern(string Method, string? Type = null, string? Namespace = null)
{
    public bool Matches(CallSite call) =>
        call.Method == Method && (Type is null || call.Type == Type) && (Namespace is null || call.Namespace.StartsWith(Namespace, StringComparison.Ordinal));

    public static CallPattern New(string type, string ns) => new(".ctor", type, ns);

    /// <summary>How a finding names what was looked for: AddOtlpExporter, new ParentBasedSampler, ConsoleFormatterOptions.IncludeScopes.</summary>
    public string Display => Method == ".ctor" ? "new " + Type
        : Method.StartsWith("set_", StringComparison.Ordinal) && Type is not null ? Type + "." + Method[4..]
        : Method;
}

/// <summary>A configuration value to look for: a key path ending in <paramref name="Key"/> whose value contains <paramref name="Value"/>.</summary>
public sealed record SettingPattern(string Key, string Value)
{
    public bool Matches(ConfigSetting setting) =>
        (Key.Length == 0 || setting.Path.EndsWith(Key, StringComparison.OrdinalIgnoreCase))
        && setting.Value.Contains(Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One way to wire a signal: every call in <see cref="Calls"/> (and the string literal, when named), or one of the settings.</summary>
public sealed record WiringWay(IReadOnlyList<CallPattern> Calls, string? String = null, IReadOnlyList<SettingPattern>? Settings = null);

/// <summary>Where a fix goes: into Program.cs before or after <c>builder.Build()</c>, or into a configuration file.</summary>
public enum FixPlace
{
    BeforeBuild,
    AfterBuild,
    Configuration,
}

/// <summary>
/// The code that wires a signal, as it is pasted: a using directive (if any) and a statement. A fix that configures
/// OpenTelemetry also has the call that does the same when appended to the service's own <c>AddOpenTelemetry()</c>
/// (<see cref="Chain"/>), so that it goes where the team's wiring is (a ServiceDefaults project's ConfigureOpenTelemetry)
/// instead of into a second OpenTelemetry setup in Program.cs.
/// </summary>
public sealed record WiringFix(FixPlace Place, string Code, string? Using = null)
{
    /// <summary>E.g. <c>.WithMetrics(metrics => metrics.AddOtlpExporter())</c>; null when the fix is no OpenTelemetry builder call.</summary>
    public string? Chain { get; init; }

    public override string ToString() => Place switch
    {
        FixPlace.Configuration => Code,
        _ => (Using is null ? string.Empty : $"add `using {Using};` at the top of Program.cs and, ")
            + (Place == FixPlace.BeforeBuild ? "before `builder.Build()`" : "after `var app = builder.Build();`") + $": `{Code}`",
    };

    /// <summary>The fix appended to the service's AddOpenTelemetry() at <paramref name="call"/>.</summary>
    public string InChain(CallSite call) =>
        $"append to the `AddOpenTelemetry()` that {call.CallerShort} calls: `{Chain}`" + (Using is null ? string.Empty : $" (with `using {Using};` in that file)");
}

/// <summary>
/// Something the service's code must do for a signal the spec declares, with the ways it can be done, the packages
/// that provide it (the first hint when nothing is found), and the fix: code that compiles when pasted.
/// </summary>
/// <param name="Area">The spec key the check comes from (metrics.transport, logs.format, traces.sampler): a finding that the code
/// contradicts that key replaces the check's own finding.</param>
public sealed record WiringCheck(string Signal, string What, IReadOnlyList<WiringWay> Ways, IReadOnlyList<string> Packages, WiringFix Fix, string Area = "")
{
    /// <summary>Only checked when this call is found (the scrape endpoint, once the Prometheus exporter is there).</summary>
    public CallPattern? OnlyWith { get; init; }

    /// <summary>Only for a service whose metrics reach Prometheus this way; null for every service.</summary>
    public MetricsTransport? Transport { get; init; }
}
