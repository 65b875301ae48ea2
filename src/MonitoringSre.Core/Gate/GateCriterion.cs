using MonitoringSre.Diagnostics;

namespace MonitoringSre.Gate;

/// <summary>One exit criterion's outcome. <see cref="Location"/> points at the spec line a fix belongs to, when there is one.</summary>
/// <param name="WarningOnly">Unmet, but reported as a warning (promtool missing with MonitoringRequirePromtool=false).</param>
public sealed record GateCriterion(int Id, string Code, string Title, bool Met, string Evidence, string Fix, SourceLocation Location, bool WarningOnly = false);

public sealed record GateResult(string Service, IReadOnlyList<GateCriterion> Criteria, string Fingerprint)
{
    public int Met => Criteria.Count(c => c.Met);

    public int Total => Criteria.Count;
}

/// <summary>What the gate looks at outside the model: files beside the project, package references, promtool.</summary>
public interface IGateEnvironment
{
    IReadOnlyCollection<string> PackageReferences { get; }

    bool FileExists(string projectRelativePath);

    string? ReadFile(string projectRelativePath);

    /// <summary>User-written promtool tests: monitoring.tests/*.yml beside the project, as (file name, content).</summary>
    IReadOnlyList<(string Name, string Content)> UserTests { get; }

    /// <summary>null when promtool cannot be found.</summary>
    PromtoolOutcome? RunPromtoolTests(IReadOnlyList<(string Name, string Content)> testFiles);
}

public sealed record PromtoolOutcome(bool Passed, string Output);
