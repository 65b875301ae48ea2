namespace MonitoringSre.Import;

/// <summary>Reads the files a spec refers to (an imported Sloth or OpenSLO spec). The build reads the disk; tests may hold files in memory.</summary>
public interface ISpecFiles
{
    /// <summary>The file's bytes, or null when there is no such file.</summary>
    byte[]? Read(string path);
}

/// <param name="Files">Where an <c>import:</c> is read from; without it, an import is an error.</param>
/// <param name="Period">The SLO period for a spec that names none (MonitoringPeriod): Sloth takes it from its command line.</param>
/// <param name="Service">Which service of an OpenSLO file with several (MonitoringService).</param>
public sealed record ImportOptions(ISpecFiles? Files = null, string? Period = null, string? Service = null)
{
    public static ImportOptions None { get; } = new();
}
