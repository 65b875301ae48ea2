namespace MonitoringSre.Diagnostics;

/// <summary>One row of the diagnostics table: a stable code, its severity, what went wrong and what to write instead.</summary>
/// <param name="MessageFormat">Composite format over invariant culture, e.g. "SLO name '{0}' is used twice".</param>
/// <param name="Help">What to write instead; appended to every message of this code.</param>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat, string Help);
