using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>One test per diagnostic code: the code, its severity, and the exact line and column it points at.</summary>
public sealed class DiagnosticCodeTests
{
    private static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var found = diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(found.Count == 1, $"expected one {code}, got:\n{string.Join("\n", diagnostics)}");
        return found[0];
    }

    private static void AssertAt(string yaml, string code, int line, int column, string? messagePart = null)
    {
        var d = Single(SpecRun.Diagnose(yaml), code);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal(SpecRun.File, d.Location.File);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, d.Message);
        }
    }

    [Fact]
    public void Codes_and_severities_are_stable()
    {
        var table = string.Join(" ", DiagnosticCatalog.All.Select(d => d.Code + (d.Severity == DiagnosticSeverity.Warning ? "w" : "e")));
        Assert.Equal(
            "MON001e MON002e MON003e MON004e MON005e MON006e MON007e MON008e MON010e MON011e MON012e MON013e MON014e MON015e MON016e MON019e "
            + "MON020e MON021e MON022e MON023e MON024e MON025e MON026e MON027e MON028e MON029e MON030e MON031e MON032e MON033w MON034w MON035w "
            + "MON036e MON037w MON038e MON039e MON044w MON045e MON040e MON041e MON042w MON043e MON046e MON047w MON060e MON061e MON062e MON063e MON064e MON065e MON067e MON066w MON070e MON071w MON072w MON073e MON074e MON075e MON076e MON050e MON051e MON052e MON053e MON054e MON055e MON099e",
            table);
    }

    [Fact]
    public void Non_utf8_byte_is_MON002_at_its_line_and_column()
    {
        var d = Single(SpecRun.RunBytes(Encoding.Latin1.GetBytes("service: orders-api\ndescription: caf\u00e9 au lait\n")).Diagnostics, "MON002");
        Assert.Equal((2, 17), (d.Location.Line, d.Location.Column));
        Assert.Contains("0xE9", d.Message);
    }

    [Fact]
    public void File_over_one_megabyte_is_MON003_before_parsing()
    {
        var d = Single(SpecRun.RunBytes(Encoding.UTF8.GetBytes("service: x\n#" + new string('x', 2 * 1024 * 1024))).Diagnostics, "MON003");
        Assert.Equal(0, d.Location.Line);
    }

    [Fact]
    public void Yaml_syntax_error_is_MON004_at_the_parser_position() =>
        AssertAt("service: orders-api\nslos:\n  - name: \"unclosed\n", "MON004", 3, 11);

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Empty_file_is_MON005(string yaml) => Single(SpecRun.Diagnose(yaml), "MON005");

    [Fact]
    public void Alias_bomb_is_MON006_not_an_out_of_memory()
    {
        var sb = new StringBuilder("service: x\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var i = 0; i < 9; i++)
        {
            sb.Append((char)('b' + i)).Append(": &").Append((char)('b' + i)).Append(" [")
              .Append(string.Join(",", Enumerable.Repeat("*" + (char)('a' + i), 10))).Append("]\n");
        }

        var d = Single(SpecRun.Diagnose(sb.ToString()), "MON006");
        Assert.True(d.Location.Line >= 2, d.ToString());
    }

    [Fact]
    public void Duplicate_key_is_MON007_at_the_second_key() =>
        AssertAt("service: a\nteam: x\nteam: y\n", "MON007", 3, 1, "first at line 2");

    [Fact]
    public void Second_document_is_MON008_at_its_marker() =>
        AssertAt("service: a\n---\nservice: b\n", "MON008", 2, 1);

    [Fact]
    public void Unknown_key_is_MON010_with_did_you_mean() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                objectve: 1
                sli:
                  availability: {}
            """, "MON010", 5, 5, "did you mean 'objective'?");

    [Fact]
    public void Wrong_type_is_MON011_at_the_value() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: high
                sli:
                  availability: {}
            """, "MON011", 4, 16, "must be a number");

    [Fact]
    public void Missing_required_key_is_MON012_at_its_mapping() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                sli:
                  availability: {}
            """, "MON012", 3, 5, "Required key 'objective'");

    [Fact]
    public void Unknown_preset_is_MON013_listing_the_presets() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  preset: micrometer\n", "MON013", 8, 11, "aspnetcore-otel, prometheus-net");

    [Fact]
    public void Malformed_business_metric_name_is_MON014() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  business:\n    - metric: orders placed\n", "MON014", 9, 15);

    [Fact]
    public void Sampling_ratio_over_one_is_MON015() =>
        AssertAt(SpecRun.Minimal + "\ntraces:\n  ratio: 2\n", "MON015", 8, 10);

    [Fact]
    public void Sli_with_two_kinds_is_MON016() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
                  latency: {threshold: 250ms}
            """, "MON016", 6, 7);

    [Fact]
    public void A_priority_listed_twice_in_paging_is_MON019_at_the_list() =>
        AssertAt(SpecRun.Minimal + "\nincidents:\n  paging: [P0, P0]\n", "MON019", 8, 11, "items not unique");

    [Fact]
    public void A_schema_keyword_the_validator_does_not_check_is_refused_when_the_schema_is_read()
    {
        var schema = SchemaValidator.SchemaText().EditAll("\"minLength\": 1", "\"maxLength\": 1");
        var e = Assert.Throws<InvalidOperationException>(() => SpecSchema.Parse(schema));
        Assert.Contains("maxLength", e.Message);
        Assert.NotNull(SpecSchema.Parse(SchemaValidator.SchemaText()).Property("slos")?.Items?.Property("objective"));
    }

    [Fact]
    public void Empty_team_is_MON019() =>
        AssertAt("team: ''\n" + SpecRun.Minimal, "MON019", 1, 7);

    [Fact]
    public void Invalid_service_name_is_MON020_with_a_suggestion() =>
        AssertAt("""
            service: Orders_API
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
            """, "MON020", 1, 10, "e.g. 'orders-api'");

    [Fact]
    public void Invalid_slo_name_is_MON021() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: Availability
                objective: 99.9
                sli:
                  availability: {}
            """, "MON021", 3, 11, "e.g. 'availability'");

    [Fact]
    public void Duplicate_slo_name_is_MON022_at_the_second() =>
        AssertAt(SpecRun.Minimal + "\n" + SpecRun.Minimal[SpecRun.Minimal.IndexOf("  - name", StringComparison.Ordinal)..], "MON022", 7, 11, "first at line 3");

    [Theory]
    [InlineData("100")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Objective_outside_zero_to_hundred_is_MON023(string objective) =>
        AssertAt($$"""
            service: orders-api
            slos:
              - name: availability
                objective: {{objective}}
                sli:
                  availability: {}
            """, "MON023", 4, 16);

    [Theory]
    [InlineData("5d")]
    [InlineData("30x")]
    [InlineData("400d")]
    public void Invalid_period_is_MON024(string period) =>
        AssertAt("period: " + period + "\n" + SpecRun.Minimal, "MON024", 1, 9);

    [Fact]
    public void Ratio_with_both_errors_and_good_is_MON046_at_good() => AssertAt("""
        service: orders-api
        slos:
          - name: checkout
            objective: 99.5
            sli:
              ratio:
                errors: sum(rate(failed_total[{{window}}]))
                good: sum(rate(done_total[{{window}}]))
                total: sum(rate(attempts_total[{{window}}]))
        """, "MON046", 8, 9);

    [Fact]
    public void Ratio_with_neither_errors_nor_good_is_MON012_at_the_ratio() => AssertAt("""
        service: orders-api
        slos:
          - name: checkout
            objective: 99.5
            sli:
              ratio:
                total: sum(rate(attempts_total[{{window}}]))
        """, "MON012", 7, 9, "'errors'");

    [Fact]
    public void Ratio_query_without_window_is_MON025_and_accepts_sloth_placeholder()
    {
        const string Ratio = """
            service: orders-api
            slos:
              - name: checkout
                objective: 99.5
                sli:
                  ratio:
                    errors: sum(rate(failed_total[5m]))
                    total: sum(rate(attempts_total[{{.window}}]))
            """;
        AssertAt(Ratio, "MON025", 7, 17, "errors query");
        Assert.DoesNotContain(SpecRun.Diagnose(Ratio), d => d.Location.Line == 8);
    }

    [Fact]
    public void Latency_threshold_between_buckets_is_an_error_at_its_line_naming_the_nearest_boundaries() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  latency:
                    threshold: 300ms
            """, "MON026", 7, 20, "250ms or 500ms");

    [Fact]
    public void Latency_threshold_that_is_not_a_duration_is_MON027() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  latency:
                    threshold: fast
            """, "MON027", 7, 20);

    [Fact]
    public void Selector_regex_prometheus_would_refuse_is_MON028_and_stops_before_generation()
    {
        // Found by the schema-shaped fuzz: with no SLO to check the selector's queries, the promtool test generator compiled it and crashed.
        var spec = """
            service: orders-api
            metrics:
              selector: 'job=~"("'
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
            """;
        AssertAt(spec, "MON028", 3, 13, "job=~\"(\" is not a valid regular expression");
        Assert.Empty(SpecRun.Run(spec).Files);
    }

    [Fact]
    public void Unquoted_selector_is_MON028() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  selector: job=orders-api\n", "MON028", 8, 13, "quoted value");

    [Fact]
    public void Invalid_label_name_is_MON029() =>
        AssertAt("labels:\n  deploy-env: prod\n" + SpecRun.Minimal, "MON029", 2, 3);

    [Fact]
    public void Reserved_label_is_MON030() =>
        AssertAt("labels:\n  service: other\n" + SpecRun.Minimal, "MON030", 2, 3);

    [Fact]
    public void Invalid_error_status_regex_is_MON031() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability:
                    errorStatus: "5..("
            """, "MON031", 7, 22);

    [Fact]
    public void Same_alert_name_on_two_slos_is_MON032() =>
        AssertAt(SpecRun.Minimal + "\n    alerting: {name: Burn}\n  - name: other\n    objective: 99\n    sli: {availability: {}}\n    alerting: {name: Burn}\n",
            "MON032", 11, 22, "'availability'");

    [Fact]
    public void Tier_that_could_never_fire_is_warning_MON033_and_is_dropped()
    {
        var result = SpecRun.Run("""
            service: orders-api
            slos:
              - name: availability
                objective: 80
                sli:
                  availability: {}
            """);
        var warnings = result.Diagnostics.Where(d => d.Code == "MON033").ToList();
        Assert.Equal(2, warnings.Count); // budget 20%: 14.4 × and 6 × exceed 100%; 3 × and 1 × do not.
        Assert.All(warnings, w => Assert.Equal((4, 16), (w.Location.Line, w.Location.Column)));
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Model!.Slos[0].Alerting.Tiers.Count);
    }

    [Fact]
    public void Spec_without_slos_is_warning_MON034_and_still_generates_the_down_alert()
    {
        var result = SpecRun.Run("service: orders-api\n");
        Assert.Equal(DiagnosticSeverity.Warning, Single(result.Diagnostics, "MON034").Severity);
        Assert.Contains("alert: OrdersApiDown", result.FileText(".rules.yml"));
    }

    [Fact]
    public void Ratio_query_keeping_labels_is_warning_MON035_and_its_absence_alert_is_still_tested()
    {
        var result = SpecRun.Run("""
            service: orders-api
            slos:
              - name: checkout
                objective: 99.5
                sli:
                  ratio:
                    errors: sum by (route) (rate(failed_total[{{window}}]))
                    total: sum by (route) (rate(attempts_total[{{window}}]))
            """);
        var d = Single(result.Diagnostics, "MON035");
        Assert.Equal((3, 5), (d.Location.Line, d.Location.Column));
        Assert.Contains("OrdersApiCheckoutSliAbsent fires", result.FileText(".rules.test.yml"));
    }

    [Theory]
    [InlineData("../runbooks")]
    [InlineData("/etc/runbooks")]
    [InlineData("http://wiki/runbooks")]
    public void Runbooks_outside_the_project_or_not_https_is_MON036(string runbooks) =>
        AssertAt("runbooks: " + runbooks + "\n" + SpecRun.Minimal, "MON036", 1, 11);

    [Theory]
    [InlineData("../plan.md")]
    [InlineData("/srv/plan.md")]
    public void Incident_plan_outside_the_project_is_MON038(string plan) =>
        AssertAt(SpecRun.Minimal + "\nincidents:\n  plan: " + plan + "\n", "MON038", 8, 9);

    [Fact]
    public void Slo_with_every_tier_off_is_warning_MON037() =>
        AssertAt(SpecRun.Minimal + "\n    alerting:\n      page: false\n      ticket: false\n", "MON037", 8, 7);

    [Fact]
    public void A_key_the_schema_rejects_still_gets_the_binders_finding_about_its_meaning()
    {
        // The second name is malformed (the schema's MON021) and a repeat of the first (the binder's MON022): both are said.
        var diagnostics = SpecRun.Diagnose("""
            service: orders-api
            slos:
              - name: Avail
                objective: 99.9
                sli: {availability: {}}
              - name: Avail
                objective: 99
                sli: {availability: {}}
            """);
        Assert.Equal(["MON021", "MON022"], diagnostics.Where(d => d.Location.Line == 6).Select(d => d.Code).Order());
    }

    [Theory]
    [InlineData("period: 30x", "MON024")]            // wrong shape: the schema's
    [InlineData("period: 400d", "MON024")]           // out of range: the binder's
    [InlineData("period: 99999999999d", "MON024")]   // out of range, beyond an int
    [InlineData("threshold: fast", "MON027")]        // wrong shape: the schema's
    [InlineData("threshold: 0ms", "MON027")]         // no time at all: the binder's
    public void A_problem_is_reported_once_by_whichever_check_owns_it(string line, string code)
    {
        var yaml = line.StartsWith("period", StringComparison.Ordinal)
            ? line + "\n" + SpecRun.Minimal
            : $"service: orders-api\nslos:\n  - name: latency\n    objective: 99\n    sli:\n      latency:\n        {line}\n";
        var errors = SpecRun.Diagnose(yaml).Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1 && errors[0].Code == code, string.Join("\n", errors));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_run_schema_and_meaning_alike()
    {
        var diagnostics = SpecRun.Diagnose("""
            service: Orders
            perod: 30d
            slos:
              - name: a
                objective: 120
                sli: {availability: {}}
              - name: b
                sli: {latency: {threshold: 300ms}}
              - name: a
                objective: 99
                sli: {ratio: {errors: "sum(rate(e[5m]))", total: "sum(rate(t[{{window}}]))"}}
            """);
        Assert.Equal(
            ["MON020@1", "MON010@2", "MON023@5", "MON012@7", "MON026@8", "MON022@9", "MON025@11"],
            diagnostics.Select(d => d.Code + "@" + d.Location.Line));
    }

    [Fact]
    public void Schema_rejection_is_not_repeated_by_the_meaning_checks() =>
        Assert.Single(SpecRun.Diagnose("period: 30x\n" + SpecRun.Minimal));

    [Theory]
    [InlineData("service: x\nslos: [5, {name: 1}, {name: a, sli: []}, {name: b, objective: x, sli: {latency: 5}}, {name: c, sli: {nope: {}}}]\n")]
    [InlineData("service: x\nslos:\n  - name: a\n    objective: 99\n    sli:\n      ratio: {errors: [1], total: {a: b}}\n    alerting: {page: maybe, labels: [x], annotations: 5}\n")]
    [InlineData("service: 'a\"b'\nmetrics: {selector: [1]}\nlabels: [1, 2]\nperiod: {}\n")]
    public void Meaning_checks_survive_any_shape_the_schema_rejects(string yaml)
    {
        var diagnostics = SpecRun.Diagnose(yaml);
        Assert.NotEmpty(diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Code == "MON099");
    }
}
