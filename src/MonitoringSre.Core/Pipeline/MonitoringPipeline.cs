using System.Text;
using MonitoringSre.Binding;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Generation.Alertmanager;
using MonitoringSre.Generation.Dashboards;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Generation.RuleTests;
using MonitoringSre.Import;
using MonitoringSre.Model;
using MonitoringSre.Scaffolding;
using MonitoringSre.Spec;

namespace MonitoringSre.Pipeline;

/// <summary>load → validate → bind → generate, all in memory. Files are produced only when there is no error.</summary>
public static class MonitoringPipeline
{
    /// <summary>The outputs, in the order they are written. One generator per output kind.</summary>
    public static IReadOnlyList<IOutputGenerator> Generators { get; } =
    [
        new PrometheusRulesGenerator(),
        new PromtoolTestGenerator(),
        new PrometheusRuleCrdGenerator(),
        new AlertmanagerConfigGenerator(),
        new AlertmanagerConfigCrdGenerator(),
        new OverviewDashboardGenerator(),
        new InfrastructureDashboardGenerator(),
        new DeploymentsDashboardGenerator(),
        new BusinessDashboardGenerator(),
        new GrafanaProvisioningGenerator(),
        new SloDocGenerator(),
    ];

    public static PipelineResult Run(string file, byte[] content, GenerationOptions options)
    {
        var bound = Bind(file, content, options.Links, options.Import);
        if (!bound.Succeeded)
        {
            return bound;
        }

        var context = new GenerationContext(bound.Model!, bound.Rules!, options);
        var files = Generators.SelectMany(g => g.Generate(context)).ToList();
        return bound with { Diagnostics = InFileOrder(bound.Diagnostics.Concat(context.Diagnostics)), Files = files };
    }

    /// <summary>
    /// load → validate → bind → rules, without the generators: for consumers that need the model and its rules but
    /// none of the files (the gate on every build, incident reports).
    /// </summary>
    public static PipelineResult Bind(string file, byte[] content, BuildLinks? links = null, ImportOptions? import = null)
    {
        var diagnostics = new List<Diagnostic>();
        var (loaded, loadDiagnostics) = SpecLoader.Load(file, content);
        diagnostics.AddRange(loadDiagnostics);
        if (loaded is null)
        {
            return PipelineResult.Failed(diagnostics);
        }

        if (SchemaValidator.CheckExpansion(loaded) is { } expansionError)
        {
            diagnostics.Add(expansionError);
            return PipelineResult.Failed(diagnostics);
        }

        // A Sloth or OpenSLO spec, or one that imports one, is validated and bound as the monitoring.yaml it stands for.
        var imported = SpecImporter.Resolve(loaded, import ?? ImportOptions.None);
        diagnostics.AddRange(imported.Diagnostics);
        PipelineResult Failed() => PipelineResult.Failed(InFileOrder(diagnostics)) with { ImportedFile = imported.Imported };

        if (imported.Document is not { } document)
        {
            return Failed();
        }

        // The schema checks the shape and the binder the meaning, so a file's problems all show up in one build. The
        // binder skips a value of the wrong shape (the schema's finding) and reports only what the schema cannot say.
        diagnostics.AddRange(SchemaValidator.Validate(document));
        var (model, bindDiagnostics) = SpecBinder.Bind(document);
        diagnostics.AddRange(bindDiagnostics);
        if (model is null || diagnostics.Any(d => d.IsError))
        {
            return Failed();
        }

        model = LinkBinder.Apply(model, links ?? BuildLinks.None, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return Failed();
        }

        return new PipelineResult(InFileOrder(diagnostics), [], model, RuleSetBuilder.Build(model))
        {
            Spec = document.Root,
            Format = imported.Format,
            ImportedFile = imported.Imported,
        };
    }

    private static List<Diagnostic> InFileOrder(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>The spec a web project gets when it has no monitoring.yaml: <see cref="SpecScaffolder.Default"/>.</summary>
    public static byte[] DefaultSpec(string service, decimal objective) => Encoding.UTF8.GetBytes(SpecScaffolder.Default(service, objective));
}

public sealed record PipelineResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<GeneratedFile> Files,
    MonitoringModel? Model,
    RuleSet? Rules)
{
    public bool Succeeded => Model is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>The spec's root; for an imported spec, the monitoring.yaml tree it stands for (what MonitoringConvert writes).</summary>
    public Spec.SpecMapping? Spec { get; init; }

    /// <summary>The format the spec file is written in.</summary>
    public SpecFormat Format { get; init; }

    /// <summary>The Sloth or OpenSLO file a monitoring.yaml imports (full path), also when reading it failed: the build watches it.</summary>
    public string? ImportedFile { get; init; }

    public int AlertRuleCount => Rules?.AlertCount ?? 0;

    public static PipelineResult Failed(IReadOnlyList<Diagnostic> diagnostics) => new(diagnostics, [], null, null);
}
