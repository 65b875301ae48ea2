using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>One thing to do for a criterion, at the place it belongs: the spec key, the project file or the source line.</summary>
public sealed record GateFinding(string Fix, SourceLocation Location);

/// <summary>One exit criterion's outcome: met when nothing is left to do; otherwise each finding says what and where.</summary>
/// <param name="WarningOnly">Unmet, but reported as a warning (promtool missing with MonitoringRequirePromtool=false).</param>
/// <param name="Checked">false when the evidence was not gathered (promtool is run only with the gate on): neither met nor unmet.</param>
public sealed record GateCriterion(int Id, DiagnosticDescriptor Descriptor, string Title, string Evidence, IReadOnlyList<GateFinding> Findings, bool WarningOnly = false, bool Checked = true)
{
    public bool Met => Checked && Findings.Count == 0;

    public string Code => Descriptor.Code;

    public string Fix => string.Join(" ", Findings.Select(f => f.Fix));
}

public sealed record GateResult(string Service, IReadOnlyList<GateCriterion> Criteria)
{
    public int Met => Criteria.Count(c => c.Met);

    public int Total => Criteria.Count;

    public int NotChecked => Criteria.Count(c => !c.Checked);

    /// <summary>Findings the build reports as errors when the gate is on.</summary>
    public int Errors => Criteria.Where(c => !c.WarningOnly).Sum(c => c.Findings.Count);

    /// <summary>Findings the build reports as warnings whether or not the gate is on.</summary>
    public int Warnings => Criteria.Where(c => c.WarningOnly).Sum(c => c.Findings.Count);

    /// <summary>
    /// One line the targets read with property functions, so a build whose inputs have not changed reports the last
    /// result without loading a task: met=4 total=5 unchecked=1 errors=0 warnings=0.
    /// </summary>
    public string Summary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"met={Met} total={Total} unchecked={NotChecked} errors={Errors} warnings={Warnings}\n");
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
