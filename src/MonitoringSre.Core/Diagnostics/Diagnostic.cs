using System.Globalization;

namespace MonitoringSre.Diagnostics;

public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message)
{
    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args)
    {
        var message = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args);
        if (descriptor.Help.Length > 0)
        {
            var help = string.Format(CultureInfo.InvariantCulture, descriptor.Help, args).Trim();
            if (help.Length > 0)
            {
                message = message.EndsWith('?') ? message + " " + help : message.TrimEnd('.') + ". " + help;
            }
        }

        return new Diagnostic(descriptor, location, message);
    }

    /// <summary>The same finding as a warning: what a build was told to let through (MonitoringBudgetFailOpen).</summary>
    public Diagnostic AsWarning() => this with { Descriptor = Descriptor with { Severity = DiagnosticSeverity.Warning } };

    public override string ToString() =>
        $"{Location}: {Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" }} {Code}: {Message}";
}
