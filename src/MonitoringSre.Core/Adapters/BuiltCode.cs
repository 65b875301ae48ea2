using MonitoringSre.Gate;

namespace MonitoringSre.Adapters;

/// <summary>
/// What a project's build says of its code: the calls its assemblies make (and those of its project references), read
/// without loading them, and the configuration beside it (appsettings*.json, nlog.config). The gate judges it;
/// MonitoringInit writes a spec from it.
/// </summary>
public static class BuiltCode
{
    /// <summary>appsettings*.json as key paths and values, and nlog.config whole.</summary>
    public static IReadOnlyList<ConfigSetting> Settings(string projectDirectory)
    {
        var settings = AppSettingsReader.Read(projectDirectory).ToList();
        var nlog = Path.Combine(projectDirectory, "nlog.config");
        if (File.Exists(nlog))
        {
            settings.Add(new ConfigSetting("nlog.config", string.Empty, File.ReadAllText(nlog)));
        }

        return settings;
    }

    /// <summary>Reads every method body of the assemblies that exist: the costliest look at a build, so made only when needed.</summary>
    public static CodeEvidence Read(IReadOnlyList<string> assemblies, IReadOnlyList<ConfigSetting> settings)
    {
        var calls = AssemblyCallReader.Read(assemblies);
        return new CodeEvidence(assemblies.Where(File.Exists).Select(a => Path.GetFileName(a)).ToList(), calls.Calls, calls.Strings, settings, calls.EntryPoint);
    }
}
