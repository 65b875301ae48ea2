using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>
/// A call the built code makes: which method of which type, from where. Constructors are calls to ".ctor". The source
/// location comes from the assembly's PDB when there is one.
/// </summary>
public sealed record CallSite(string Assembly, string Caller, string Namespace, string Type, string Method, SourceLocation? Source)
{
    /// <summary>False when nothing the service runs calls the method the call is in: then it is no wiring.</summary>
    public bool Reachable { get; init; } = true;

    /// <summary>Set when a normal run of the calling method can skip the call.</summary>
    public CallCondition? Condition { get; init; }

    /// <summary>The floating-point constant loaded just before the call (a sampler's ratio), if any.</summary>
    public double? Number { get; init; }

    /// <summary>The calling method without its namespace: Extensions.AddOpenTelemetryExporters (lambda).</summary>
    public string CallerShort => Short(Caller);

    /// <summary>A calling method's name without its namespace.</summary>
    public static string Short(string caller)
    {
        var paren = caller.IndexOf(" (", StringComparison.Ordinal);
        var method = caller.LastIndexOf('.', paren >= 0 ? paren : caller.Length - 1);
        var type = method > 0 ? caller.LastIndexOf('.', method - 1) : -1;
        return caller[(type + 1)..];
    }

    /// <summary>How the evidence line names it: OrdersApi.dll: Program.&lt;Main&gt;$ calls AddPrometheusExporter (Program.cs:28).</summary>
    public override string ToString() =>
        $"{Assembly}: {Caller} calls {(Method == ".ctor" ? "new " + Type : Type + "." + Method)}"
        + (Source is { } s ? $" ({Path.GetFileName(s.File)}:{s.Line})" : string.Empty)
        + (Condition is { } c ? ", " + c : string.Empty);
}

/// <summary>
/// Why a call may not run: it sits behind a branch of <paramref name="Method"/>, a method that reads these configuration
/// keys (the condition is often one of them: an exporter only when OTEL_EXPORTER_OTLP_ENDPOINT is set).
/// </summary>
public sealed record CallCondition(string Method, IReadOnlyList<string> ConfigurationKeys)
{
    public override string ToString() =>
        $"behind a condition in {Method}" + (ConfigurationKeys.Count == 0 ? string.Empty
            : $", a method that reads {string.Join(" and ", ConfigurationKeys)} from configuration");

    public bool Equals(CallCondition? other) =>
        other is not null && Method == other.Method && ConfigurationKeys.SequenceEqual(other.ConfigurationKeys);

    public override int GetHashCode() => HashCode.Combine(Method, ConfigurationKeys.Count);
}

/// <summary>A setting in the project's appsettings*.json: the file, the key path (Logging:Console:FormatterName) and the value.</summary>
public sealed record ConfigSetting(string File, string Path, string Value);

/// <summary>
/// What the gate knows of the built service: the calls its assemblies (and those of its project references) make, the
/// string literals they hold, and its configuration files. Read by an adapter after compilation.
/// </summary>
public sealed record CodeEvidence(
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<CallSite> Calls,
    IReadOnlyCollection<string> Strings,
    IReadOnlyList<ConfigSetting> Settings,
    SourceLocation? EntryPoint)
{
    public static CodeEvidence None { get; } = new([], [], new HashSet<string>(), [], null);
}
