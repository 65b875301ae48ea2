using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Generation.Alertmanager;

/// <summary>
/// The route, receivers and inhibit rules as YAML, in either spelling: Alertmanager's own (snake_case keys, matchers as
/// strings) or prometheus-operator's AlertmanagerConfig (camelCase keys, matchers as objects).
/// </summary>
internal static class AlertRoutingYaml
{
    public static (YMap Route, YSeq Receivers, YSeq InhibitRules) Build(AlertRouting routing, bool operatorSpelling)
    {
        string Key(string snake) => operatorSpelling
            ? string.Concat(snake.Split('_').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]))
            : snake;

        YSeq Matchers(IReadOnlyList<AmMatcher> matchers) => new(matchers.Select(m => operatorSpelling
            ? (YNode)new YMapBuilder().Set("name", m.Name).Set("value", m.Value).Set("matchType", m.Op).Build()
            : m.ToString()).ToArray());

        var route = new YMapBuilder()
            .Set("receiver", routing.TicketReceiver)
            .Set(Key("group_by"), new YSeq(routing.GroupBy.Select(g => (YNode)g).ToArray()))
            .Set("routes", new YSeq(routing.Routes.Select(r => (YNode)new YMapBuilder()
                .Set("receiver", r.Receiver)
                .Set("matchers", Matchers(r.Matchers))
                .Set(Key("group_wait"), r.GroupWait)
                .Set(Key("group_interval"), r.GroupInterval)
                .Set(Key("repeat_interval"), r.RepeatInterval)
                .Build()).ToArray()))
            .Build();
        var receivers = new YSeq(new[] { routing.PageReceiver, routing.TicketReceiver }.Distinct()
            .Select(r => (YNode)new YMapBuilder().Set("name", r).Build()).ToArray());
        var inhibit = new YSeq(routing.Inhibitions.Select(i => (YNode)new YMapBuilder()
            .Set(operatorSpelling ? "sourceMatch" : "source_matchers", Matchers(i.Source))
            .Set(operatorSpelling ? "targetMatch" : "target_matchers", Matchers(i.Target))
            .Set("equal", new YSeq(i.Equal.Select(e => (YNode)e).ToArray()))
            .Build()).ToArray());
        return (route, receivers, inhibit);
    }
}
