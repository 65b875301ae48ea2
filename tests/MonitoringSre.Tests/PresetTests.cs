using System.Text.RegularExpressions;
using MonitoringSre.Generation.Rules;
using MonitoringSre.Model;

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
}
