using MonitoringSre.Model;

namespace MonitoringSre.Tests;

/// <summary>
/// Where the default floor of failed events comes from, and what it costs: the derivation docs/outputs.md#low-traffic
/// gives, computed here rather than copied.
/// </summary>
public sealed class FailedEventsFloorTests
{
    /// <summary>
    /// An SLO that just meets its objective fails at random (Poisson) at the budget's rate. At λ failures expected in a
    /// tier's long window, the tier's condition needs more than its burn rate's share of them and at least the floor, so
    /// by chance it fires about (windows a year) × P(failures ≥ max(floor, ⌊factor·λ⌋ + 1)) times a year; the worst
    /// traffic is the one that maximises that.
    /// </summary>
    private static double ChanceFiringsPerYear(int floor, BurnRateTier tier)
    {
        var factor = (double)tier.Factor(30);
        var worst = 0.0;
        for (var lambda = 1e-4; lambda < 200; lambda *= 1.01)
        {
            var needed = Math.Max(floor, (int)Math.Floor(factor * lambda) + 1);
            worst = Math.Max(worst, 8760.0 * 60 / tier.LongWindowMinutes * PoissonTail(lambda, needed));
        }

        return worst;
    }

    private static double PoissonTail(double lambda, int atLeast)
    {
        double below = 0, term = Math.Exp(-lambda);
        for (var k = 0; k < atLeast; k++)
        {
            below += term;
            term *= lambda / (k + 1);
        }

        return Math.Max(0, 1 - below);
    }

    [Fact]
    public void The_default_floor_is_the_smallest_at_which_no_page_tier_fires_by_chance_once_a_year_at_any_traffic()
    {
        var pages = BurnRateTier.Standard.Where(t => t.IsPage).ToList();
        Assert.All(pages, t => Assert.True(ChanceFiringsPerYear(FailedEventsFloor.Default, t) < 1, $"{t.Id}: {ChanceFiringsPerYear(FailedEventsFloor.Default, t):0.###} a year"));
        Assert.Contains(pages, t => ChanceFiringsPerYear(FailedEventsFloor.Default - 1, t) >= 1);

        // Without a floor the 1h page fires by chance hundreds of times a year, at the traffic where one failure is enough.
        Assert.True(ChanceFiringsPerYear(1, pages[0]) > 100);
    }

    /// <summary>
    /// When a tier's burn rate is first reached, its long window holds its share of the period's budget in failed
    /// events; where that is at least the floor, the floor decides nothing. At 99.9% over 30 days that is from about
    /// 420 requests an hour for the 1h page (2% of the budget), 170 for the 6h page (5%), 84 for the tickets (10%).
    /// </summary>
    [Theory]
    [InlineData("page-fast", 417, false)]
    [InlineData("page-fast", 416, true)]
    [InlineData("page-slow", 167, false)]
    [InlineData("page-slow", 166, true)]
    [InlineData("ticket-fast", 84, false)]
    [InlineData("ticket-fast", 83, true)]
    public void The_floor_decides_only_where_a_tiers_share_of_the_budget_is_fewer_failures_than_the_floor(string tier, int requestsPerHour, bool floorDecides)
    {
        var budget = new ErrorBudget(99.9m, 30);
        var events = FailedEventsFloor.BudgetEvents(budget, requestsPerHour / 3600m);
        var atThreshold = FailedEventsFloor.AtThreshold(BurnRateTier.Standard.Single(t => t.Id == tier), events);
        Assert.Equal(floorDecides, atThreshold < FailedEventsFloor.Default);
    }
}
