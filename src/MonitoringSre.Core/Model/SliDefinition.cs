namespace MonitoringSre.Model;

/// <summary>How an SLO counts bad and total events.</summary>
public abstract record SliDefinition;

/// <summary>Errors are responses whose status matches <see cref="ErrorStatus"/> (a regex).</summary>
public sealed record AvailabilitySli(string ErrorStatus) : SliDefinition;

/// <summary>Good events are requests at or under the threshold, which is a bucket boundary of the preset.</summary>
public sealed record LatencySli(decimal ThresholdSeconds, string ThresholdText) : SliDefinition;

/// <summary>User PromQL; {{window}} stands for the rate window. <see cref="Errors"/> counts bad events, or good ones when <see cref="CountsGood"/>.</summary>
public sealed record RatioSli(string Errors, string Total) : SliDefinition
{
    public const string WindowPlaceholder = "{{window}}";

    /// <summary>How specs write the window: ours, and Sloth's Go template with or without its dot and spaces.</summary>
    public static IReadOnlyList<string> WindowSpellings { get; } = [WindowPlaceholder, "{{.window}}", "{{ window }}", "{{ .window }}"];

    /// <summary>The query is of good events (ratio.good, OpenSLO's good): bad ones are total minus good.</summary>
    public bool CountsGood { get; init; }
}

/// <summary>User PromQL for the error ratio itself (0 to 1), as Sloth's raw SLI; {{window}} stands for the rate window.</summary>
public sealed record RawSli(string ErrorRatio) : SliDefinition;
