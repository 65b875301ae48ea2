namespace MonitoringSre.Generation;

/// <summary>One output file, in memory. <see cref="RelativePath"/> uses '/' and is relative to the monitoring output folder.</summary>
public sealed record GeneratedFile(string RelativePath, string Content);
