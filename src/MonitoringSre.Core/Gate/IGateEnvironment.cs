namespace MonitoringSre.Gate;

/// <summary>What the gate looks at outside the model: the built code, files beside the project, package references, promtool.</summary>
public interface IGateEnvironment
{
    /// <summary>The .csproj, where a missing package reference belongs.</summary>
    string ProjectFile { get; }

    /// <summary>The packages the project references and those its build resolved, and central package management's pins.</summary>
    ProjectPackages Packages { get; }

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
