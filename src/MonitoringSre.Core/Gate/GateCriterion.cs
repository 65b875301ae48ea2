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
    /// The line every build prints, from a file the targets read with one property function, so a build whose inputs
    /// have not changed reports the last result without loading a task. <paramref name="reportFolder"/> is where the
    /// build puts gate.md, as the build's output names it (bin/Debug/net10.0/monitoring/).
    /// </summary>
    public string Headline(bool enforced, string reportFolder)
    {
        var counts = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MonitoringSre gate: {Met}/{Total} exit criteria met");
        if (Met == Total)
        {
            return counts;
        }

        if (enforced)
        {
            return $"{counts} (see {reportFolder}gate.md)";
        }

        var notChecked = NotChecked == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {NotChecked} not checked until the gate is on");
        return $"{counts}{notChecked} (see {reportFolder}gate.md); build with -p:MonitoringGate=true to enforce them.";
    }

    /// <summary>Whether the build has findings to report: the errors when the gate is enforced, the warnings always.</summary>
    public bool HasFindingsToReport(bool enforced) => (enforced && Errors > 0) || Warnings > 0;
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
