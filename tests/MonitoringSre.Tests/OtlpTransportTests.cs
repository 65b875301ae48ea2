using MonitoringSre.Generation.Alertmanager;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// A service that pushes its metrics over OTLP has no up series and no scrape: its Down alert reads the target_info
/// every push writes, and nothing generated for it speaks of scraping.
/// </summary>
public sealed class OtlpTransportTests
{
    private static readonly string Pushed = File.ReadAllText(Repo.ContractSpec).Replace("  preset: aspnetcore-otel", "  preset: aspnetcore-otel\n  transport: otlp", StringComparison.Ordinal);

    [Fact]
    public void Nothing_generated_for_a_pushed_service_reads_up_or_speaks_of_scraping()
    {
        var result = SpecRun.Run(Pushed);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("absent_over_time(target_info{job=\"orders-api\"}[2m])", result.Rules!.Down.Expr);
        foreach (var file in result.Files)
        {
            Assert.DoesNotContain("scrape", file.Content, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("up{", file.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("'up'", file.Content, StringComparison.Ordinal);
        }

        // The same contract, scraped, does speak of it: the check above can fail.
        Assert.Contains(SpecRun.Contract().Files, f => f.Content.Contains("scrape", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_pushed_services_down_alert_still_mutes_its_other_alerts()
    {
        var pushed = SpecRun.Run(Pushed);
        var scraped = SpecRun.Run(File.ReadAllText(Repo.ContractSpec));
        Assert.Equal(scraped.FileText(".alertmanager.yml"), pushed.FileText(".alertmanager.yml"));
        Assert.Contains("alertname=\"OrdersApiDown\"", pushed.FileText(".alertmanager.yml"));
    }

    [Fact]
    public void The_runbook_and_slo_doc_say_how_long_nothing_arrived_when_down_fires()
    {
        var result = SpecRun.Run(Pushed.Replace("  transport: otlp", "  transport: otlp\n  pushInterval: 90s", StringComparison.Ordinal));
        var down = result.Rules!.Down;
        Assert.Equal("absent_over_time(target_info{job=\"orders-api\"}[3m])", down.Expr);
        Assert.Contains("no instance matching `job=\"orders-api\"` has pushed metrics over OTLP for 5 minutes (no `target_info` sample, which every push writes; the service pushes every 90 seconds)",
            result.FileText("docs/slo.md"));
        Assert.Equal("orders-api is down: nothing of job=\"orders-api\" has been pushed for 5 minutes.", down.Annotations.Single(a => a.Name == "summary").Value);
    }
}
