using System.Xml.Linq;

namespace MonitoringSre.IntegrationTests.Support;

/// <summary>
/// The versions of the packages the sample service references: the ones the gate's suggestions pin (a unit test keeps
/// the two equal), so a test that adds a package by hand adds what a user pasting the gate's command would.
/// </summary>
public static class SamplePackages
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(() =>
        XDocument.Load(Path.Combine(Repo.Root, "samples", "OrdersApi", "OrdersApi.csproj")).Descendants("PackageReference")
            .ToDictionary(r => (string)r.Attribute("Include")!, r => (string)r.Attribute("Version")!));

    /// <summary>The arguments of <c>dotnet add package</c> after the project: the package and its pinned version.</summary>
    public static string[] Add(string package) => ["package", package, "--version", Versions.Value[package]];
}
