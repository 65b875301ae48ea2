namespace MonitoringSre.Model;

public sealed record Label(string Name, string Value);
