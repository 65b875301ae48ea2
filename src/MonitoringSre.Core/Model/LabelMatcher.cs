namespace MonitoringSre.Model;

/// <summary>One PromQL label matcher such as job="orders-api". <see cref="Op"/> is =, !=, =~ or !~.</summary>
public sealed record LabelMatcher(string Name, string Op, string Value)
{
    public bool IsRegex => Op is "=~" or "!~";

    public bool IsNegative => Op is "!=" or "!~";
}
