using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>
/// A call the built code makes: which method of which type, from where. Constructors are calls to ".ctor". The source
/// location comes from the assembly's PDB when there is one.
/// </summary>
public sealed record CallSite(string Assembly, string Caller, string Namespace, string Type, string Method, SourceLocation? Source)
{
    /// <summary>How the evidence line names it: OrdersApi.dll: Program.&lt;Main&gt;$ calls AddPrometheusExporter (Program.cs:28).</summary>
    public override string ToString() =>
        $"{Assembly}: {Caller} calls {(Method == ".ctor" ? "new " + Type : Type + "." + Method)}"
        + (Source is { } s ? $" ({Path.GetFileName(s.File)}:{s.Line})" : string.Empty);
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
