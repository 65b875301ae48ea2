using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Tests.Support;

/// <summary>
/// A test's spec as a YAML tree: the test sets the keys it cares about and the text is written by the same emitter as
/// every output. Edits of a spec text by string replacement fail silently when the text they look for moves; a key
/// set here is in the spec or the test does not compile.
/// </summary>
public sealed class TestSpec
{
    private readonly YMapBuilder _root = new YMapBuilder().Set("service", "orders-api");
    private readonly List<(string Name, YMapBuilder Map)> _slos = [];

    /// <summary>orders-api with one SLO, availability at 99.9%: <see cref="SpecRun.Minimal"/> as a tree.</summary>
    public static TestSpec Minimal() => new TestSpec().Slo("availability", "99.9", Sli("availability"));

    /// <summary>A top-level key.</summary>
    public TestSpec Set(string key, YNode value)
    {
        _root.Set(key, value);
        return this;
    }

    /// <summary>Adds an SLO; <paramref name="more"/> sets further keys of it (alerting, labels, description).</summary>
    public TestSpec Slo(string name, string objective, YNode sli, Action<YMapBuilder>? more = null)
    {
        var slo = new YMapBuilder().Set("name", name).Set("objective", new YPlain(objective)).Set("sli", sli);
        more?.Invoke(slo);
        _slos.Add((name, slo));
        return this;
    }

    /// <summary>Replaces the objective of the SLO named <paramref name="name"/>.</summary>
    public TestSpec Objective(string name, string objective)
    {
        _slos.Single(s => s.Name == name).Map.Set("objective", new YPlain(objective));
        return this;
    }

    /// <summary>An SLI of one kind (availability, latency, ratio, raw) with its keys, e.g. Sli("latency", ("threshold", "250ms")).</summary>
    public static YNode Sli(string kind, params (string Key, YNode Value)[] keys) => Map((kind, Map(keys)));

    /// <summary>A map, written as a flow map when empty.</summary>
    public static YMap Map(params (string Key, YNode Value)[] keys)
    {
        var map = new YMapBuilder();
        foreach (var (key, value) in keys)
        {
            map.Set(key, value);
        }

        return map.Build(flow: keys.Length == 0);
    }

    /// <summary>A plain scalar: a number or boolean as YAML reads it, not a quoted string.</summary>
    public static YPlain Plain(string value) => new(value);

    public string Yaml() => YamlText.Write(Build());

    private YMap Build()
    {
        var root = new YMapBuilder();
        foreach (var (key, value) in _root.Build().Entries)
        {
            root.Set(key, value);
        }

        root.Set("slos", new YSeq([.. _slos.Select(s => (YNode)s.Map.Build())]));
        return root.Build();
    }

    public override string ToString() => Yaml();
}
