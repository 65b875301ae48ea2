using MonitoringSre.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;
using MonitoringSre.IntegrationTests.Support.Otlp;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// The ServiceDefaults service (<see cref="AspireRepository"/>) running for real and pushing OTLP (metrics every 5s,
/// logs, traces) over loopback into a real Prometheus, which evaluates the generated rules: while the service pushes
/// healthy traffic no Down or SliAbsent alert fires, at 20% errors its availability page fires, and when it stops, Down
/// fires within its `for` plus two minutes.
/// </summary>
/// <remarks>
/// Two stand-ins, as small as they can be. The Debian Prometheus here is 2.42, which has no OTLP receiver (2.47 and
/// later do): <see cref="OtlpReceiver"/> takes the service's OTLP, translates it exactly as Prometheus' receiver does
/// and writes it through Prometheus' real remote-write receiver. And, as in the Alertmanager test, the rules' `for`
/// durations are cut to seconds so every alert can fire within the test; expressions, windows, labels and the
/// receiver's timestamps are as generated and as pushed.
/// </remarks>
[Collection("live")]
[Trait("Category", "Live")]
public sealed partial class LiveOtlpTests(ITestOutputHelper output)
{
    private const int PushSeconds = 5;

    [Fact]
    public async Task A_pushed_service_is_quiet_while_healthy_pages_at_20_percent_errors_and_is_down_soon_after_it_stops()
    {
        using var repo = AspireRepository.Create(nameof(LiveOtlpTests));
        var add = repo.Bash($"""
            cd {repo.Repository}
            dotnet nuget add source {PackageFeed.Folder} --name monitoringsre --configfile nuget.config
            sed -i 's|<packageSourceMapping>|&\n    <packageSource key="monitoringsre"><package pattern="MonitoringSre" /></packageSource>|' nuget.config
            cd src/Catalog.Api
            dotnet add package MonitoringSre --version {PackageFeed.Version}
            dotnet build -t:MonitoringInit
            """, TimeSpan.FromMinutes(8));
        Assert.True(add.ExitCode == 0, add.ToString());
        File.WriteAllText(repo.SpecFile, File.ReadAllText(repo.SpecFile).Edit("  transport: otlp\n", $"  transport: otlp\n  pushInterval: {PushSeconds}s\n"));
        var build = repo.Dotnet("build");
        Assert.True(build.ExitCode == 0, build.ToString());

        var work = Path.Combine(repo.Root, "live");
        Directory.CreateDirectory(work);
        var generated = File.ReadAllText(Path.Combine(repo.Output, "monitoring", "alerts", "catalog-api.rules.yml"));
        Assert.Contains("absent_over_time(target_info{job=\"catalog-api\"}[1m])", generated); // two 5s pushes, and at least a minute
        var rules = ForInSeconds().Replace(generated, m => $"for: \"{Math.Min(20, 5 * Minutes(m.Groups[1].Value))}s\"");
        File.WriteAllText(Path.Combine(work, "rules.yml"), rules);
        var downFor = TimeSpan.FromSeconds(Math.Min(20, 5 * 2));

        int appPort = LiveProcess.FreePort(), promPort = LiveProcess.FreePort(), otlpPort = LiveProcess.FreePort();
        File.WriteAllText(Path.Combine(work, "prometheus.yml"), $"""
            global:
              evaluation_interval: 1s
            rule_files: [{Path.Combine(work, "rules.yml")}]
            """);
        var prom = $"http://127.0.0.1:{promPort}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var prometheus = LiveProcess.Start("prometheus",
            ["--config.file=" + Path.Combine(work, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(work, "data"), "--web.listen-address=127.0.0.1:" + promPort,
             "--web.enable-remote-write-receiver"], work);
        await prometheus.WaitForHttpAsync(http, prom + "/-/ready", TimeSpan.FromSeconds(60));
        using var receiver = new OtlpReceiver(otlpPort, prom);
        var service = LiveProcess.Start("dotnet", [Path.Combine(repo.Output, "Catalog.Api.dll"), "--urls", $"http://127.0.0.1:{appPort}"], repo.Service, new Dictionary<string, string?>
        {
            // What Aspire's app host gives a service, with the receiver as its OTLP endpoint.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = "catalog-api",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=catalog-api-1,service.version=1.4.2",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = (PushSeconds * 1000).ToString(CultureInfo.InvariantCulture),
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        });
        try
        {
            var app = $"http://127.0.0.1:{appPort}";
            await service.WaitForHttpAsync(http, app + "/health", TimeSpan.FromSeconds(60));
            var i = 0;
            async Task Traffic(TimeSpan time, int errorEvery)
            {
                var until = DateTime.UtcNow + time;
                while (DateTime.UtcNow < until)
                {
                    using var response = await http.GetAsync(errorEvery > 0 && i % errorEvery == 0 ? $"{app}/api/status/500" : $"{app}/api/items/{i}");
                    i++;
                    await Task.Delay(40);
                }
            }

            // Healthy traffic until both SLIs and the service's target_info are in Prometheus...
            var clock = Stopwatch.StartNew();
            while (!(await CountAsync(http, prom, "slo:sli_total_events:rate5m{service=\"catalog-api\"}") == 2 && await CountAsync(http, prom, "target_info{job=\"catalog-api\"}") >= 1))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "no SLI recorded from the pushed metrics: " + string.Join(", ", receiver.MetricNames) + "\n" + string.Join("\n", receiver.WriteErrors));
                await Traffic(TimeSpan.FromSeconds(2), errorEvery: 0);
            }

            output.WriteLine($"SLIs recorded {clock.Elapsed.TotalSeconds:0}s after the service answered; metrics pushed: {string.Join(", ", receiver.MetricNames.Take(40))}");

            // ...then 45s more of it, in which neither Down nor an SliAbsent alert may even be pending.
            await Traffic(TimeSpan.FromSeconds(3), errorEvery: 0);
            var quiet = new List<string>();
            for (var until = DateTime.UtcNow + TimeSpan.FromSeconds(45); DateTime.UtcNow < until;)
            {
                await Traffic(TimeSpan.FromSeconds(1), errorEvery: 0);
                quiet.AddRange((await AlertsAsync(http, prom)).Where(a => a.Name is "CatalogApiDown" || a.Name.EndsWith("SliAbsent", StringComparison.Ordinal)).Select(a => $"{a.Name} {a.State}"));
            }

            Assert.Empty(quiet.Distinct());

            // 20% errors: the availability SLO's fast tier pages.
            clock.Restart();
            List<(string Name, string State, string? Window)> alerts;
            do
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), "the availability page did not fire at 20% errors");
                await Traffic(TimeSpan.FromSeconds(1), errorEvery: 5);
                alerts = await AlertsAsync(http, prom);
                Assert.DoesNotContain(alerts, a => a.Name == "CatalogApiDown");
            }
            while (!alerts.Any(a => a is { Name: "CatalogApiAvailabilityBudgetBurn", State: "firing", Window: "1h" }));

            output.WriteLine($"the availability page fired {clock.Elapsed.TotalSeconds:0}s into 20% errors; firing: {string.Join(", ", alerts.Where(a => a.State == "firing").Select(a => a.Name + "/" + a.Window))}");
            Assert.True(await ValueAsync(http, prom, "slo:sli_error:ratio_rate5m{service=\"catalog-api\",slo=\"availability\"}") > 0.01);

            // The service stops: Down fires within its `for` plus two minutes.
            service.Dispose();
            clock.Restart();
            while (!(await AlertsAsync(http, prom)).Any(a => a is { Name: "CatalogApiDown", State: "firing" }))
            {
                Assert.True(clock.Elapsed < downFor + TimeSpan.FromMinutes(2), $"Down did not fire within {downFor.TotalSeconds:0}s + 2m of the service stopping");
                await Task.Delay(1000);
            }

            output.WriteLine($"Down fired {clock.Elapsed.TotalSeconds:0}s after the service stopped (its for: {downFor.TotalSeconds:0}s, its window: 1m)");
            output.WriteLine($"receiver: {receiver.MetricExports} metric exports, {receiver.Samples} samples; {receiver.LogRecords} log records, {receiver.LogRecordsWithTraceId} with a trace id; {receiver.Spans} spans");
            Assert.Empty(receiver.WriteErrors);
            Assert.True(receiver.LogRecordsWithTraceId > 0, "no pushed log record carried a trace id");
            Assert.True(receiver.Spans > 0, "no span was pushed");
            Assert.Contains("http_server_request_duration_seconds_bucket", receiver.MetricNames);
        }
        finally
        {
            service.Dispose();
            output.WriteLine(Tail(service.Output));
        }
    }

    private static async Task<JsonElement> QueryAsync(HttpClient http, string prom, string query)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"{prom}/api/v1/query?query={Uri.EscapeDataString(query)}"));
        return doc.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    private static async Task<int> CountAsync(HttpClient http, string prom, string query) => (await QueryAsync(http, prom, query)).GetArrayLength();

    private static async Task<double> ValueAsync(HttpClient http, string prom, string query)
    {
        var result = await QueryAsync(http, prom, query);
        return result.GetArrayLength() == 0 ? double.NaN : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string Name, string State, string? Window)>> AlertsAsync(HttpClient http, string prom)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"{prom}/api/v1/alerts"));
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => (a.GetProperty("labels").GetProperty("alertname").GetString()!, a.GetProperty("state").GetString()!,
                a.GetProperty("labels").TryGetProperty("long_window", out var w) ? w.GetString() : null))
            .ToList();
    }

    private static int Minutes(string duration) => duration[^1] switch
    {
        'm' => int.Parse(duration[..^1], CultureInfo.InvariantCulture),
        'h' => 60 * int.Parse(duration[..^1], CultureInfo.InvariantCulture),
        _ => 1,
    };

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    [GeneratedRegex(@"for: ""(\d+[mh])""")]
    private static partial Regex ForInSeconds();
}
