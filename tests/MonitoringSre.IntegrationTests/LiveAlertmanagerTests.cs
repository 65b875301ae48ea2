using MonitoringSre.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// The sample, a real Prometheus with the generated rules and a real Alertmanager with the generated routing, on
/// 127.0.0.1, its receivers given a webhook to a listener in the test. At 20% errors one page per SLO arrives, not one
/// per tier; when the service stops, its Down page arrives and mutes its other alerts.
/// </summary>
/// <remarks>
/// Time is compressed in one place only: the rules' `for` durations (2m to 3h) are cut to seconds, so that every tier
/// fires within the test. Expressions, labels, annotations, routes, timings of Alertmanager and inhibition are as generated.
/// </remarks>
[Collection("live")]
[Trait("Category", "Live")]
public sealed partial class LiveAlertmanagerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task At_20_percent_errors_one_page_per_slo_arrives_and_down_mutes_the_rest()
    {
        using var project = TestProject.FromSample(nameof(At_20_percent_errors_one_page_per_slo_arrives_and_down_mutes_the_rest), "OrdersApi");
        project.AddPackage();
        var build = project.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        var alerts = project.Output("bin/Debug/net10.0/monitoring/alerts");
        var work = Path.Combine(project.Root, "live");
        Directory.CreateDirectory(work);

        var rules = ForInSeconds().Replace(File.ReadAllText(Path.Combine(alerts, "orders-api.rules.yml")), m => $"for: \"{Math.Min(20, 5 * Minutes(m.Groups[1].Value))}s\"");
        File.WriteAllText(Path.Combine(work, "rules.yml"), rules);

        int appPort = LiveProcess.FreePort(), promPort = LiveProcess.FreePort(), amPort = LiveProcess.FreePort(), hookPort = LiveProcess.FreePort();
        var config = File.ReadAllText(Path.Combine(alerts, "orders-api.alertmanager.yml"));
        config = Regex.Replace(config, @"^- name: (\S+)$", m => $"- name: {m.Groups[1].Value}\n  webhook_configs:\n  - url: http://127.0.0.1:{hookPort}/{m.Groups[1].Value}\n    send_resolved: false", RegexOptions.Multiline);
        File.WriteAllText(Path.Combine(work, "alertmanager.yml"), config);
        File.WriteAllText(Path.Combine(work, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [{Path.Combine(work, "rules.yml")}]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['127.0.0.1:{amPort}']
            scrape_configs:
              - job_name: orders-api
                static_configs:
                  - targets: ['127.0.0.1:{appPort}']
            """);

        var pages = new ConcurrentQueue<(DateTime At, string Receiver, JsonElement Body)>();
        using var hook = new HttpListener();
        hook.Prefixes.Add($"http://127.0.0.1:{hookPort}/");
        hook.Start();
        _ = Task.Run(async () =>
        {
            while (hook.IsListening)
            {
                try
                {
                    var context = await hook.GetContextAsync();
                    using var reader = new StreamReader(context.Request.InputStream);
                    var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                    pages.Enqueue((DateTime.UtcNow, context.Request.Url!.AbsolutePath.Trim('/'), body));
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var server = LiveProcess.Start("dotnet", [project.Output("bin/Debug/net10.0/OrdersApi.dll"), "--urls", $"http://127.0.0.1:{appPort}"], project.Directory);
        using var alertmanager = LiveProcess.Start("prometheus-alertmanager",
            ["--config.file=" + Path.Combine(work, "alertmanager.yml"), "--storage.path=" + Path.Combine(work, "am-data"),
             "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address="], work);
        using var prometheus = LiveProcess.Start("prometheus",
            ["--config.file=" + Path.Combine(work, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(work, "data"), "--web.listen-address=127.0.0.1:" + promPort], work);
        try
        {
            await server.WaitForHttpAsync(http, $"http://127.0.0.1:{appPort}/healthz", TimeSpan.FromSeconds(60));
            await alertmanager.WaitForHttpAsync(http, $"http://127.0.0.1:{amPort}/-/ready", TimeSpan.FromSeconds(60));
            await prometheus.WaitForHttpAsync(http, $"http://127.0.0.1:{promPort}/-/ready", TimeSpan.FromSeconds(60));

            // 20% errors until the availability page has arrived and every tier had the time to fire (and be muted).
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(150);
            DateTime? pageAt = null;
            var i = 0;
            while (DateTime.UtcNow < until && (pageAt is null || DateTime.UtcNow < pageAt + TimeSpan.FromSeconds(15)))
            {
                using (await http.GetAsync($"http://127.0.0.1:{appPort}/simulate/{(i++ % 5 == 0 ? 500 : 200)}"))
                {
                }

                if (pageAt is null && pages.Any(p => Slo(p.Body) == "availability"))
                {
                    pageAt = DateTime.UtcNow;
                }

                await Task.Delay(10);
            }

            var firing = await FiringAsync(http, promPort);
            output.WriteLine("firing in Prometheus: " + string.Join(", ", firing));
            Assert.Contains("OrdersApiAvailabilityBudgetBurn/1h", firing);
            Assert.Contains("OrdersApiAvailabilityBudgetBurn/6h", firing); // a slower tier fires too...
            var availabilityPages = pages.Where(p => Slo(p.Body) == "availability").ToList();
            foreach (var page in pages)
            {
                output.WriteLine($"{page.Receiver}: {Describe(page.Body)}");
            }

            // ...but one page arrives for the SLO, from its fastest tier; the slower tiers are muted, tickets included.
            var one = Assert.Single(availabilityPages);
            Assert.Equal("payments-primary", one.Receiver);
            Assert.Equal(["1h"], Alerts(one.Body).Select(a => a.GetProperty("labels").GetProperty("long_window").GetString()).Distinct());
            // This Prometheus has seen nothing but 20% errors: the period's budget is spent, and the page says so.
            Assert.EndsWith("times too fast; it is already spent.", Alerts(one.Body)[0].GetProperty("annotations").GetProperty("summary").GetString());

            // The service stops: its Down page arrives, and no page for its SLOs after it.
            var countBefore = pages.Count;
            server.Dispose();
            var downUntil = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (DateTime.UtcNow < downUntil && !pages.Any(p => Alerts(p.Body).Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "OrdersApiDown")))
            {
                await Task.Delay(500);
            }

            var down = pages.FirstOrDefault(p => Alerts(p.Body).Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "OrdersApiDown"));
            Assert.True(down.Body.ValueKind != JsonValueKind.Undefined, "no Down page arrived:\n" + alertmanager.Output);
            Assert.Equal("payments-primary", down.Receiver);
            await Task.Delay(TimeSpan.FromSeconds(35)); // longer than the group_wait of any page route (30s)
            Assert.DoesNotContain(pages.Skip(countBefore), p => p.At > down.At && Slo(p.Body) is not null);
        }
        finally
        {
            hook.Stop();
            server.Dispose();
        }
    }

    private static int Minutes(string duration) => duration[^1] switch
    {
        'm' => int.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture),
        'h' => 60 * int.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture),
        _ => 1,
    };

    private static IReadOnlyList<JsonElement> Alerts(JsonElement body) => body.GetProperty("alerts").EnumerateArray().ToList();

    private static string? Slo(JsonElement body) =>
        body.GetProperty("commonLabels").TryGetProperty("slo", out var slo) ? slo.GetString() : null;

    private static string Describe(JsonElement body) => string.Join("; ", Alerts(body).Select(a =>
    {
        var labels = a.GetProperty("labels");
        return labels.GetProperty("alertname").GetString() + (labels.TryGetProperty("long_window", out var w) ? "/" + w.GetString() : string.Empty)
            + (labels.TryGetProperty("priority", out var p) ? " " + p.GetString() : string.Empty);
    }));

    private static async Task<List<string>> FiringAsync(HttpClient http, int promPort)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{promPort}/api/v1/alerts"));
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing")
            .Select(a => a.GetProperty("labels").GetProperty("alertname").GetString() + (a.GetProperty("labels").TryGetProperty("long_window", out var w) ? "/" + w.GetString() : string.Empty))
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"for: ""(\d+[mh])""")]
    private static partial Regex ForInSeconds();
}
