using System.Text;
using CsCheck;
using MonitoringSre.Generation.Yaml;

namespace MonitoringSre.Tests.Fuzz;

/// <summary>
/// Specs shaped by schemas/monitoring.schema.json: every key of the schema, mostly with valid values and often with
/// near-valid or hostile ones (wrong type, out of range, script links, template braces, quotes, control characters,
/// odd Unicode). Written out through the product's YAML emitter, so its quoting is under test too.
/// </summary>
public static class SchemaSpecGen
{
    /// <summary>Text a pager, a YAML reader, a Go template or PromQL could trip over.</summary>
    public static readonly string[] HostilePieces =
    [
        "ok", "Checkout", "\"", "'", "\\", "{{", "}}", "{{ $value }}", "{{ .Labels.x }}", "$labels", "%", "#", ": ", "- ", "|", ">",
        "\n", "\r\n", "\t", "\u0001", "\u007f", "é", "中文", "😀", "\u202e", "\u200b", "e\u0301", "\ud800", "---", "...", "&a", "*a",
        "!!str", "null", "~", "yes", "no", "0x1F", "1e400", "javascript:alert(1)", "<script>", "`rm -rf`", "${HOME}", "\"}\"", "=~", "job=\"x\"",
    ];

    private static readonly string[] ValidNames = ["availability", "latency", "checkout", "a", "orders-api", "x-1", new string('a', 63)];

    private static readonly string[] BadNames = ["", "Orders", "1abc", "-a", "a_b", new string('a', 64), "a b", "a\nb", "ä"];

    private static readonly string[] GoodLinks = ["docs/runbooks", "runbooks", "./docs", "https://runbooks.example.org/orders", "https://wiki.example.org/a/b?c=d#e", "https://example.org/a%20b"];

    private static readonly string[] BadLinks =
    [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "http://example.org", "ftp://x", "https://", "https:/x",
        "../etc", "docs/../../x", "/etc/passwd", "C:\\runbooks", "c:/x", "\\\\server\\share", "docs/{{x}}", "docs/a b", "docs/\u0001",
        "https://example.org/{{x}}", "https://user:pw@example.org/", "//evil.example/x", "docs\\runbooks", "%2e%2e/x", "docs/é", "",
    ];

    private static readonly string[] GoodObjectives = ["99.9", "99", "99.5", "90", "50", "0.001", "99.999", "99.99999999999999"];

    private static readonly string[] BadObjectives = ["0", "100", "-1", "101", "1e400", "12345678901234567890123", "1e-30", ".nan", ".inf", "abc", "\"99.9\"", "true"];

    private static readonly string[] GoodPeriods = ["30d", "28d", "7d", "365d", "4w", "52w"];

    private static readonly string[] BadPeriods = ["6d", "366d", "0d", "1y", "30", "d", "99999999999999999999d", ""];

    private static readonly string[] OtelThresholds = ["250ms", "1s", "0.25s", "100ms", "5ms", "10s"];

    private static readonly string[] PrometheusNetThresholds = ["256ms", "1.024s", "1ms", "32.768s"];

    private static readonly string[] BadThresholds = ["251ms", "0ms", "abc", "1e400s", "99999999999999999999ms", "1m", ""];

    private static readonly string[] GoodSelectors = ["job=\"orders-api\"", "job=\"a\",env=~\"prod|staging\"", "job!=\"x\"", "job=\"{{x}}\"", "job=\"a\\\"b\"", "job=\"a}}\""];

    private static readonly string[] BadSelectors = ["job=~\"(\"", "job", "{job=\"a\"}", "1=\"a\"", "", "job=\"a\" or vector(1)"];

    private static readonly string[] GoodQueries =
        ["sum(rate(orders_checkout_failed_total{job=\"orders-api\"}[{{window}}]))", "sum(rate(orders_checkout_attempts_total[{{window}}]))", "sum(rate(x_total[{{.window}}]))",
         "sum(rate(x_total{a=\"{{\"}[{{window}}]))", "sum by (job) (rate(y_total[{{window}}]))"];

    private static readonly string[] BadQueries = ["rate(x[5m])", "((((", "", "up"];

    private static readonly string[] GoodStatuses = ["5..", "5..|429", "5\\d\\d", ".*", "503"];

    private static readonly string[] BadStatuses = ["(", "[", ""];

    private static readonly string[] GoodLabelNames = ["env", "team_x", "channel", "region", "_x"];

    private static readonly string[] BadLabelNames = ["service", "slo", "alertname", "long_window", "__meta", "1a", "a-b", "", "é"];

    /// <summary>Any text, hostile included; never empty where the schema wants a value.</summary>
    public static Gen<string> Text { get; } = Gen.Int[0, HostilePieces.Length - 1].Array[1, 4]
        .Select(parts => string.Concat(parts.Select(p => HostilePieces[p])));

    /// <summary>A whole spec as YAML bytes: half of them valid, half with a few faults.</summary>
    public static Gen<byte[]> Spec { get; } = Gen.Frequency((1, new Builder(valid: true).Spec), (1, new Builder(valid: false).Spec));

    private static Gen<string> Pick(string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>A combined generator of a fixed list of generators.</summary>
    private static Gen<T[]> All<T>(this IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (acc, g) => Gen.Select(acc, g, (a, v) => (T[])[.. a, v]));

    private static Gen<YNode> Scalar(this Gen<string> text) => text.Select(t => (YNode)new YScalar(t));

    private static Gen<YNode> Plain(this Gen<string> text) => text.Select(t => (YNode)new YPlain(t));

    private static Gen<YNode> Sequence(this Gen<YNode[]> items) => items.Select(i => (YNode)new YSeq(i));

    private static Gen<YNode> MapOf(params (string Key, Gen<YNode?> Value)[] entries) =>
        entries.Select(e => e.Value).All().Select(values =>
        {
            var map = new YMapBuilder();
            for (var i = 0; i < entries.Length; i++)
            {
                map.Set(entries[i].Key, values[i]);
            }

            return (YNode)map.Build();
        });

    /// <summary>A value of the wrong type, for near-valid specs.</summary>
    private static Gen<YNode> WrongType { get; } = Gen.OneOf(
        Gen.Const((YNode)new YSeq()),
        Gen.Const((YNode)new YMapBuilder().Build()),
        Gen.Const((YNode)new YPlain("42")),
        Gen.Const((YNode)new YPlain("true")),
        Gen.Const((YNode)new YPlain("null")),
        Text.Select(t => (YNode)new YSeq(new YScalar(t))));

    /// <summary>
    /// The generators of one mode. Valid: every value is allowed (free text may still be hostile). Near-valid: each
    /// value is now and then out of its range, of the wrong type, or missing where it is required.
    /// </summary>
    private sealed class Builder(bool valid)
    {
        private Gen<string> Choose(string[] good, string[] bad) =>
            valid ? Pick(good) : Gen.Frequency((8, Pick(good)), (2, Pick(bad)), (1, Text));

        /// <summary>A number or boolean written plain; in near-valid specs sometimes text in its place.</summary>
        private Gen<YNode> ChoosePlain(string[] good, string[] bad) =>
            valid ? Pick(good).Plain() : Gen.Frequency((8, Pick(good).Plain()), (2, Pick(bad).Plain()), (1, Text.Scalar()));

        private Gen<YNode?> Optional(Gen<YNode> gen) => valid
            ? Gen.Frequency((3, gen.Select(n => (YNode?)n)), (1, Gen.Const((YNode?)null)))
            : Gen.Frequency((20, gen.Select(n => (YNode?)n)), (1, WrongType.Select(n => (YNode?)n)), (4, Gen.Const((YNode?)null)));

        private Gen<YNode?> Required(Gen<YNode> gen) => valid
            ? gen.Select(n => (YNode?)n)
            : Gen.Frequency((40, gen.Select(n => (YNode?)n)), (1, WrongType.Select(n => (YNode?)n)), (1, Gen.Const((YNode?)null)));

        private Gen<YNode> Enum(params string[] values) => Choose(values, ["", "other"]).Scalar();

        private Gen<YNode> Labels(string[] goodNames) =>
            Gen.Select(Choose(goodNames, BadLabelNames), Text).Array[0, 3].Select(pairs =>
            {
                var map = new YMapBuilder();
                foreach (var (name, value) in pairs)
                {
                    map.Set(name, new YScalar(value));
                }

                return (YNode)map.Build();
            });

        private Gen<YNode> Annotations => Gen.Select(
                Pick(["summary", "description", "note", "runbook_url", "dashboard_url", "URL"]),
                Gen.Frequency((2, Text), (1, Choose(GoodLinks, BadLinks))))
            .Array[0, 3].Select(pairs =>
            {
                var map = new YMapBuilder();
                foreach (var (name, value) in pairs)
                {
                    // Free text under a *url key is a bad link; valid specs keep links there.
                    var text = valid && name.EndsWith("url", StringComparison.OrdinalIgnoreCase) && !GoodLinks.Contains(value) ? GoodLinks[0] : value;
                    map.Set(name, new YScalar(text));
                }

                return (YNode)map.Build();
            });

        private Gen<YNode> Sli(string[] thresholds) => Gen.Frequency(
            (3, Optional(Choose(GoodStatuses, BadStatuses).Scalar()).Select(s => (YNode)new YMapBuilder().Set("availability", new YMapBuilder().Set("errorStatus", s).Build()).Build())),
            (3, Required(Choose(thresholds, BadThresholds).Scalar()).Select(t => (YNode)new YMapBuilder().Set("latency", new YMapBuilder().Set("threshold", t).Build()).Build())),
            (2, Gen.Select(Required(Choose(GoodQueries, BadQueries).Scalar()), Required(Choose(GoodQueries, BadQueries).Scalar()))
                .Select(q => (YNode)new YMapBuilder().Set("ratio", new YMapBuilder().Set("errors", q.Item1).Set("total", q.Item2).Build()).Build())),
            (valid ? 0 : 1, Gen.Const((YNode)new YMapBuilder().Set("availability", new YMapBuilder().Build()).Set("latency", new YMapBuilder().Set("threshold", "1s").Build()).Build())));

        private Gen<YNode> Slo(int index, string[] thresholds) => MapOf(
            ("name", Required((valid ? Gen.Const(ValidNames[index]) : Choose(ValidNames, BadNames)).Scalar())),
            ("description", Optional(Text.Scalar())),
            ("objective", Required(ChoosePlain(GoodObjectives, BadObjectives))),
            ("sli", Required(Sli(thresholds))),
            ("alerting", Optional(MapOf(
                ("name", valid ? Gen.Const((YNode?)null) : Optional(Choose(["OrdersApiCheckoutBudgetBurn", "A", "x_1"], ["1A", "a-b", "", "A B"]).Scalar())),
                ("page", Optional(Pick(["true", "false"]).Plain())),
                ("ticket", Optional(Pick(["true", "false"]).Plain())),
                ("labels", Optional(Labels([.. GoodLabelNames, "severity", "priority"]))),
                ("annotations", Optional(Annotations))))));

        private Gen<YNode> Business => MapOf(
            ("metric", Required(Choose(["orders_placed_total", "revenue:sum", "_x"], ["1x", "a-b", "a b"]).Scalar())),
            ("title", Optional(Text.Scalar())),
            ("kind", Optional(Enum("counter", "gauge"))),
            ("unit", Optional(Choose(["short", "currencyUSD", "s"], ["\"", "{{x}}"]).Scalar())));

        private Gen<YNode> Strings => Text.Array[0, 3].Select(t => (YNode)new YSeq(t.Select(x => (YNode)new YScalar(x)).ToArray()));

        public Gen<byte[]> Spec => Gen.Frequency((3, Gen.Const(("aspnetcore-otel", OtelThresholds))), (1, Gen.Const(("prometheus-net", PrometheusNetThresholds))))
            .SelectMany(preset => MapOf(
                ("service", Required(Choose(ValidNames, BadNames).Scalar())),
                ("team", Optional(Text.Scalar())),
                ("description", Optional(Text.Scalar())),
                ("period", Optional(Choose(GoodPeriods, BadPeriods).Scalar())),
                ("runbooks", Optional(Choose(GoodLinks, BadLinks).Scalar())),
                ("labels", Optional(Labels(GoodLabelNames))),
                ("metrics", (preset.Item1 == "aspnetcore-otel" ? (Func<Gen<YNode>, Gen<YNode?>>)Optional : Required)(MapOf(
                    ("preset", Required(Choose([preset.Item1], ["otel", ""]).Scalar())),
                    ("selector", Optional(Choose(GoodSelectors, BadSelectors).Scalar())),
                    ("business", Optional(Business.Array[0, 3].Sequence()))))),
                ("slos", Required(Gen.Int[0, 5].SelectMany(n => Enumerable.Range(0, n).Select(i => Slo(i, preset.Item2)).All()).Sequence())),
                ("errorBudgetPolicy", Optional(MapOf(("exhausted", Optional(Text.Scalar())), ("burning", Optional(Text.Scalar()))))),
                ("logs", Optional(MapOf(
                    ("format", Optional(Enum("json", "text"))),
                    ("correlation", Optional(Text.Scalar())),
                    ("level", Optional(Enum("Trace", "Debug", "Information", "Warning", "Error", "Critical"))),
                    ("provider", Optional(Enum("console", "serilog", "nlog")))))),
                ("traces", Optional(MapOf(
                    ("propagation", Optional(Enum("w3c", "b3", "b3multi", "jaeger"))),
                    ("sampler", Optional(Enum("always_on", "traceidratio", "parentbased_traceidratio"))),
                    ("ratio", Optional(ChoosePlain(["0.1", "1", "0.5", "0.0001"], ["0", "1.5", "-0.1", "1e400"]))),
                    ("exporter", Optional(Enum("otlp", "zipkin", "console", "none")))))),
                ("deployments", Optional(MapOf(("annotationTags", Optional(Strings))))),
                ("incidents", Optional(MapOf(
                    ("plan", Optional(Choose(["docs/incident-response.md", "ops/plan.md", "plan.md"], BadLinks).Scalar())),
                    ("onCall", Optional(Text.Scalar())),
                    ("channel", Optional(Text.Scalar())),
                    ("escalation", Optional(Strings)),
                    ("responseTimes", Optional(MapOf(
                        ("P0", Optional(Text.Scalar())),
                        ("P1", Optional(Text.Scalar())),
                        ("P2", Optional(Text.Scalar())),
                        ("P3", Optional(Text.Scalar()))))))))))
            .Select(root => Encoding.UTF8.GetBytes(YamlText.Write(root)));
    }
}
