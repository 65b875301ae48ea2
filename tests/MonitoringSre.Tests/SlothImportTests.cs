using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Import;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>Sloth specs build as they are: Sloth's own golden input, both of its forms, and what has no equivalent.</summary>
public sealed class SlothImportTests
{
    public static string GoldenInput => Repo.TestData("sloth", "in-base.yaml");

    public static PipelineResult Golden(ImportOptions? import = null) =>
        MonitoringPipeline.Run(GoldenInput, File.ReadAllBytes(GoldenInput), new GenerationOptions(Import: import));

    private static PipelineResult Run(string yaml, string file = "slos.yaml") =>
        MonitoringPipeline.Run(file, Encoding.UTF8.GetBytes(yaml), new GenerationOptions());

    [Fact]
    public void Sloths_golden_input_builds_unchanged_into_rules_promtool_accepts_and_tests_that_pass()
    {
        var result = Golden();
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(SpecFormat.Sloth, result.Format);
        // slo02 turns both tiers off, which is worth a warning in any format; nothing else is.
        Assert.Equal(["MON037"], result.Diagnostics.Select(d => d.Code));

        using var dir = Promtool.Write(result.Files);
        var rules = result.Files.Single(f => f.RelativePath == "alerts/svc01.rules.yml").RelativePath;
        var check = Promtool.Run(dir, "check", "rules", rules);
        Assert.True(check.ExitCode == 0, check.Output);
        var test = Promtool.Run(dir, "test", "rules", "alerts/svc01.rules.test.yml");
        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Fact]
    public void Sloth_labels_annotations_and_disabled_tiers_land_where_sloth_puts_them()
    {
        var result = Golden();
        var slo1 = result.Rules!.Alerts.Where(a => a.Slo?.Name == "slo1" && a.Tier is not null).ToList();
        var slo02 = result.Rules.Alerts.Where(a => a.Slo?.Name == "slo02").ToList();

        Assert.Equal(["P1", "P2", "P3", "P3"], slo1.Select(a => a.Tier!.Priority));
        Assert.All(slo1, a => Assert.Equal("myServiceAlert", a.Alert));
        Assert.All(slo1, a => Assert.Contains(a.Labels, l => l is { Name: "global01k1", Value: "global01v1" }));
        Assert.All(slo1, a => Assert.Contains(a.Labels, l => l is { Name: "global02k1", Value: "global02v1" }));
        Assert.All(slo1, a => Assert.Contains(a.Labels, l => l is { Name: "alert01k1", Value: "alert01v1" }));
        Assert.All(slo1, a => Assert.Contains(a.Annotations, l => l is { Name: "alert02k1", Value: "alert02k2" }));
        Assert.All(slo1, a => Assert.Equal(a.Tier!.IsPage, a.Labels.Any(l => l is { Name: "alert03k1", Value: "alert03v1" })));
        Assert.All(slo1, a => Assert.Equal(!a.Tier!.IsPage, a.Labels.Any(l => l is { Name: "alert04k1", Value: "alert04v1" })));

        // page_alert.disable and ticket_alert.disable: no burn-rate alert, only the one that says the SLI has no data.
        Assert.Equal(["SloSliAbsent"], slo02.Select(a => a.Alert.Replace("Svc01Slo02", "Slo", StringComparison.Ordinal)));

        // Every query selects job="myservice": that is the job the Down alert watches, not one named after the service.
        Assert.Equal("job=\"myservice\"", result.Model!.Metrics.Selector);
    }

    [Fact]
    public void The_kubernetes_resource_builds_the_same_rules_as_the_plain_file()
    {
        var plain = Golden();
        var resource = Run("""
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata:
              name: svc01
              namespace: monitoring
            spec:
              service: "svc01"
              labels:
                global01k1: global01v1
              slos:
                - name: "slo1"
                  objective: 99.9
                  description: "This is SLO 01."
                  labels:
                    global02k1: global02v1
                  sli:
                    events:
                      errorQuery: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
                      totalQuery: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
                  alerting:
                    name: myServiceAlert
                    labels:
                      alert01k1: "alert01v1"
                    annotations:
                      alert02k1: "alert02k2"
                    pageAlert:
                      labels:
                        alert03k1: "alert03v1"
                    ticketAlert:
                      labels:
                        alert04k1: "alert04v1"
                - name: "slo02"
                  objective: 95
                  description: "This is SLO 02."
                  labels:
                    global03k1: global03v1
                  sli:
                    raw:
                      errorRatioQuery: |
                        sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
                        /
                        sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
                  alerting:
                    pageAlert:
                      disable: true
                    ticketAlert:
                      disable: true
            """, "in-base.yaml");

        Assert.True(resource.Succeeded, string.Join("\n", resource.Diagnostics));
        Assert.Equal(SpecFormat.SlothKubernetes, resource.Format);
        Assert.Equal(plain.FileText(".rules.yml"), resource.FileText(".rules.yml"));
    }

    private const string OneSlo = """
        version: prometheus/v1
        service: checkout
        slos:
          - name: requests
            objective: 99.5
            sli:
              events:
                error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
                total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
            alerting:
              name: CheckoutRequests
        """;

    private static Diagnostic Single(PipelineResult result, string code) => DiagnosticAssert.Single(result.Diagnostics, code);

    private static void AssertAt(Diagnostic d, string file, int line, int column) => DiagnosticAssert.At(d, file, line, column);

    [Fact]
    public void A_key_sloth_does_not_define_is_MON060_at_its_line_naming_the_keys_it_does()
    {
        var d = Single(Run(OneSlo.Edit("    objective: 99.5", "    objective: 99.5\n    target: 99")), "MON060");
        AssertAt(d, "slos.yaml", 6, 5);
        Assert.Contains("'target' in slos[0] of a Sloth prometheus/v1 spec", d.Message);
        Assert.Contains("name, objective, description, labels, plugins, sli, alerting", d.Message);
    }

    [Fact]
    public void A_snake_case_key_in_the_kubernetes_resource_is_MON060()
    {
        var resource = "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {name: checkout}\nspec:\n"
            + string.Join("\n", OneSlo.Split('\n').Skip(1).Select(l => "  " + l));
        var found = Run(resource).Diagnostics;
        Assert.Equal(["MON060", "MON060"], found.Select(x => x.Code));
        var d = found[0];
        AssertAt(d, "slos.yaml", 11, 11);
        Assert.Contains("'error_query' in spec.slos[0].sli.events of a Sloth PrometheusServiceLevel spec", d.Message);
        Assert.Contains("errorQuery, totalQuery", d.Message);
    }

    [Fact]
    public void A_sloth_plugin_is_MON061_naming_the_plugin()
    {
        var yaml = OneSlo.Edit("""
                  events:
                    error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
                    total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
            """, """
                  plugin:
                    id: "sloth-common/kubernetes/apiserver/availability"
            """);
        var d = Single(Run(yaml), "MON061");
        AssertAt(d, "slos.yaml", 8, 9);
        Assert.Contains("'sloth-common/kubernetes/apiserver/availability'", d.Message);
        Assert.Contains("error_ratio_query", d.Message);
    }

    [Fact]
    public void A_sloth_version_other_than_prometheus_v1_is_MON062_at_the_version()
    {
        var d = Single(Run(OneSlo.Edit("prometheus/v1", "prometheus/v2")), "MON062");
        AssertAt(d, "slos.yaml", 1, 10);
        Assert.Contains("version 'prometheus/v2'", d.Message);
    }

    [Fact]
    public void A_value_our_format_refuses_is_reported_at_its_line_in_the_sloth_file()
    {
        var d = Single(Run(OneSlo.Edit("objective: 99.5", "objective: 100")), "MON023");
        AssertAt(d, "slos.yaml", 5, 16);
    }

    [Fact]
    public void Disable_that_is_no_boolean_is_reported_at_its_value()
    {
        var d = Single(Run(OneSlo + "\n      page_alert:\n        disable: sometimes\n"), "MON011");
        AssertAt(d, "slos.yaml", 13, 18);
        Assert.Contains("'slos[0].alerting.page_alert.disable' must be true or false", d.Message);
    }

    private sealed class Files(Dictionary<string, string> files) : ISpecFiles
    {
        public byte[]? Read(string path) => files.TryGetValue(path, out var text) ? Encoding.UTF8.GetBytes(text) : null;
    }

    [Fact]
    public void The_converted_spec_builds_the_same_rules_and_names_no_sloth_key()
    {
        var original = Golden(new ImportOptions(Period: "28d"));
        var converted = SpecConverter.ToYaml(original.Spec!, GoldenInput);
        Assert.DoesNotContain("error_query", converted);
        Assert.Contains("period: \"28d\"", converted);

        var rebuilt = MonitoringPipeline.Run(GoldenInput, Encoding.UTF8.GetBytes(converted), new GenerationOptions());
        Assert.Equal(SpecFormat.MonitoringSre, rebuilt.Format);
        Assert.Equal(original.FileText(".rules.yml"), rebuilt.FileText(".rules.yml"));
        Assert.Equal(original.FileText(".rules.test.yml"), rebuilt.FileText(".rules.test.yml"));
    }

    [Fact]
    public void Import_takes_service_labels_and_slos_from_the_sloth_file_and_the_rest_from_monitoring_yaml()
    {
        var dir = Path.GetFullPath("/srv/orders");
        var files = new Files(new() { [Path.Combine(dir, "slos", "sloth.yaml")] = OneSlo });
        var result = MonitoringPipeline.Run(Path.Combine(dir, "monitoring.yaml"),
            Encoding.UTF8.GetBytes("import: slos/sloth.yaml\nperiod: 7d\nteam: payments\n"), new GenerationOptions(Import: new ImportOptions(files)));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(("checkout", "payments", 7, "requests"), (result.Model!.Service, result.Model.Team, result.Model.PeriodDays, result.Model.Slos.Single().Name));
        Assert.Equal(Path.Combine(dir, "slos", "sloth.yaml"), result.ImportedFile);
    }

    [Fact]
    public void An_import_that_is_missing_is_MON063_and_a_key_set_in_both_files_is_MON064()
    {
        var dir = Path.GetFullPath("/srv/orders");
        var spec = Path.Combine(dir, "monitoring.yaml");
        var missing = MonitoringPipeline.Run(spec, Encoding.UTF8.GetBytes("team: payments\nimport: slos.yaml\n"), new GenerationOptions(Import: new ImportOptions(new Files([]))));
        AssertAt(Single(missing, "MON063"), spec, 2, 9);
        Assert.Equal(Path.Combine(dir, "slos.yaml"), missing.ImportedFile);

        var files = new Files(new() { [Path.Combine(dir, "slos.yaml")] = OneSlo });
        var both = MonitoringPipeline.Run(spec, Encoding.UTF8.GetBytes("import: slos.yaml\nservice: orders\n"), new GenerationOptions(Import: new ImportOptions(files)));
        var d = Single(both, "MON064");
        AssertAt(d, spec, 2, 1);
        Assert.Contains("'service' is set both here and in the imported spec 'slos.yaml'", d.Message);

        var same = MonitoringPipeline.Run(spec, Encoding.UTF8.GetBytes("import: slos.yaml\nservice: checkout\n"), new GenerationOptions(Import: new ImportOptions(files)));
        Assert.True(same.Succeeded, string.Join("\n", same.Diagnostics));
    }
}
