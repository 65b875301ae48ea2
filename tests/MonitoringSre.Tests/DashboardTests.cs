using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.Generation;
using MonitoringSre.Tests.Support;
using NJsonSchema;

namespace MonitoringSre.Tests;

public sealed class DashboardTests
{
    internal static readonly Lazy<JsonSchema> GrafanaSchema = new(LoadGrafanaSchema);

    /// <summary>
    /// The foundation SDK's schema is {"$ref": "#/definitions/Dashboard", "definitions": ...}; NJsonSchema cannot resolve
    /// a root that is only a reference into itself, so the Dashboard definition is hoisted to the root, unchanged, with
    /// the definitions beside it (every other "#/definitions/..." reference still resolves the same way).
    /// </summary>
    private static JsonSchema LoadGrafanaSchema()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repo.TestData("grafana", "dashboard.jsonschema.json")))!.AsObject();
        Assert.Equal("#/definitions/Dashboard", original["$ref"]!.GetValue<string>());
        var definitions = original["definitions"]!.AsObject();
        var root = definitions["Dashboard"]!.DeepClone().AsObject();
        root["$schema"] = original["$schema"]!.DeepClone();
        root["definitions"] = definitions.DeepClone();
        return JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
    }

    public static TheoryData<string> Specs() => new() { "contract", "minimal", "prometheus-net", "gauge-kpi" };

    private static IReadOnlyList<GeneratedFile> Dashboards(string name)
    {
        var yaml = name switch
        {
            "contract" => File.ReadAllText(Repo.ContractSpec),
            "minimal" => SpecRun.Minimal,
            "prometheus-net" => SpecRun.Minimal + "\nmetrics:\n  preset: prometheus-net\n  business:\n    - {metric: jobs_done_total, title: Jobs}\n",
            "gauge-kpi" => SpecRun.Minimal + "\nmetrics:\n  business:\n    - {metric: queue_depth, title: \"Queue \\\"depth\\\"\", kind: gauge, unit: short}\n",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var result = SpecRun.Run(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Files.Where(f => f.RelativePath.StartsWith("dashboards/", StringComparison.Ordinal) && f.RelativePath.EndsWith(".json", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public void Contract_spec_gets_the_four_dashboards_and_a_provisioning_file()
    {
        var files = SpecRun.Contract().Files.Select(f => f.RelativePath).Where(p => p.StartsWith("dashboards/", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(
            ["dashboards/orders-api-business.json", "dashboards/orders-api-deployments.json", "dashboards/orders-api-infrastructure.json",
             "dashboards/orders-api-overview.json", "dashboards/provisioning.yaml"],
            files);
    }

    [Fact]
    public void Business_dashboard_is_generated_only_when_business_metrics_are_declared() =>
        Assert.DoesNotContain(Dashboards("minimal"), f => f.RelativePath.Contains("business", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_dashboard_validates_against_the_grafana_schema(string spec)
    {
        foreach (var file in Dashboards(spec))
        {
            var errors = GrafanaSchema.Value.Validate(file.Content);
            Assert.True(errors.Count == 0, file.RelativePath + ": " + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    [Theory]
    [InlineData("\"schemaVersion\": 42,", "\"schemaVersion\": 42, \"bogus\": 1,")]
    [InlineData("\"type\": \"stat\",", "\"type\": \"stat\", \"collapsed\": true,")]
    [InlineData("\"h\": 4,", "")]
    [InlineData("\"query\": \"prometheus\",", "\"query\": 5,")]
    public void Schema_check_rejects_a_broken_dashboard(string original, string broken)
    {
        var overview = Dashboards("contract").Single(f => f.RelativePath.EndsWith("-overview.json", StringComparison.Ordinal)).Content;
        Assert.Contains(original, overview);
        Assert.NotEmpty(GrafanaSchema.Value.Validate(overview.Replace(original, broken)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_promql_expression_parses_under_promtool(string spec)
    {
        var exprs = Dashboards(spec).SelectMany(f => Expressions(JsonDocument.Parse(f.Content).RootElement)).Distinct().ToList();
        Assert.NotEmpty(exprs);
        var rules = "groups:\n- name: dashboard-queries\n  rules:\n" + string.Concat(exprs.Select((e, i) =>
            $"  - record: dashboard:query:{i}\n    expr: {JsonSerializer.Serialize(Substitute(e))}\n"));
        using var dir = Promtool.Write([new GeneratedFile("queries.yml", rules)]);

        var check = Promtool.Run(dir, "check", "rules", Path.Combine(dir, "queries.yml"));

        Assert.True(check.ExitCode == 0, check.Output + "\n" + rules);
        Assert.Contains($"SUCCESS: {exprs.Count} rules found", check.Output);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Panels_do_not_overlap_and_fit_in_24_columns(string spec)
    {
        foreach (var file in Dashboards(spec))
        {
            var boxes = JsonDocument.Parse(file.Content).RootElement.GetProperty("panels").EnumerateArray()
                .Select(p => p.GetProperty("gridPos"))
                .Select(g => (X: g.GetProperty("x").GetInt32(), Y: g.GetProperty("y").GetInt32(), W: g.GetProperty("w").GetInt32(), H: g.GetProperty("h").GetInt32()))
                .ToList();
            Assert.All(boxes, b => Assert.True(b.X >= 0 && b.W > 0 && b.X + b.W <= 24, $"{file.RelativePath}: {b}"));
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                    Assert.False(overlap, $"{file.RelativePath}: panels {i} {a} and {j} {b} overlap");
                }
            }
        }
    }

    [Fact]
    public void Dashboards_follow_the_conventions()
    {
        var uids = new HashSet<string>();
        foreach (var file in Dashboards("contract"))
        {
            var root = JsonDocument.Parse(file.Content).RootElement;
            Assert.Equal(42, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("utc", root.GetProperty("timezone").GetString());
            Assert.True(root.GetProperty("editable").GetBoolean());
            Assert.Equal(["monitoring-sre", "orders-api"], root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.StartsWith("orders-api / ", root.GetProperty("title").GetString());
            var uid = root.GetProperty("uid").GetString()!;
            Assert.True(uid.Length <= 40 && uids.Add(uid), uid);

            var variable = root.GetProperty("templating").GetProperty("list")[0];
            Assert.Equal(("datasource", "datasource", "prometheus"), (variable.GetProperty("type").GetString(), variable.GetProperty("name").GetString(), variable.GetProperty("query").GetString()));
            foreach (var panel in root.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row"))
            {
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));
            }

            foreach (var expr in Expressions(root))
            {
                foreach (Match m in Regex.Matches(expr, @"\b(rate|increase)\([^\[]*\[([^\]]+)\]"))
                {
                    Assert.True(m.Groups[2].Value is "$__rate_interval" or "$__range", $"{file.RelativePath}: {expr}");
                }
            }

            var link = root.GetProperty("links")[0];
            Assert.Equal("dashboards", link.GetProperty("type").GetString());
            Assert.Equal(["monitoring-sre", "orders-api"], link.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

            var annotations = root.GetProperty("annotations").GetProperty("list").EnumerateArray().ToList();
            var deploy = annotations.Single(a => a.GetProperty("name").GetString() == "Deployments").GetProperty("target");
            Assert.Equal(["deploy", "orders-api"], deploy.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains("target_info{job=\"orders-api\"} offset 5m", annotations.Single(a => a.GetProperty("name").GetString() == "New version").GetProperty("expr").GetString());
        }

        Assert.Equal(4, uids.Count);
    }

    [Fact]
    public void Uid_of_a_long_service_name_stays_within_40_characters_and_stable()
    {
        var service = new string('a', 60);
        var uid = Generation.Dashboards.DashboardJson.Uid(service, "infrastructure");
        Assert.Equal(40, uid.Length);
        Assert.Equal(uid, Generation.Dashboards.DashboardJson.Uid(service, "infrastructure"));
        Assert.NotEqual(uid, Generation.Dashboards.DashboardJson.Uid(service, "deployments"));
    }

    [Fact]
    public void Overview_has_red_panels_and_a_row_per_slo_from_the_recording_rules()
    {
        var overview = Dashboards("contract").Single(f => f.RelativePath.EndsWith("-overview.json", StringComparison.Ordinal)).Content;
        var root = JsonDocument.Parse(overview).RootElement;
        var rows = root.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Traffic, errors and latency (RED)", "SLO availability: 99.9% over 30d", "SLO latency: 99% over 30d", "SLO checkout: 99.5% over 30d"], rows);
        // The queries as Grafana reads them (decoded), not as JSON escapes them.
        var queries = root.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(q => q.GetProperty("expr").GetString()!))
            .ToList();
        Assert.Contains(queries, q => q.Contains("histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job=\"orders-api\"}[$__rate_interval])))", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("sum by (http_route) (rate(", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("slo:period_error_budget_remaining:ratio{service=\"orders-api\", slo=\"checkout\"}", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Contains("slo:sli_error:ratio_rate1h{service=\"orders-api\", slo=\"availability\"} / 0.001", StringComparison.Ordinal));
        Assert.Contains("\"value\": 14.4", overview);
    }

    [Fact]
    public void Business_dashboard_shows_counters_as_rates_and_gauges_as_values_with_a_stat_beside_each()
    {
        var business = JsonDocument.Parse(Dashboards("contract").Single(f => f.RelativePath.EndsWith("-business.json", StringComparison.Ordinal)).Content).RootElement;
        var panels = business.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.Equal(["timeseries", "stat", "timeseries", "stat"], panels.Select(p => p.GetProperty("type").GetString()));
        Assert.Equal("currencyUSD", panels[3].GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString());
        Assert.Equal("sum(rate(orders_placed_total{job=\"orders-api\"}[$__rate_interval]))", panels[0].GetProperty("targets")[0].GetProperty("expr").GetString());
        Assert.Equal("sum(increase(orders_placed_total{job=\"orders-api\"}[$__range]))", panels[1].GetProperty("targets")[0].GetProperty("expr").GetString());
        Assert.Equal(panels[0].GetProperty("gridPos").GetProperty("y").GetInt32(), panels[1].GetProperty("gridPos").GetProperty("y").GetInt32());

        var gauge = JsonDocument.Parse(Dashboards("gauge-kpi").Single(f => f.RelativePath.EndsWith("-business.json", StringComparison.Ordinal)).Content).RootElement;
        Assert.Equal("sum(queue_depth{job=\"orders-api\"})", gauge.GetProperty("panels")[1].GetProperty("targets")[0].GetProperty("expr").GetString());
    }

    [Fact]
    public void Provisioning_file_loads_the_folder_into_a_grafana_folder_named_after_the_service()
    {
        var provisioning = SpecRun.Contract().FileText("provisioning.yaml");
        Assert.Contains("apiVersion: 1", provisioning);
        Assert.Contains("folder: orders-api", provisioning);
        Assert.Contains("type: file", provisioning);
        Assert.Contains("path: /etc/grafana/provisioning/dashboards", provisioning);
    }

    private static IEnumerable<string> Expressions(JsonElement root)
    {
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    yield return target.GetProperty("expr").GetString()!;
                }
            }
        }

        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray())
        {
            if (annotation.TryGetProperty("expr", out var expr))
            {
                yield return expr.GetString()!;
            }
        }
    }

    /// <summary>What Grafana substitutes before the query reaches Prometheus.</summary>
    private static string Substitute(string expr) => expr
        .Replace("$__rate_interval", "5m", StringComparison.Ordinal)
        .Replace("$__range", "6h", StringComparison.Ordinal)
        .Replace("$node", ".*", StringComparison.Ordinal);
}
