using MonitoringSre.Gate;
using MonitoringSre.Generation;

namespace MonitoringSre.Tests.Support;

/// <summary>
/// A project as criterion 1 sees it, with the evidence a test gives (calls read from code it compiled, or written out)
/// and the packages it has; it has no files beside it and no promtool. Nothing of the gate is replaced: this is its input.
/// </summary>
public sealed class TestGateEnvironment(CodeEvidence code, ProjectPackages packages, string projectFile = "/src/Checkout.csproj", bool promtoolMustNotRun = false) : IGateEnvironment
{
    public string ProjectFile => projectFile;

    public ProjectPackages Packages => packages;

    public CodeEvidence Code => code;

    public IReadOnlyList<TeamTest> TeamTests => [];

    public bool FileExists(string projectRelativePath) => false;

    public string? ReadFile(string projectRelativePath) => null;

    public IReadOnlyList<PromtoolRun>? RunPromtoolTests(IReadOnlyList<(string Name, string Content)> generatedTests) =>
        promtoolMustNotRun ? throw new InvalidOperationException("promtool must not run with the gate off") : null;

    /// <summary>Criterion 1 of <paramref name="spec"/> against this project, promtool not run.</summary>
    public GateCriterion Criterion1(string spec)
    {
        var result = SpecRun.Run(spec);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new GateEvaluator(result.Model!, result.Rules!, result.Files, this) { RunPromtool = false }.Evaluate()[0];
    }
}
