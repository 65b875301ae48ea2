namespace MonitoringSre.Gate;

/// <summary>
/// The packages a project has: those it references itself, every package its build resolved (through its project
/// references too: a ServiceDefaults project's OpenTelemetry packages are the service's), and, under central package
/// management, the versions Directory.Packages.props pins for the whole repository.
/// </summary>
/// <param name="CentralVersions">Package → version from the PackageVersion items; null when the project does not manage versions centrally.</param>
public sealed record ProjectPackages(IReadOnlyCollection<string> Direct, IReadOnlyCollection<string> Resolved, IReadOnlyDictionary<string, string>? CentralVersions = null)
{
    public static ProjectPackages Of(IReadOnlyCollection<string> direct) => new(direct, direct);

    /// <summary>Whether the service gets the package, by its own reference or through another.</summary>
    public bool Has(string package) =>
        Direct.Contains(package, StringComparer.OrdinalIgnoreCase) || Resolved.Contains(package, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How to add a package the service does not have, in words that never move a version other projects use: with central
    /// package management and a pin for it already there, a reference without a version; otherwise the tested version.
    /// </summary>
    public string HowToAdd(string package, string projectFile)
    {
        if (CentralVersions is null)
        {
            return $"`{TestedPackages.AddCommand(package)}`";
        }

        var pin = CentralVersions.FirstOrDefault(v => string.Equals(v.Key, package, StringComparison.OrdinalIgnoreCase));
        return pin.Key is not null
            ? $"add `<PackageReference Include=\"{pin.Key}\" />` to {Path.GetFileName(projectFile)}, without a version: Directory.Packages.props pins it at {pin.Value} for every project, and that pin stays as it is"
            : $"`{TestedPackages.AddCommand(package)}`, which under central package management adds a PackageVersion for {package} alone to Directory.Packages.props and leaves every other pin as it is";
    }
}
