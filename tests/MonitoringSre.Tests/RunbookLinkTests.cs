using System.Text;
using MonitoringSre.Binding;
using MonitoringSre.Generation;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>Links that open from a pager: runbook_url absolute from the repository's web view, dashboard_url from Grafana.</summary>
public sealed class RunbookLinkTests
{
    [Theory]
    [InlineData("https://github.com/shop/orders.git", "https://github.com/shop/orders/blob/HEAD/services/orders/docs/runbooks")]
    [InlineData("git@github.com:shop/orders.git", "https://github.com/shop/orders/blob/HEAD/services/orders/docs/runbooks")]
    [InlineData("ssh://git@github.example.com/shop/orders", "https://github.example.com/shop/orders/blob/HEAD/services/orders/docs/runbooks")]
    [InlineData("https://gitlab.com/shop/platform/orders.git", "https://gitlab.com/shop/platform/orders/-/blob/HEAD/services/orders/docs/runbooks")]
    [InlineData("https://bitbucket.org/shop/orders.git", "https://bitbucket.org/shop/orders/src/HEAD/services/orders/docs/runbooks")]
    [InlineData("https://dev.azure.com/shop/Platform/_git/orders", "https://dev.azure.com/shop/Platform/_git/orders?path=/services/orders/docs/runbooks")]
    [InlineData("https://user:token@github.com/shop/orders.git", "https://github.com/shop/orders/blob/HEAD/services/orders/docs/runbooks")]
    public void The_runbooks_folder_is_linked_in_the_repositorys_web_view(string remote, string expected) =>
        Assert.Equal(expected, RunbookLinks.WebView(remote, "/src/shop", "/src/shop/services/orders", "docs/runbooks"));

    [Theory]
    [InlineData("https://git.internal.example/shop/orders.git", "/src/shop", "/src/shop/services/orders")] // a host whose web view is unknown
    [InlineData("/srv/git/orders", "/src/shop", "/src/shop/services/orders")] // a local remote
    [InlineData("https://github.com/shop/orders.git", "/src/other", "/src/shop/services/orders")] // the project is not in that repository
    public void No_web_view_is_guessed(string remote, string root, string project) =>
        Assert.Null(RunbookLinks.WebView(remote, root, project, "docs/runbooks"));

    private static Generation.Rules.AlertingRule Down(string yaml, BuildLinks links, out IReadOnlyList<string> codes)
    {
        var result = MonitoringPipeline.Run("/src/shop/services/orders/monitoring.yaml", Encoding.UTF8.GetBytes(yaml), new GenerationOptions(Links: links));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        codes = result.Diagnostics.Select(d => d.Code).ToList();
        return result.Rules!.Alerts.Single(a => a.Alert == "OrdersApiDown");
    }

    private static string Annotation(Generation.Rules.AlertingRule rule, string name) => rule.Annotations.Single(a => a.Name == name).Value;

    [Fact]
    public void A_runbook_folder_in_a_github_repository_gives_absolute_runbook_urls_and_no_warning()
    {
        var links = new BuildLinks("https://github.com/shop/orders.git", "/src/shop", "/src/shop/services/orders");
        var down = Down("runbooks: docs/runbooks\n" + SpecRun.Minimal, links, out var codes);
        Assert.Equal("https://github.com/shop/orders/blob/HEAD/services/orders/docs/runbooks/OrdersApiDown.md", Annotation(down, "runbook_url"));
        Assert.DoesNotContain("MON044", codes);
    }

    [Fact]
    public void The_build_property_wins_over_the_spec_key_which_wins_over_the_repository()
    {
        var spec = "runbooks: docs/runbooks\nlinks:\n  runbooks: https://wiki.example.org/orders/runbooks\n" + SpecRun.Minimal;
        var repository = new BuildLinks("https://github.com/shop/orders.git", "/src/shop", "/src/shop/services/orders");
        Assert.Equal("https://wiki.example.org/orders/runbooks/OrdersApiDown.md", Annotation(Down(spec, repository, out _), "runbook_url"));
        Assert.Equal("https://docs.example.org/rb/OrdersApiDown.md", Annotation(Down(spec, repository with { RunbookBaseUrl = "https://docs.example.org/rb/" }, out _), "runbook_url"));
    }

    [Fact]
    public void Without_a_web_base_the_link_stays_relative_and_a_warning_says_how_to_set_one()
    {
        var down = Down("runbooks: docs/runbooks\n" + SpecRun.Minimal, BuildLinks.None, out var codes);
        Assert.Equal("docs/runbooks/OrdersApiDown.md", Annotation(down, "runbook_url"));
        Assert.Equal(["MON044"], codes);
    }

    [Fact]
    public void A_grafana_base_gives_every_alert_a_dashboard_url()
    {
        var down = Down(SpecRun.Minimal + "\nlinks:\n  grafana: https://grafana.example.org/\n", BuildLinks.None, out _);
        Assert.Equal("https://grafana.example.org/d/orders-api-overview", Annotation(down, "dashboard_url"));
        var fromProperty = Down(SpecRun.Minimal, new BuildLinks(GrafanaUrl: "https://g.example.org"), out _);
        Assert.Equal("https://g.example.org/d/orders-api-overview", Annotation(fromProperty, "dashboard_url"));
    }

    [Theory]
    [InlineData("links:\n  runbooks: docs/runbooks\n", "MON036")]
    [InlineData("links:\n  grafana: javascript:alert(1)\n", "MON036")]
    public void Links_must_be_https(string links, string code) =>
        Assert.Contains(SpecRun.Diagnose(links + SpecRun.Minimal), d => d.Code == code && d.IsError);

    [Fact]
    public void A_link_property_that_is_not_https_is_MON045()
    {
        var result = MonitoringPipeline.Run("monitoring.yaml", Encoding.UTF8.GetBytes(SpecRun.Minimal), new GenerationOptions(Links: new BuildLinks(GrafanaUrl: "http://grafana")));
        Assert.Contains(result.Diagnostics, d => d.Code == "MON045" && d.Message.Contains("MonitoringGrafanaUrl", StringComparison.Ordinal));
        Assert.Empty(result.Files);
    }
}
