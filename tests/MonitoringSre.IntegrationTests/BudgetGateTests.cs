using MonitoringSre.Testing;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// The release gate against a real Prometheus on 127.0.0.1, holding the series the generated rules record (backfilled
/// with promtool tsdb create-blocks-from openmetrics): one service with budget left, one that has spent it, one that
/// burns fast, one the rules were never deployed for; and a server that answers 500, and a port nobody listens on.
/// </summary>
[Trait("Category", "Live")]
public sealed class BudgetGateTests
{
    private const string Secret = "s3cr3t-token-never-logged";

    private static string Spec(string service) => $"""
        service: {service}
        slos:
          - name: availability
            description: Requests that do not fail.
            objective: 99.9
            sli:
              availability: {'{'}{'}'}
        errorBudgetPolicy:
          exhausted: Freeze feature releases until the budget is positive; only fixes ship.
          burning: Page the on-call engineer.
        """;

    [Fact]
    public async Task Releases_pass_on_budget_left_freeze_on_a_spent_one_pass_overridden_and_fail_closed_when_prometheus_cannot_say()
    {
        using var project = TestProject.Web(nameof(Releases_pass_on_budget_left_freeze_on_a_spent_one_pass_overridden_and_fail_closed_when_prometheus_cannot_say))
            .WithEnvironment("MONITORING_PROMETHEUS_TOKEN", Secret);
        foreach (var service in new[] { "healthy-api", "spent-api", "burning-api", "undeployed-api" })
        {
            File.WriteAllText(project.Output(service + ".yaml"), Spec(service));
        }

        project.AddPackage();
        var prom = await StartPrometheusAsync(project.Root);
        using var prometheus = prom.Process;
        ProcessResult Gate(string service, string url, params string[] extra) =>
            project.Build(["-p:MonitoringSpecFile=" + service + ".yaml", "-p:MonitoringBudgetGate=true", "-p:MonitoringPrometheusUrl=" + url, .. extra]);
        var report = project.Output("bin/Debug/net10.0/monitoring/budget.json");

        // 42% of the budget left, burning at half the allowed rate: the release goes.
        var healthy = Gate("healthy-api", prom.Url);
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Has(healthy, "MonitoringSre budget gate: healthy-api: release allowed (1/1 SLOs within budget)");
        Has(healthy, project.Output("healthy-api.yaml") + $"(3,5): warning MON080: SLO 'availability': at 10/h events (measured by {prom.Url} over the last 30d) its 30d error budget of 99.9% is 7.2 failed events");
        using (var json = JsonDocument.Parse(File.ReadAllText(report)))
        {
            var slo = json.RootElement.GetProperty("slos")[0];
            Assert.Equal(("availability", 0.42m, "release"), (slo.GetProperty("slo").GetString(), slo.GetProperty("budgetRemaining").GetDecimal(), slo.GetProperty("decision").GetString()));
            Assert.Equal(0.5m, slo.GetProperty("burnRate").GetDecimal());
            Assert.Equal("slo:period_error_budget_remaining:ratio{service=\"healthy-api\", slo=\"availability\"}", slo.GetProperty("remainingQuery").GetString());
        }

        // 15% overspent and burning at 20x: frozen, with the SLO, the budget left, the period and the policy.
        var spent = Gate("spent-api", prom.Url);
        Assert.NotEqual(0, spent.ExitCode);
        Has(spent, project.Output("spent-api.yaml") + "(3,5): error MON070: SLO 'availability' has -15% of its 30-day error budget left, at or below the freeze at 0%: Freeze feature releases until the budget is positive; only fixes ship.");
        Has(spent, "MonitoringSre budget gate: spent-api: release blocked (1 of 1 SLOs frozen)");
        Assert.Contains("\"decision\": \"frozen\"", File.ReadAllText(report));

        // 30% left but burning at 10x over 6h, above the 6x that pages at 30 days: the release goes, with a warning.
        var burning = Gate("burning-api", prom.Url);
        Assert.True(burning.ExitCode == 0, burning.ToString());
        Has(burning, project.Output("burning-api.yaml") + "(3,5): warning MON071: SLO 'availability' burns its error budget at 10x over the last 6h, above the 6x its policy allows: Page the on-call engineer.");
        Assert.DoesNotContain("MON080", burning.Output); // 100 requests a second: the burn rate decides
        Assert.Contains("\"decision\": \"release (burning)\"", File.ReadAllText(report));

        // A fix goes through the frozen budget, and says why.
        var overridden = Gate("spent-api", prom.Url, "-p:MonitoringBudgetOverride=Hotfix for INC-42: null reference in checkout");
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Has(overridden, "warning MON072: SLO 'availability' has -15% of its error budget left and releases are frozen; this one goes out under MonitoringBudgetOverride: \"Hotfix for INC-42: null reference in checkout\"");
        using (var json = JsonDocument.Parse(File.ReadAllText(report)))
        {
            Assert.Equal("Hotfix for INC-42: null reference in checkout", json.RootElement.GetProperty("override").GetString());
            Assert.Equal("overridden", json.RootElement.GetProperty("slos")[0].GetProperty("decision").GetString());
        }

        Assert.Contains("**Override:** Hotfix for INC-42", File.ReadAllText(project.Output("bin/Debug/net10.0/monitoring/budget.md")));

        // The rules were never deployed for this service: which recording rule is missing.
        var undeployed = Gate("undeployed-api", prom.Url);
        Assert.NotEqual(0, undeployed.ExitCode);
        Has(undeployed, $"error MON075: Prometheus at {prom.Url} has no slo:period_error_budget_remaining:ratio for SLO 'availability'. Deploy the recording rules of undeployed-api (the generated alerts/undeployed-api.rules.yml)");

        // Nobody listens: fail closed, or warn when told to fail open.
        var nowhere = $"http://127.0.0.1:{LiveProcess.FreePort()}";
        var unreachable = Gate("healthy-api", nowhere);
        Assert.NotEqual(0, unreachable.ExitCode);
        Has(unreachable, $"error MON073: The release gate could not reach Prometheus at {nowhere}: connection refused (after 3 attempts)");
        var failOpen = Gate("healthy-api", nowhere, "-p:MonitoringBudgetFailOpen=true");
        Assert.True(failOpen.ExitCode == 0, failOpen.ToString());
        Has(failOpen, "warning MON073:");

        // Mimir's query path, /prometheus, refuses a query without a tenant; with MonitoringPrometheusTenant it answers.
        using var mimir = new TenantGateway(prom.Url, "team-orders");
        var noTenant = Gate("healthy-api", mimir.Url + "/prometheus");
        Assert.NotEqual(0, noTenant.ExitCode);
        Has(noTenant, $"error MON074: Prometheus at {mimir.Url}/prometheus did not answer the budget query: HTTP 401 Unauthorized");
        var tenant = Gate("healthy-api", mimir.Url + "/prometheus", "-p:MonitoringPrometheusTenant=team-orders");
        Assert.True(tenant.ExitCode == 0, tenant.ToString());
        Has(tenant, "MonitoringSre budget gate: healthy-api: release allowed (1/1 SLOs within budget)");
        Assert.Equal(("team-orders", "Bearer " + Secret), (mimir.Tenant, mimir.Authorization));

        // A server that answers 500: its own code, after retrying; the token was sent and is in no log.
        using var broken = new FailingServer();
        var error = Gate("healthy-api", broken.Url);
        Assert.NotEqual(0, error.ExitCode);
        Has(error, $"error MON074: Prometheus at {broken.Url} did not answer the budget query: HTTP 500 Internal Server Error (after 3 attempts)");
        Assert.Equal(3, broken.Requests);
        Assert.Equal("Bearer " + Secret, broken.Authorization);

        // Basic auth, when there is no token: user and password from the environment, the password in no log either.
        project.WithEnvironment("MONITORING_PROMETHEUS_TOKEN", null)
            .WithEnvironment("MONITORING_PROMETHEUS_USERNAME", "release-bot")
            .WithEnvironment("MONITORING_PROMETHEUS_PASSWORD", Secret);
        var basic = Gate("healthy-api", broken.Url);
        Assert.NotEqual(0, basic.ExitCode);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("release-bot:" + Secret)), broken.Authorization);

        foreach (var build in new[] { healthy, spent, burning, overridden, undeployed, unreachable, failOpen, noTenant, tenant, error, basic })
        {
            Assert.DoesNotContain(Secret, build.Output);
        }

        Assert.DoesNotContain(Secret, File.ReadAllText(report));
    }

    private static void Has(ProcessResult build, string text) => Assert.True(build.Output.Contains(text, StringComparison.Ordinal), $"missing: {text}\n{build}");

    /// <summary>Prometheus holding 10 minutes of the recorded series of healthy-api, spent-api and burning-api, up to now (their budget, 6h ratio and traffic).</summary>
    private static async Task<(LiveProcess Process, string Url)> StartPrometheusAsync(string root)
    {
        var dir = Path.Combine(root, "prometheus");
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var metrics = new StringBuilder();
        // Blocks need the samples of one metric together: each metric once, both services under it.
        metrics.Append("# TYPE slo:period_error_budget_remaining:ratio gauge\n");
        AppendSamples(metrics, "slo:period_error_budget_remaining:ratio", [("healthy-api", 0.42m), ("spent-api", -0.15m), ("burning-api", 0.3m)], now);
        metrics.Append("# TYPE slo:sli_error:ratio_rate6h gauge\n");
        AppendSamples(metrics, "slo:sli_error:ratio_rate6h", [("healthy-api", 0.0005m), ("spent-api", 0.02m), ("burning-api", 0.01m)], now);
        // What each service served: healthy-api 10 requests an hour, too few for its pages to follow the burn rate.
        metrics.Append("# TYPE slo:sli_total_events:rate5m gauge\n");
        AppendSamples(metrics, "slo:sli_total_events:rate5m", [("healthy-api", 10m / 3600m), ("spent-api", 100m), ("burning-api", 100m)], now);
        metrics.Append("# EOF\n");
        var openMetrics = Path.Combine(dir, "series.om");
        File.WriteAllText(openMetrics, metrics.ToString());
        var blocks = Promtool.CreateBlocks(openMetrics, Path.Combine(dir, "data"));
        Assert.True(blocks.ExitCode == 0, blocks.ToString());

        var port = LiveProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        File.WriteAllText(Path.Combine(dir, "prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        var process = LiveProcess.Start("prometheus",
        [
            "--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            "--web.listen-address=127.0.0.1:" + port,
        ], dir);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await process.WaitForHttpAsync(http, url + "/-/ready", TimeSpan.FromSeconds(60));
        return (process, url);
    }

    private static void AppendSamples(StringBuilder metrics, string name, (string Service, decimal Value)[] series, long now)
    {
        foreach (var (service, value) in series)
        {
            for (var t = now - 600; t < now; t += 15)
            {
                metrics.Append(CultureInfo.InvariantCulture, $"{name}{{service=\"{service}\",slo=\"availability\"}} {value} {t}\n");
            }
        }
    }

    /// <summary>An HTTP server on 127.0.0.1 that answers each request with what <paramref name="answer"/> gives.</summary>
    private sealed class LocalServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public LocalServer(Func<HttpListenerContext, Task<(int Status, string Body)>> answer)
        {
            Url = $"http://127.0.0.1:{LiveProcess.FreePort()}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var context = await _listener.GetContextAsync();
                        var (status, body) = await answer(context);
                        context.Response.StatusCode = status;
                        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Url { get; }

        public void Dispose() => _listener.Close();
    }

    /// <summary>
    /// In front of the real Prometheus, what Grafana Mimir's gateway does with a query (Mimir itself cannot run here):
    /// without X-Scope-OrgID, or with another tenant, 401 "no org id"; with it, the query goes to Prometheus under
    /// /prometheus, Mimir's prefix for its Prometheus API.
    /// </summary>
    private sealed class TenantGateway : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
        private readonly LocalServer _server;

        public TenantGateway(string prometheus, string tenant) => _server = new LocalServer(async context =>
        {
            Tenant = context.Request.Headers["X-Scope-OrgID"];
            Authorization = context.Request.Headers["Authorization"];
            var path = context.Request.RawUrl ?? "/";
            if (Tenant != tenant || !path.StartsWith("/prometheus/api/v1/", StringComparison.Ordinal))
            {
                return (401, "no org id");
            }

            using var response = await _http.GetAsync(prometheus + path["/prometheus".Length..]);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        });

        public string Url => _server.Url;

        public string? Tenant { get; private set; }

        public string? Authorization { get; private set; }

        public void Dispose()
        {
            _server.Dispose();
            _http.Dispose();
        }
    }

    /// <summary>An HTTP server on 127.0.0.1 that answers every request with 500, and remembers what it was sent.</summary>
    private sealed class FailingServer : IDisposable
    {
        private readonly LocalServer _server;

        public FailingServer() => _server = new LocalServer(context =>
        {
            Requests++;
            Authorization = context.Request.Headers["Authorization"];
            return Task.FromResult((500, string.Empty));
        });

        public string Url => _server.Url;

        public int Requests { get; private set; }

        public string? Authorization { get; private set; }

        public void Dispose() => _server.Dispose();
    }
}
