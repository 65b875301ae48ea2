using MonitoringSre.Adapters;

namespace MonitoringSre.Tests;

/// <summary>MonitoringPrometheusTenant is checked against Grafana Mimir's rules for a tenant ID before anything is asked.</summary>
public sealed class PrometheusTenantTests
{
    [Theory]
    [InlineData("team-orders")]
    [InlineData("Team_1.prod")]
    [InlineData("a!b*c'd(e)")]
    [InlineData("team-orders|team-payments")]
    public void A_tenant_mimir_accepts_is_sent_as_it_is(string tenant) => Assert.Null(PrometheusHttpClient.TenantProblem(tenant));

    [Theory]
    [InlineData("team/orders", "holds '/', which a tenant may not")]
    [InlineData("team orders", "holds ' ', which a tenant may not")]
    [InlineData("..", "is '..', which no tenant may be")]
    [InlineData("a||b", "has an empty tenant between its |")]
    public void A_tenant_mimir_would_refuse_says_why(string tenant, string problem) => Assert.Equal(problem, PrometheusHttpClient.TenantProblem(tenant));

    [Fact]
    public void A_tenant_over_150_characters_is_refused() =>
        Assert.Equal("has a tenant of 151 characters, over the 150 allowed", PrometheusHttpClient.TenantProblem(new string('a', 151)));
}
