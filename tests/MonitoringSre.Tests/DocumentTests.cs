using System.Globalization;
using MonitoringSre.Generation.Docs;
using MonitoringSre.Generation.Yaml;
using MonitoringSre.Model;
using MonitoringSre.Scaffolding;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

public sealed class DocumentTests
{
    [Theory]
    [InlineData("99.9", 30, "43.2", "1000", "0.001")]
    [InlineData("99.95", 28, "20.16", "500", "0.0005")]
    [InlineData("99", 7, "100.8", "10000", "0.01")]
    [InlineData("99.99", 90, "12.96", "100", "0.0001")]
    [InlineData("99.5", 30, "216", "5000", "0.005")]
    public void Error_budget_matches_hand_computed_values(string objective, int days, string downtimeMinutes, string perMillion, string ratio)
    {
        var budget = new ErrorBudget(decimal.Parse(objective, CultureInfo.InvariantCulture), days);
        Assert.Equal(decimal.Parse(ratio, CultureInfo.InvariantCulture), budget.Ratio);
        Assert.Equal(decimal.Parse(downtimeMinutes, CultureInfo.InvariantCulture), budget.DowntimeMinutes);
        Assert.Equal(decimal.Parse(perMillion, CultureInfo.InvariantCulture), budget.FailuresPerMillion);
    }

    [Theory]
    [InlineData(30, "14.4", "50")]
    [InlineData(30, "1", "720")]
    [InlineData(28, "13.44", "50")]
    public void Time_to_exhaust_is_the_period_over_the_burn_rate(int days, string burnRate, string hours) =>
        Assert.Equal(decimal.Parse(hours, CultureInfo.InvariantCulture),
            new ErrorBudget(99.9m, days).HoursToExhaust(decimal.Parse(burnRate, CultureInfo.InvariantCulture)));

    [Fact]
    public void Slo_document_has_budgets_tiers_runbooks_and_the_policy()
    {
        var slo = SpecRun.Contract().FileText("docs/slo.md");
        Assert.StartsWith("# SLOs of orders-api\n", slo);
        Assert.Contains("| availability | 99.9% | 0.001 | 43.2 min | 1000 |", slo);
        Assert.Contains("| latency | 99% | 0.01 | 7.2 h (432 min) | 10000 |", slo);
        Assert.Contains("## checkout: 99.5% over 30 days", slo);
        Assert.Contains("| OrdersApiAvailabilityBudgetBurn | page-fast | 14.4x | 1h and 5m | 1.44% | 2m | critical | P1 (page) | 2.1 days |", slo);
        Assert.Contains("| OrdersApiAvailabilityBudgetBurn | ticket-slow | 1x | 3d and 6h | 0.1% | 3h | warning | P3 (ticket) | 30 days |", slo);
        Assert.Contains("`OrdersApiCheckoutBudgetBurn`: docs/runbooks/OrdersApiCheckoutBudgetBurn.md", slo);
        Assert.Contains("sum(rate(orders_checkout_failed_total{job=\"orders-api\"}[5m]))", slo);
        Assert.Contains("Freeze feature releases until the budget is positive", slo);
        Assert.Contains("Page the on-call engineer and open a P2 incident.", slo);
    }

    [Fact]
    public void Slo_document_of_a_28_day_period_uses_its_factors() =>
        Assert.Contains("| 20.16 min |", SpecRun.Run(TestSpec.Minimal().Set("period", "28d").Objective("availability", "99.95").Yaml()).FileText("docs/slo.md"));

    [Theory]
    [InlineData("API latency spike", "api-latency-spike")]
    [InlineData("../../x", "x")]
    [InlineData("..\\..\\etc\\passwd", "etc-passwd")]
    [InlineData("\"quoted\" 'title' | pipe", "quoted-title-pipe")]
    [InlineData("Ünïcödé café ☕ outage", "unicode-cafe-outage")]
    [InlineData("☕☕☕", "incident")]
    [InlineData("/", "incident")]
    public void Incident_titles_become_safe_slugs(string title, string slug) =>
        Assert.Equal(slug, IncidentReportDocument.Slug(title));

    [Fact]
    public void Very_long_title_is_cut_to_sixty_characters()
    {
        var slug = IncidentReportDocument.Slug(string.Join(' ', Enumerable.Repeat("database connection pool exhausted", 20)));
        Assert.True(slug.Length <= 60, slug);
        Assert.DoesNotMatch("-$", slug);
    }

    [Fact]
    public void Incident_report_has_severity_slos_timeline_and_a_postmortem_date_that_skips_the_weekend()
    {
        var model = SpecRun.Contract().Model!;
        var friday = new DateTimeOffset(2026, 11, 27, 14, 5, 0, TimeSpan.Zero);
        var report = IncidentReportDocument.Render("INC-2026-11-27-x", "Checkout <b>down</b> | all", "P0", friday, model.Service, model);
        Assert.Contains("| Severity | P0: Complete outage: the service is down for all users. |", report);
        Assert.Contains("| Response time | immediate |", report);
        Assert.Contains("| Detected (UTC) | 2026-11-27 14:05 UTC |", report);
        Assert.Contains("| Postmortem due | 2026-12-01 (2 business days) |", report);
        Assert.Contains("| On call | payments-primary |", report);
        Assert.Contains("| availability | 99.9% over 30d | 43.2 min of full downtime |  |", report);
        Assert.Contains("| Title | Checkout &lt;b>down&lt;/b> \\| all |", report);
        foreach (var section in new[] { "## Timeline (UTC)", "## Detection", "## Trigger", "## Root cause", "## Resolution", "## What went well", "## What went wrong", "## Where we got lucky", "## Action items", "## Communications" })
        {
            Assert.Contains(section, report);
        }
    }

    [Fact]
    public void Incident_plan_covers_every_severity_with_the_specs_response_times_and_escalation()
    {
        var spec = TestSpec.Minimal().Set("incidents", TestSpec.Map(
            ("onCall", "payments-primary"),
            ("channel", "#inc-orders"),
            ("escalation", new YSeq("payments-primary", "payments-secondary", "engineering-manager")),
            ("responseTimes", TestSpec.Map(("P1", "10m")))));
        var model = SpecRun.Run(spec.Yaml()).Model!;
        var plan = IncidentPlanDocument.Render(model);
        Assert.Contains("| P0 | Complete outage: the service is down for all users. | immediate |", plan);
        Assert.Contains("| P1 | Major feature broken for many users. | 10m |", plan);
        Assert.Contains("| P3 | Minor: few users affected, a workaround exists. | next business day |", plan);
        Assert.Contains("1. payments-primary\n2. payments-secondary\n3. engineering-manager", plan);
        foreach (var role in new[] { "Incident commander", "Scribe", "Communications", "Subject-matter experts" })
        {
            Assert.Contains($"| {role} |", plan);
        }

        Assert.Contains("## Postmortem policy", plan);
        Assert.Contains("#inc-orders", plan);
    }

    [Fact]
    public void Runbook_explains_the_alert_and_gives_dashboards_queries_mitigation_and_escalation()
    {
        var result = SpecRun.Contract();
        var alerts = result.Rules!.Alerts.Where(a => a.Alert == "OrdersApiLatencyBudgetBurn").ToList();
        var runbook = RunbookDocument.Render(result.Model!, alerts);
        Assert.StartsWith("# OrdersApiLatencyBudgetBurn\n", runbook);
        Assert.Contains("| page-fast | 1h and 5m | 14.4x | P1 | 2.1 days |", runbook);
        Assert.Contains("orders-api / Service overview (uid `orders-api-overview`)", runbook);
        Assert.Contains("slo:sli_error:ratio_rate1h{service=\"orders-api\", slo=\"latency\"}", runbook);
        Assert.Contains("## Mitigate", runbook);
        Assert.Contains("payments-primary → payments-secondary → engineering-manager", runbook);
    }

    [Theory]
    [InlineData(new string[0], "aspnetcore-otel", "250ms", "console")]
    [InlineData(new[] { "OpenTelemetry.Exporter.Prometheus.AspNetCore" }, "aspnetcore-otel", "250ms", "console")]
    [InlineData(new[] { "Serilog.AspNetCore", "prometheus-net.AspNetCore" }, "prometheus-net", "256ms", "serilog")]
    [InlineData(new[] { "NLog.Web.AspNetCore" }, "aspnetcore-otel", "250ms", "nlog")]
    public void Scaffolded_spec_is_valid_uses_the_projects_preset_and_explains_itself(string[] packages, string preset, string threshold, string logProvider)
    {
        var yaml = SpecScaffolder.Write("OrdersApi", packages);
        Assert.StartsWith("# yaml-language-server: $schema=monitoring.schema.json\n", yaml);
        Assert.Contains("# Service name: used in rule, file and dashboard names.", yaml);
        var result = SpecRun.Run(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["MON044"], result.Diagnostics.Select(d => d.Code)); // no repository here to make runbook links absolute
        Assert.Equal("orders-api", result.Model!.Service);
        Assert.Equal(preset, result.Model.Metrics.Preset.Name);
        Assert.Equal(logProvider, result.Model.Logs.Provider);
        Assert.Equal(["availability", "latency"], result.Model.Slos.Select(s => s.Name));
        Assert.Contains($"threshold: \"{threshold}\"", yaml);
        Assert.Equal("docs/incident-response.md", result.Model.Incidents.Plan);
    }

    [Fact]
    public void Scaffolded_spec_holds_no_placeholder_text_and_no_absolute_or_package_cache_path()
    {
        var yaml = SpecScaffolder.Write("CheckoutService", ["OpenTelemetry.Exporter.Prometheus.AspNetCore"]);
        Assert.DoesNotContain("\ndescription:", yaml); // a service description only the team can write is left as a hint
        Assert.DoesNotContain("CheckoutService service", yaml);
        Assert.DoesNotContain(".nuget", yaml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("packages/", yaml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(^|[\s=])(/|[A-Za-z]:\\|\.\./)", yaml);
    }

    [Fact]
    public void Init_plans_the_spec_its_schema_the_plan_and_a_runbook_per_alert_name()
    {
        var (files, diagnostics) = InitPlanner.Plan("/p", "/p/monitoring.yaml", null, "OrdersApi", [], schemaCopyExists: false);
        Assert.Empty(diagnostics); // MON044 (no repository for absolute runbook links) is the build's to say, not MonitoringInit's
        Assert.Equal(
            ["monitoring.yaml", "monitoring.schema.json", "docs/incident-response.md", "docs/runbooks/OrdersApiAvailabilityBudgetBurn.md", "docs/runbooks/OrdersApiAvailabilitySliAbsent.md",
             "docs/runbooks/OrdersApiLatencyBudgetBurn.md", "docs/runbooks/OrdersApiLatencySliAbsent.md", "docs/runbooks/OrdersApiDown.md"],
            files.Select(f => f.RelativePath));
        var schema = Assert.Single(files, f => f.Refresh);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "monitoring.schema.json")), schema.Content);
    }

    [Fact]
    public void Init_puts_the_schema_beside_a_spec_in_another_folder_and_refreshes_only_a_copy_that_exists()
    {
        var spec = "service: orders-api\nslos: []\n"u8.ToArray();
        var (without, _) = InitPlanner.Plan("/p", "/p/ops/monitoring.yaml", spec, "OrdersApi", [], schemaCopyExists: false);
        Assert.DoesNotContain(without, f => f.Refresh);

        var (with, _) = InitPlanner.Plan("/p", "/p/ops/monitoring.yaml", spec, "OrdersApi", [], schemaCopyExists: true);
        Assert.Equal("ops/monitoring.schema.json", Assert.Single(with, f => f.Refresh).RelativePath);
    }

    [Fact]
    public void Init_with_an_invalid_spec_plans_nothing_and_reports_why()
    {
        var (files, diagnostics) = InitPlanner.Plan("/p", "/p/monitoring.yaml", "service: Bad_Name\n"u8.ToArray(), "OrdersApi", [], schemaCopyExists: false);
        Assert.Empty(files);
        Assert.Contains(diagnostics, d => d.Code == "MON020");
    }
}
