using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>One thing to do for a criterion, at the place it belongs: the spec key, the project file or the source line.</summary>
public sealed record GateFinding(string Fix, SourceLocation Location);

/// <summary>One exit criterion's outcome: met when nothing is left to do; otherwise each finding says what and where.</summary>
/// <param name="WarningOnly">Unmet, but reported as a warning (promtool missing with MonitoringRequirePromtool=false).</param>
public sealed record GateCriterion(int Id, DiagnosticDescriptor Descriptor, string Title, string Evidence, IReadOnlyList<GateFinding> Findings, bool WarningOnly = false)
{
    public bool Met => Findings.Count == 0;

    public string Code => Descriptor.Code;

    public string Fix => string.Join(" ", Findings.Select(f => f.Fix));
}

public sealed record GateResult(string Service, IReadOnlyList<GateCriterion> Criteria)
{
    public int Met => Criteria.Count(c => c.Met);

    public int Total => Criteria.Count;
}

/// <summary>What the gate looks at outside the model: the built code, files beside the project, package references, promtool.</summary>
public interface IGateEnvironment
{
    /// <summary>The .csproj, where a missing package reference belongs.</summary>
    string ProjectFile { get; }

    IReadOnlyCollection<string> PackageReferences { get; }

    /// <summary>What the built assemblies call and what the project's configuration files say.</summary>
    CodeEvidence Code { get; }

    bool FileExists(string projectRelativePath);

    string? ReadFile(string projectRelativePath);

    /// <summary>The team's promtool tests: monitoring.tests/*.yml beside the project.</summary>
    IReadOnlyList<TeamTest> TeamTests { get; }

    /// <summary>
    /// Runs `promtool test rules` on each generated test file and each team test, one file a run, beside the generated
    /// rules; null when promtool cannot be found.
    /// </summary>
    IReadOnlyList<PromtoolRun>? RunPromtoolTests(IReadOnlyList<(string Name, string Content)> generatedTests);
}

/// <summary>A team test: where it is (absolute and relative to the project), the name it runs under beside the rules, its text.</summary>
public sealed record TeamTest(string Path, string RelativePath, string RunName, string Content);
