using System.Globalization;
using System.Text;
using MonitoringSre.Generation;
using MonitoringSre.Generation.RuleTests;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Output;
using MonitoringSre.Tests.Support;
using MonitoringSre.Text;
using YamlDotNet.RepresentationModel;

namespace MonitoringSre.Tests;

public sealed class CoreBehaviourTests
{
    [Theory]
    [InlineData("OrdersApi", "orders-api")]
    [InlineData("ShopFrontEnd", "shop-front-end")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("My.Web_App2", "my-web-app2")]
    [InlineData("2FastApi", "fast-api")]
    public void Project_names_become_kebab_case_service_names(string project, string service) =>
        Assert.Equal(service, NameCase.ToKebab(project));

    [Theory]
    [InlineData("orders-api", "OrdersApi")]
    [InlineData("checkout", "Checkout")]
    [InlineData("p99-latency", "P99Latency")]
    public void Spec_names_become_pascal_case_alert_names(string name, string pascal) =>
        Assert.Equal(pascal, NameCase.ToPascal(name));

    [Theory]
    [InlineData("12", "12")]
    [InlineData("0.173", "0.173")]
    [InlineData("37.9", "37.9")]
    [InlineData("100", "100")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("12346", "1.235e+04")]
    [InlineData("0.123456", "0.1235")]
    public void Humanize_percentage_matches_go_percent_4g(string value, string expected) =>
        Assert.Equal(expected, GoTemplate.FormatG4(decimal.Parse(value, CultureInfo.InvariantCulture)));

    private const string BudgetLeft =
        "{{ with query (printf `(slo:period_error_budget_remaining:ratio{service=\"a\", slo=\"b\"} > 0) * 2592000 / %f` $value) }}gone in {{ . | first | value | humanizeDuration }}{{ else }}spent{{ end }}.";

    [Theory]
    [InlineData("no action", "0.5", null, "no action")]
    [InlineData("{{ $value | humanizePercentage }}", "0.0123", null, "1.23%")]
    [InlineData("{{- .Value|humanizePercentage -}} of requests", "0.0123", null, "1.23% of requests")]
    [InlineData("burning {{ printf \"%.1f\" $value }} times", "12.345", null, "burning 12.3 times")]
    [InlineData("{{printf \"%.2f\" .Value}}", "0.125", null, "0.12")]
    [InlineData("a {{ \"{{\" }} b }} c", "1", null, "a {{ b }} c")]
    [InlineData(BudgetLeft, "100", "1", "gone in 7h 12m 0s.")]
    [InlineData(BudgetLeft, "100", "0.5", "gone in 3h 36m 0s.")]
    [InlineData(BudgetLeft, "100", "-0.2", "spent.")]
    [InlineData(BudgetLeft, "100", "0", "spent.")]
    [InlineData(BudgetLeft, "100", null, null)] // what is left is not known
    [InlineData("gone in {{ with query (printf \"2592000 / %f\" $value) }}{{ . | first | value | humanizeDuration }}{{ end }}.", "100", "1", null)]
    [InlineData("{{ .Labels.instance }}", "1", null, null)]
    [InlineData("{{ printf \"%.1f\" $value", "1", null, null)]
    [InlineData("{{ printf \"%.1f\" $value }} {{ humanize $value }}", "1", null, null)]
    public void Alert_templates_expand_as_prometheus_does_or_not_at_all(string template, string value, string? budgetLeft, string? expected) =>
        Assert.Equal(expected, GoTemplate.TryExpand(template, decimal.Parse(value, CultureInfo.InvariantCulture),
            budgetLeft is null ? null : decimal.Parse(budgetLeft, NumberStyles.Float, CultureInfo.InvariantCulture)));

    [Fact]
    public void A_sequence_made_while_it_is_written_is_written_like_the_same_sequence_anywhere()
    {
        static YNode Doc(Func<YNode[], YNode> seq) => new YMapBuilder()
            .Set("items", seq([new YMapBuilder().Set("a", "1").Set("b", seq(["x", "y"])).Build(), "plain", seq([])]))
            .Set("empty", seq([]))
            .Set("flow", new YMapBuilder().Set("in", seq(["p", "q"])).Build(flow: true))
            .Build();

        var streamed = Doc(items => new YStream(items.Select(i => i)));
        Assert.Equal(YamlText.Write(Doc(items => new YSeq(items))), YamlText.Write(streamed));
        Assert.Equal(YamlText.Write(new YSeq("r", "s")), YamlText.Write(new YStream(new YNode[] { "r", "s" })));
        Assert.Contains("empty: []\n", YamlText.Write(streamed));
    }

    [Fact]
    public void A_file_larger_than_the_writers_buffers_reads_back_as_written()
    {
        // Values of every style, enough of them that the text crosses several buffers, some in the middle of a value.
        var values = Enumerable.Range(0, 5000).Select(i => (i % 4) switch
        {
            0 => new string('a', 1 + (i * 37 % 300)) + i.ToString(CultureInfo.InvariantCulture),
            1 => "line one " + i.ToString(CultureInfo.InvariantCulture) + "\nline two: \"quoted\"\n",
            2 => "sum(rate(x{job=\"j" + i.ToString(CultureInfo.InvariantCulture) + "\"}[5m]))",
            _ => "tab\there " + i.ToString(CultureInfo.InvariantCulture) + " \u00fc \u0001",
        }).ToList();
        var map = new YMapBuilder(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            map.Set("k" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        var yaml = YamlText.Write(map.Build());

        Assert.True(yaml.Length > 256 * 1024, $"only {yaml.Length} characters: the text no longer crosses a buffer");
        var read = new YamlStream();
        read.Load(new StringReader(yaml));
        var root = (YamlMappingNode)read.Documents[0].RootNode;
        Assert.Equal(values.Count, root.Children.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(values[i], ((YamlScalarNode)root.Children[new YamlScalarNode("k" + i.ToString(CultureInfo.InvariantCulture))]).Value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public void A_character_outside_the_basic_plane_is_encoded_whole_where_the_writers_buffer_ends(string prefix)
    {
        // 40,000 emoji (two UTF-16 halves each) cross the writer's first buffer, in a literal block, which writes them
        // as they are (quoted, they are escaped); with and without one character more before them, one of the two runs
        // has a pair split between buffers.
        var value = prefix + "emoji:\n" + string.Concat(Enumerable.Repeat("\U0001F600", 40_000));
        var doc = new YMapBuilder().Set("text", value).Build();

        var bytes = YamlText.WriteFile("emoji.yml", doc).ToArray();

        Assert.Equal(Encoding.UTF8.GetBytes(YamlText.Write(doc)), bytes);
        var read = new YamlStream();
        read.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
        Assert.Equal(value, ((YamlScalarNode)((YamlMappingNode)read.Documents[0].RootNode).Children[new YamlScalarNode("text")]).Value);
    }

    [Theory]
    [InlineData("orders-api", "99.95")]
    [InlineData("a", "90")]
    public void The_default_spec_is_the_scaffolds_availability_slo_written_through_the_emitter_in_any_culture(string service, string objective)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var result = Pipeline.MonitoringPipeline.Run("monitoring.yaml",
                Pipeline.MonitoringPipeline.DefaultSpec(service, decimal.Parse(objective, CultureInfo.InvariantCulture)), new GenerationOptions());
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            var slo = Assert.Single(result.Model!.Slos);
            Assert.Equal((service, "availability", decimal.Parse(objective, CultureInfo.InvariantCulture)), (result.Model.Service, slo.Name, slo.Objective));
            Assert.Equal("5..", Assert.IsType<Model.AvailabilitySli>(slo.Sli).ErrorStatus);
            Assert.Equal("Requests that do not fail with a server error.", slo.Description);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Output_is_identical_under_german_culture_and_across_runs()
    {
        var invariant = SpecRun.Contract(kubernetes: true).Files;
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Assert.Equal("99,9", 99.9m.ToString(CultureInfo.CurrentCulture)); // the culture really is German here
            var german = SpecRun.Contract(kubernetes: true).Files;
            Assert.Equal(invariant, german);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Series_selectors_quote_values_as_promql_string_literals()
    {
        Assert.Equal("r{service=\"orders-api\", slo=\"availability\"}", Generation.PromQl.SloSeries("r", "orders-api", "availability"));
        Assert.Equal("r{service=\"a\\\"b\", slo=\"c\\\\d\\ne\"}", Generation.PromQl.SloSeries("r", "a\"b", "c\\d\ne"));
        Assert.Equal("\"a\\\"b\"", Generation.PromQl.Quote("a\"b"));
        var quotes = new string('"', 300);
        Assert.Equal("\"" + string.Concat(Enumerable.Repeat("\\\"", 300)) + "\"", Generation.PromQl.Quote(quotes));
    }

    [Fact]
    public void Files_are_equal_by_bytes_whatever_their_segments()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 10).ToString(CultureInfo.InvariantCulture) + "abcdefghi"));
        var segmented = new GeneratedFile("alerts/big.yml", text);
        var whole = new GeneratedFile("alerts/big.yml", System.Text.Encoding.UTF8.GetBytes(text));
        Assert.True(segmented.Segments.Count > 3 && whole.Segments.Count == 1);

        Assert.True(segmented.Equals(whole));
        Assert.True(whole.Equals(segmented));
        Assert.False(segmented.Equals(new GeneratedFile("alerts/big.yml", text[..^1] + "j")));
        Assert.False(segmented.Equals(new GeneratedFile("alerts/other.yml", text)));
    }

    [Fact]
    public void Writer_compares_a_file_of_many_segments_to_its_last_byte()
    {
        // 200,000 characters are four segments; the one changed character is in the last.
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 10).ToString(CultureInfo.InvariantCulture) + "abcdefghi"));
        var changed = text[..^1] + "j"; // the same length: only the bytes tell
        using var dir = TestTemp.Folder("writer");
        var file = new GeneratedFile("alerts/big.yml", text);
        Assert.True(file.Segments.Count > 3, $"{file.Segments.Count} segments: the file no longer spans several");

        OutputWriter.Sync(dir, [file]);
        var unchanged = OutputWriter.Sync(dir, [new GeneratedFile("alerts/big.yml", text)]);
        var rewritten = OutputWriter.Sync(dir, [new GeneratedFile("alerts/big.yml", changed)]);

        Assert.Single(unchanged.Unchanged);
        Assert.Single(rewritten.Written);
        Assert.Equal(changed, File.ReadAllText(Path.Combine(dir, "alerts", "big.yml")));
    }

    [Fact]
    public void Writer_leaves_unchanged_files_untouched_replaces_changed_ones_and_removes_stale_ones()
    {
        using var dir = TestTemp.Folder("writer");
        OutputWriter.Sync(dir, [new GeneratedFile("alerts/a.yml", "a"), new GeneratedFile("alerts/b.yml", "b")]);
        var a = Path.Combine(dir, "alerts", "a.yml");
        var old = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(a, old);

        var result = OutputWriter.Sync(dir, [new GeneratedFile("alerts/a.yml", "a"), new GeneratedFile("alerts/c.yml", "c")]);

        Assert.Equal(old, File.GetLastWriteTimeUtc(a));
        Assert.Single(result.Unchanged);
        Assert.Equal([Path.Combine(dir, "alerts", "c.yml")], result.Written);
        Assert.Equal([Path.Combine(dir, "alerts", "b.yml")], result.Deleted);
        Assert.Equal(["a.yml", "c.yml"], Directory.GetFiles(Path.Combine(dir, "alerts")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Writer_refuses_a_path_that_leaves_its_folder()
    {
        using var dir = TestTemp.Folder("writer");
        Assert.Throws<InvalidOperationException>(() => OutputWriter.Sync(dir, [new GeneratedFile("../escape.yml", "x")]));
        Assert.False(File.Exists(Path.Combine(dir, "..", "escape.yml")));
    }

    [Fact]
    public void Schema_describes_every_key_of_the_contract()
    {
        var schema = Newtonsoft.Json.Linq.JObject.Parse(MonitoringSre.Spec.SchemaValidator.SchemaText());
        var undocumented = schema.Descendants().OfType<Newtonsoft.Json.Linq.JProperty>()
            .Where(p => p.Parent?.Parent is Newtonsoft.Json.Linq.JProperty { Name: "properties" })
            .Where(p => p.Value is Newtonsoft.Json.Linq.JObject o && o["description"] is null && o["$ref"] is null)
            .Select(p => p.Path)
            .ToList();
        Assert.Empty(undocumented);

        var contract = SpecRun.Contract();
        Assert.True(contract.Succeeded, string.Join("\n", contract.Diagnostics));
        Assert.Equal(["MON044"], SpecRun.Contract().Diagnostics.Select(d => d.Code)); // the contract's runbooks folder has no web base outside a repository
    }
}
