using MonitoringSre.Testing;
using System.Globalization;
using System.Text.Json;
using MonitoringSre.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>Live tests measure latency: they run alone, after the parallel tests, so no build competes for the CPU.</summary>
[CollectionDefinition("live", DisableParallelization = true)]
public sealed class LiveCollection;

/// <summary>
/// A sample service, a real Prometheus server and the generated rules and dashboards, all on 127.0.0.1: proves each
/// preset's metric names, labels and buckets match what the service really exports.
/// </summary>
[Collection("live")]
[Trait("Category", "Live")]
public sealed class LiveEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TrafficDuration = TimeSpan.FromSeconds(75);

    /// <param name="sample">OrdersApi: aspnetcore-otel preset with a checkout ratio SLI. InventoryApi: prometheus-net preset.</param>
    [Theory]
    [InlineData("OrdersApi", "orders-api")]
    [InlineData("InventoryApi", "inventory-api")]
    public async Task Sample_service_scraped_by_a_real_prometheus_matches_the_generated_rules_and_dashboards(string sample, string service)
    {
        using var project = TestProject.FromSample(nameof(Sample_service_scraped_by_a_real_prometheus_matches_the_generated_rules_and_dashboards) + "-" + sample, sample);
        project.AddPackage();
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var monitoring = project.Output("bin/Debug/net10.0/monitoring");
        var ruleFile = Path.Combine(monitoring, "alerts", service + ".rules.yml");
        var expectedGroups = File.ReadAllLines(ruleFile).Count(l => l.StartsWith("- name: ", StringComparison.Ordinal));

        var appPort = LiveProcess.FreePort();
        var promPort = LiveProcess.FreePort();
        var app = $"http://127.0.0.1:{appPort}";
        var prom = $"http://127.0.0.1:{promPort}";
        var promDir = Path.Combine(project.Root, "prometheus");
        Directory.CreateDirectory(promDir);
        File.WriteAllText(Path.Combine(promDir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {ruleFile}
            scrape_configs:
              - job_name: {service}
                static_configs:
                  - targets: ['127.0.0.1:{appPort}']
            """);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var server = LiveProcess.Start("dotnet", [project.Output($"bin/Debug/net10.0/{sample}.dll"), "--urls", app], project.Directory);
        using var prometheus = LiveProcess.Start("prometheus",
        [
            "--config.file=" + Path.Combine(promDir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(promDir, "data"),
            "--web.listen-address=127.0.0.1:" + promPort, "--web.enable-lifecycle",
        ], promDir);
        await server.WaitForHttpAsync(http, app + "/healthz", TimeSpan.FromSeconds(60));
        await prometheus.WaitForHttpAsync(http, prom + "/-/ready", TimeSpan.FromSeconds(60));

        var sent = await DriveTrafficAsync(http, app, sample);
        await Task.Delay(TimeSpan.FromSeconds(4)); // one more scrape and rule evaluation
        output.WriteLine($"sent {sent.Total} requests: {sent.Errors} 5xx ({Ratio(sent.Errors, sent.Total)}), {sent.Slow} slow ({Ratio(sent.Slow, sent.Total)}), {sent.Orders} orders, {sent.CheckoutFailures} failed checkouts");

        // Every generated group is loaded and healthy.
        using var rules = await GetJsonAsync(http, prom + "/api/v1/rules");
        var groups = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expectedGroups, groups.Count);
        foreach (var rule in groups.SelectMany(g => g.GetProperty("rules").EnumerateArray()))
        {
            var error = rule.TryGetProperty("lastError", out var e) ? e.GetString() : null;
            Assert.True(string.IsNullOrEmpty(error) && rule.GetProperty("health").GetString() == "ok", $"{rule.GetProperty("name")}: {error}");
        }

        output.WriteLine($"{groups.Count} rule groups loaded, {groups.Sum(g => g.GetProperty("rules").GetArrayLength())} rules healthy");

        Assert.Equal(1m, await ScalarAsync(http, prom, $"up{{job=\"{service}\"}}"));

        // Requests that are no user traffic (Prometheus' scrapes of /metrics, which OpenTelemetry's exporter counts and
        // prometheus-net does not, and the health checks) are in the raw metrics but not in the SLI.
        var (count, route) = sample == "OrdersApi" ? ("http_server_request_duration_seconds_count", "http_route") : ("http_request_duration_seconds_count", "endpoint");
        // Compared at the instant the recording rule was evaluated, so the three rates see the same samples.
        var (recordedTotal, at) = await SampleAsync(http, prom, $"slo:sli_total_events:rate5m{{service=\"{service}\", slo=\"availability\"}}");
        var everything = await ScalarAsync(http, prom, $"sum(rate({count}{{job=\"{service}\"}}[5m]))", at);
        var excluded = await ScalarAsync(http, prom, $"sum(rate({count}{{job=\"{service}\", {route}=~\"/metrics|/healthz\"}}[5m]))", at);
        output.WriteLine($"requests/s: {everything:0.00} in all, {excluded:0.00} of them to /metrics and /healthz; the SLI counts {recordedTotal:0.00}");
        Assert.True(excluded > 0, "no request to /metrics or /healthz was counted by the exporter");
        Assert.InRange(recordedTotal, everything!.Value - excluded!.Value - (excluded.Value / 2), everything.Value - excluded.Value + (excluded.Value / 2));
        var availability = await ScalarAsync(http, prom, $"slo:sli_error:ratio_rate5m{{service=\"{service}\", slo=\"availability\"}}");
        var latency = await ScalarAsync(http, prom, $"slo:sli_error:ratio_rate5m{{service=\"{service}\", slo=\"latency\"}}");
        output.WriteLine($"availability SLI error ratio: measured {availability:0.0000}, driven {Ratio(sent.Errors, sent.Total)}");
        output.WriteLine($"latency SLI error ratio: measured {latency:0.0000}, driven {Ratio(sent.Slow, sent.Total)}");
        Assert.InRange(availability!.Value, (decimal)sent.Errors / sent.Total - 0.02m, (decimal)sent.Errors / sent.Total + 0.02m);
        Assert.InRange(latency!.Value, (decimal)sent.Slow / sent.Total - 0.02m, (decimal)sent.Slow / sent.Total + 0.02m);
        if (sample == "OrdersApi")
        {
            var checkout = await ScalarAsync(http, prom, "slo:sli_error:ratio_rate5m{service=\"orders-api\", slo=\"checkout\"}");
            output.WriteLine($"checkout SLI error ratio: measured {checkout:0.0000}, driven {Ratio(sent.CheckoutFailures, sent.Orders)}");
            Assert.InRange(checkout!.Value, (decimal)sent.CheckoutFailures / sent.Orders - 0.02m, (decimal)sent.CheckoutFailures / sent.Orders + 0.02m);
        }

        // Every query of the overview dashboard returns data.
        var overview = DashboardQueries.Read(Path.Combine(monitoring, "dashboards", service + "-overview.json"));
        var empty = await DashboardQueries.WithoutDataAsync(http, prom, overview);
        Assert.True(empty.Count == 0, "queries without data:\n" + string.Join("\n", empty));
        output.WriteLine($"{overview.Count} overview queries returned data");

        var placed = DashboardQueries.Read(Path.Combine(monitoring, "dashboards", service + "-business.json"))
            .Select(q => q.Expr).First(e => e.Contains("rate(", StringComparison.Ordinal));
        var rate = await ScalarAsync(http, prom, placed);
        output.WriteLine($"business panel: {placed} = {rate:0.00}/s");
        Assert.True(rate > 0, $"{placed} returned {rate}");
    }

    private static string Ratio(long part, long total) => ((decimal)part / total).ToString("0.0000", CultureInfo.InvariantCulture);

    private sealed record Sent(long Total, long Errors, long Slow, long Orders, long CheckoutFailures);

    /// <summary>
    /// 10% server errors, 5% slower than the 250ms latency threshold, the rest fast; every tenth request also places an
    /// order and checks it out, and one checkout in ten fails with a 502 (which the availability SLI counts too).
    /// </summary>
    private static async Task<Sent> DriveTrafficAsync(HttpClient http, string app, string sample)
    {
        long total = 0, errors = 0, slow = 0, orders = 0, checkoutFailures = 0, next = 0;
        var until = DateTime.UtcNow + TrafficDuration;
        async Task Worker()
        {
            while (DateTime.UtcNow < until)
            {
                var i = Interlocked.Increment(ref next);
                string url;
                if (i % 20 is 0 or 1)
                {
                    url = app + "/simulate/500";
                    Interlocked.Increment(ref errors);
                }
                else if (i % 20 == 2)
                {
                    url = app + "/simulate/200?delayMs=400";
                    Interlocked.Increment(ref slow);
                }
                else
                {
                    url = app + "/simulate/200";
                }

                using (await http.GetAsync(url))
                {
                }

                Interlocked.Increment(ref total);
                if (i % 10 == 7)
                {
                    // A health check, as a load balancer makes them: not user traffic, so not counted in `total`.
                    using (await http.GetAsync(app + "/healthz"))
                    {
                    }
                }

                if (i % 10 == 5 && sample != "OrdersApi")
                {
                    using (await http.PostAsync($"{app}/reservations/book?quantity=2", null))
                    {
                    }

                    Interlocked.Increment(ref total);
                    Interlocked.Increment(ref orders);
                }
                else if (i % 10 == 5)
                {
                    using var content = new StringContent("{\"sku\":\"book\",\"quantity\":1,\"unitPriceUsd\":12.5}", System.Text.Encoding.UTF8, "application/json");
                    using var created = await http.PostAsync(app + "/orders", content);
                    using var order = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
                    var placed = Interlocked.Increment(ref orders);

                    // Every order is checked out; one checkout in ten fails (the checkout SLI's errors, a 502).
                    var fail = placed % 10 == 0;
                    using (await http.PostAsync($"{app}/orders/{order.RootElement.GetProperty("id").GetString()}/checkout?fail={(fail ? "true" : "false")}", null))
                    {
                    }

                    Interlocked.Add(ref total, 2);
                    if (fail)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.Increment(ref checkoutFailures);
                    }
                }

                await Task.Delay(5);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)));
        return new Sent(total, errors, slow, orders, checkoutFailures);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string url)
    {
        var body = await http.GetStringAsync(url);
        return JsonDocument.Parse(body);
    }


    /// <summary>The one sample of an instant query, with its timestamp (the evaluation time of a recorded series).</summary>
    private static async Task<(decimal Value, string At)> SampleAsync(HttpClient http, string prom, string expr)
    {
        using var doc = await GetJsonAsync(http, prom + "/api/v1/query?query=" + Uri.EscapeDataString(expr));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, $"{expr} returned {result.GetArrayLength()} series: {result}");
        var value = result[0].GetProperty("value");
        return (decimal.Parse(value[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture), value[0].GetRawText());
    }

    private static async Task<decimal?> ScalarAsync(HttpClient http, string prom, string expr, string? at = null)
    {
        using var doc = await GetJsonAsync(http, prom + "/api/v1/query?query=" + Uri.EscapeDataString(expr) + (at is null ? string.Empty : "&time=" + at));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, $"{expr} returned {result.GetArrayLength()} series: {result}");
        return decimal.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
