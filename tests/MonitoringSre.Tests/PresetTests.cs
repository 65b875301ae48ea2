using System.Text.RegularExpressions;
using MonitoringSre.Gate;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;
using MonitoringSre.Spec;

namespace MonitoringSre.Tests;

/// <summary>
/// What the live end-to-end runs saw the exporters write, pinned: a preset that drifts from these names reads "no data"
/// in production and no alert can fire.
/// </summary>
public sealed class PresetTests
{
    [Fact]
    public void Aspnetcore_otel_preset_matches_what_the_opentelemetry_exporter_writes()
    {
        var p = Presets.AspNetCoreOtel;
        Assert.Equal(("http_server_request_duration_seconds", "http_response_status_code", "http_route", "http_request_method"),
            (p.DurationMetric, p.StatusLabel, p.RouteLabel, p.MethodLabel));
        Assert.Equal("dotnet_process_cpu_time_seconds_total", p.Runtime.CpuSecondsTotal);
        Assert.Equal("dotnet_process_memory_working_set_bytes", p.Runtime.WorkingSetBytes);
        Assert.Equal("dotnet_thread_pool_queue_length_total", p.Runtime.ThreadPoolQueueLength); // an up-down counter, still exported with _total
        Assert.Equal(new VersionInfo("target_info", "service_version"), p.Version);
    }

    [Fact]
    public void Prometheus_net_preset_matches_what_prometheus_net_aspnetcore_writes()
    {
        var p = Presets.PrometheusNet;
        Assert.Equal(("http_request_duration_seconds", "code", "endpoint", "method"), (p.DurationMetric, p.StatusLabel, p.RouteLabel, p.MethodLabel));
        Assert.Contains(0.256m, p.Buckets);
        Assert.Equal("process_cpu_seconds_total", p.Runtime.CpuSecondsTotal);
        Assert.Equal("dotnet_collection_count_total", p.Runtime.GcCollectionsTotal);
    }

    [Theory]
    [InlineData("1", "1")]        // what OpenTelemetry's exporter writes for a whole-number bound
    [InlineData("1", "1.0")]      // what other exporters write
    [InlineData("0.25", "0.25")]
    [InlineData("0.256", "0.256")]
    public void Bucket_matcher_selects_the_bound_as_exporters_spell_it(string bound, string le)
    {
        var matcher = SliQueries.LeMatcher(decimal.Parse(bound, System.Globalization.CultureInfo.InvariantCulture));
        var matches = matcher.Op == "=" ? matcher.Value == le : Regex.IsMatch(le, "^(?:" + matcher.Value + ")$");
        Assert.True(matches, $"{matcher} does not select le=\"{le}\"");
    }

    [Fact]
    public void The_schema_offers_exactly_the_presets_and_priorities_the_model_has()
    {
        var schema = SpecSchema.Parse(SchemaValidator.SchemaText());
        var preset = schema.Property("metrics")!.Property("preset")!;
        Assert.Equal(Presets.All.Select(p => p.Name), preset.Enumeration);
        Assert.Contains($"{Presets.Default.Name} (default)", preset.Description, StringComparison.Ordinal);
        Assert.Equal(Priorities.Names, schema.Property("incidents")!.Property("paging")!.Items!.Enumeration);
    }

    [Fact]
    public void The_schema_offers_exactly_the_transports_the_model_has_and_the_one_translation_the_queries_fit_by_default()
    {
        var metrics = SpecSchema.Parse(SchemaValidator.SchemaText()).Property("metrics")!;
        Assert.Equal(Enum.GetNames<MetricsTransport>().Select(n => n.ToLowerInvariant()), metrics.Property("transport")!.Enumeration);
        Assert.Contains(MetricsConfig.OtlpTranslation, metrics.Property("otlpTranslation")!.Enumeration);
        Assert.Contains($"the names of {MetricsConfig.OtlpTranslation}, Prometheus' default", metrics.Property("otlpTranslation")!.Description, StringComparison.Ordinal);
        Assert.Contains($"OpenTelemetry's default is {MetricsConfig.DefaultPushIntervalSeconds}s", metrics.Property("pushInterval")!.Description, StringComparison.Ordinal);
        Assert.Contains($"At most {MetricsConfig.MaxPushIntervalSeconds}s", metrics.Property("pushInterval")!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_preset_has_its_wiring_checks_and_they_name_its_packages()
    {
        foreach (var preset in Presets.All)
        {
            var checks = Wiring.Metrics[preset.Name];
            Assert.NotEmpty(checks);
            Assert.Contains(checks, c => c.Packages.Contains(preset.Packages[0]));
        }

        Assert.Equal(Presets.All.Select(p => p.Name).Order(), Wiring.Metrics.Keys.Order());
    }

    [Theory]
    [InlineData("prometheus-net.AspNetCore", "prometheus-net")]
    [InlineData("Prometheus-Net", "prometheus-net")]
    [InlineData("OpenTelemetry.Exporter.Prometheus.AspNetCore", "aspnetcore-otel")]
    [InlineData("OpenTelemetry.Instrumentation.AspNetCore,prometheus-net.AspNetCore", "prometheus-net")]
    [InlineData("Serilog.AspNetCore", "aspnetcore-otel")]
    [InlineData("", "aspnetcore-otel")]
    public void A_project_gets_the_preset_whose_exporter_it_references(string packages, string preset) =>
        Assert.Equal(preset, Presets.ForPackages(packages.Split(',', StringSplitOptions.RemoveEmptyEntries)).Name);
}
