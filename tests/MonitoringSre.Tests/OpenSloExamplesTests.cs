using System.Globalization;
using System.Text;
using MonitoringSre.Budget;
using MonitoringSre.Generation;
using MonitoringSre.Import;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.Tests;

/// <summary>
/// OpenSLO's own examples (tests/TestData/openslo-examples) build and pass promtool, or are refused for what they
/// are; Timeslices budgets what a hand count of bad slices says; a calendar period's budget is read since it began.
/// </summary>
public sealed class OpenSloExamplesTests(ITestOutputHelper output)
{
    private static PipelineResult Run(string file, string? text = null) =>
        MonitoringPipeline.Run(file, text is null ? File.ReadAllBytes(file) : Encoding.UTF8.GetBytes(text), new GenerationOptions(Import: ImportOptions.None));

    private static string Example(string name) => Repo.TestData("openslo-examples", name);

    [Theory]
    [InlineData("occurences-slo.yaml", "MON091 MON035 MON066")]
    [InlineData("ratio-timeslices.yaml", "MON091 MON091 MON035")]
    [InlineData("low-traffic-timeslices-slo.yaml", "MON091 MON091 MON035")]
    public void Example_builds_and_its_rules_pass_promtool(string example, string warnings)
    {
        var result = Run(Example(example));
        output.WriteLine(string.Join("\n", result.Diagnostics));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(warnings, string.Join(" ", result.Diagnostics.Select(d => d.Code)));
        AssertPromtoolAccepts(result);
    }

    [Fact]
    public void A_window_of_1m_is_refused_as_the_minute_it_is_and_1M_builds_as_a_calendar_month()
    {
        var result = Run(Example("timeslices-slo.yaml"));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("MON062", 27, 17), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains("A time window of 1m (minutes: in OpenSLO's shorthand m is minutes and M months)", error.Message);
        Assert.Contains("For a calendar month write 1M", error.Message);

        // As its comment means it: a calendar month from 2022-01-01 12:00 in New York, both objectives.
        var month = Run(Example("timeslices-slo.yaml"), File.ReadAllText(Example("timeslices-slo.yaml")).Replace("duration: 1m #", "duration: 1M #", StringComparison.Ordinal));
        Assert.True(month.Succeeded, string.Join("\n", month.Diagnostics));
        Assert.Equal(["service-availability-internal-objective", "service-availability-sla"], month.Model!.Slos.Select(s => s.Name));
        Assert.Equal([99.5m, 99m], month.Model.Slos.Select(s => s.Objective));
        Assert.Equal(30, month.Model.PeriodDays);
        Assert.Equal("calendar periods of 1 month from 2022-01-01 12:00 (America/New_York)", month.Model.Calendar!.Describe());
        Assert.Contains("calendar periods of 1 month from 2022-01-01 12:00 (America/New_York)", month.Files.Single(f => f.RelativePath == "docs/slo.md").Content);
        AssertPromtoolAccepts(month);
    }

    [Fact]
    public void A_file_without_an_slo_says_so_and_lists_what_it_holds()
    {
        var result = Run("slis.yaml", """
            apiVersion: openslo/v1
            kind: DataSource
            metadata:
              name: prometheus
            spec:
              type: Prometheus
              connectionDetails: {url: http://prometheus:9090}
            ---
            apiVersion: openslo/v1
            kind: SLI
            metadata:
              name: search-latency
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'search_fast_total'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'search_total'}}}
            ---
            apiVersion: openslo/v1
            kind: AlertPolicy
            metadata:
              name: fast-burn
            spec:
              conditions: []
            """);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("MON090", 1, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.StartsWith("The OpenSLO file holds no SLO document, only DataSource 'prometheus', SLI 'search-latency' and AlertPolicy 'fast-burn'. Add a document of kind: SLO", error.Message);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "MON012" or "MON060");
    }

    /// <summary>
    /// Twelve hours of 1-minute slices, every tenth one bad (10 of its 100 requests fail, under the 95% a good slice
    /// needs; the others lose 1 of 100). By hand: 72 of 720 slices are bad, 10%, half of the 20% of slices the 80%
    /// objective allows to be bad, so half the budget is left. The rules record that, read by the real promtool.
    /// </summary>
    [Fact]
    public void Timeslices_budget_left_is_what_a_hand_count_of_bad_slices_says()
    {
        var result = Run("checkout.openslo.yaml", """
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: checkout
            spec:
              service: shop
              indicator:
                metadata:
                  name: checkout-errors
                spec:
                  ratioMetric:
                    counter: true
                    bad: {metricSource: {type: Prometheus, spec: {query: 'checkout_requests_total{code="500"}'}}}
                    total: {metricSource: {type: Prometheus, spec: {query: 'checkout_requests_total'}}}
              timeWindow:
                - duration: 1w
                  isRolling: true
              budgetingMethod: Timeslices
              objectives:
                - displayName: Good minutes
                  target: 0.8
                  timeSliceTarget: 0.95
                  timeSliceWindow: 1m
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(80m, result.Model!.Slos.Single().Objective);

        const int minutes = 720;
        var bad = Enumerable.Range(1, minutes).Count(m => m % 10 == 3);
        var expectedLeft = 1d - ((double)bad / minutes / 0.2);
        Assert.Equal((72, 0.5), (bad, expectedLeft));

        // Counters sampled every 15s; the increments up to a minute's end are that minute's requests.
        var errors = new StringBuilder("0");
        var good = new StringBuilder("0");
        decimal e = 0, g = 0;
        for (var sample = 1; sample <= minutes * 4; sample++)
        {
            var minute = ((sample - 1) / 4) + 1;
            var failed = minute % 10 == 3 ? 2.5m : 0.25m;
            e += failed;
            g += 25m - failed;
            errors.Append(' ').Append(e.ToString(CultureInfo.InvariantCulture));
            good.Append(' ').Append(g.ToString(CultureInfo.InvariantCulture));
        }

        var rules = result.Files.Single(f => f.RelativePath == "alerts/shop.rules.yml").Content;
        var series = new Dictionary<string, IReadOnlyList<InputSeries>>
        {
            ["slices"] = [new("checkout_requests_total{code=\"500\"}", errors.ToString()), new("checkout_requests_total{code=\"200\"}", good.ToString())],
        };
        var values = RuleFiring.Values(rules, series, new Dictionary<string, string>
        {
            ["left"] = "slo:period_error_budget_remaining:ratio{slo=\"checkout\"}",
            ["share1h"] = "slo:sli_error:ratio_rate1h{slo=\"checkout\"}",
        }, interval: "15s", at: "12h", evaluation: "1m");
        output.WriteLine($"budget left {values[("slices", "left")]}, by hand {expectedLeft}; bad share over the last hour {values[("slices", "share1h")]}, by hand {6d / 60}");
        Assert.InRange(values[("slices", "left")]!.Value, expectedLeft - 0.01, expectedLeft + 0.01);
        Assert.InRange(values[("slices", "share1h")]!.Value, 0.1 - 0.005, 0.1 + 0.005);
    }

    /// <summary>
    /// A day at ten times the budget's error rate, then a calendar week begins (1970-01-02 00:00 UTC) and a day at half
    /// of it. The release gate asks for the budget since the week began, half of it left; the rolling period's would
    /// be long spent. The gate's query is evaluated by the real promtool over the rules the build wrote.
    /// </summary>
    [Fact]
    public void A_calendar_periods_budget_is_read_since_the_period_began()
    {
        var result = Run("monitoring.yaml", """
            service: shop
            period: 7d
            calendar:
              startTime: 1970-01-02 00:00:00
              timeZone: UTC
            slos:
              - name: checkout
                objective: 99.9
                sli:
                  ratio:
                    errors: sum(rate(checkout_requests_total{code="500"}[{{window}}]))
                    total: sum(rate(checkout_requests_total[{{window}}]))
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var asked = new List<string>();
        var gate = BudgetGate.Evaluate(result.Model!, new AskedQueries(asked), new BudgetGateOptions(Now: new DateTimeOffset(1970, 1, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero), gate.CalendarStart);
        var remaining = asked[0];
        Assert.Contains("[86100s]", remaining);
        Assert.Contains("since 1970-01-02 00:00 +00:00", BudgetReport.Write("shop", 7, gate).Single(f => f.RelativePath == "budget.md").Content);

        var rules = result.Files.Single(f => f.RelativePath == "alerts/shop.rules.yml").Content;
        var series = new Dictionary<string, IReadOnlyList<InputSeries>>
        {
            ["week"] = [new("checkout_requests_total{code=\"500\"}", "0+10x1440 14400.5+0.5x1439"), new("checkout_requests_total{code=\"200\"}", "0+990x1440 1426599.5+999.5x1439")],
        };
        var values = RuleFiring.Values(rules, series, new Dictionary<string, string> { ["calendar"] = remaining, ["rolling"] = "slo:period_error_budget_remaining:ratio" }, interval: "1m", at: "48h");
        output.WriteLine($"calendar week's budget left {values[("week", "calendar")]}, the rolling 7d's {values[("week", "rolling")]}");
        Assert.InRange(values[("week", "calendar")]!.Value, 0.48, 0.52);
        Assert.True(values[("week", "rolling")] < -4, "the rolling period still holds the bad day");
    }

    /// <summary>Weekly periods keep their wall-clock start across a DST change; monthly ones follow the calendar.</summary>
    [Fact]
    public void Calendar_periods_start_at_the_same_local_time_across_dst_and_months()
    {
        var york = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var weekly = new Model.CalendarPeriod(new DateTime(2022, 1, 1, 12, 0, 0), york, 7);

        // 2022-03-13 is the US change to summer time: the week that begins on Saturday 2022-03-19 starts at 12:00 EDT.
        Assert.Equal(new DateTimeOffset(2022, 3, 19, 12, 0, 0, TimeSpan.FromHours(-4)), weekly.CurrentStart(new DateTimeOffset(2022, 3, 20, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2022, 3, 12, 12, 0, 0, TimeSpan.FromHours(-5)), weekly.CurrentStart(new DateTimeOffset(2022, 3, 19, 15, 59, 0, TimeSpan.Zero)));

        var monthly = new Model.CalendarPeriod(new DateTime(2022, 1, 31, 0, 0, 0), TimeZoneInfo.Utc, 30, Months: 1);
        Assert.Equal(new DateTimeOffset(2022, 2, 28, 0, 0, 0, TimeSpan.Zero), monthly.CurrentStart(new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2022, 3, 31, 0, 0, 0, TimeSpan.Zero), monthly.CurrentStart(new DateTimeOffset(2022, 4, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2022, 2, 28, 0, 0, 0, TimeSpan.Zero), monthly.CurrentStart(new DateTimeOffset(2022, 3, 30, 23, 0, 0, TimeSpan.Zero)));
    }

    private static void AssertPromtoolAccepts(PipelineResult result)
    {
        using var dir = Promtool.Write(result.Files);
        var rules = result.Files.Single(f => f.RelativePath.StartsWith("alerts/", StringComparison.Ordinal) && f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal));
        var check = Promtool.Run(dir, "check", "rules", rules.RelativePath);
        Assert.True(check.ExitCode == 0, check.Output);
    }

    /// <summary>Records the queries the gate asks and answers each with a budget fully left: the queries are what is tested, by promtool.</summary>
    private sealed class AskedQueries(List<string> asked) : IPrometheusQuery
    {
        public string Source => "promtool";

        public PrometheusAnswer Query(string promql)
        {
            asked.Add(promql);
            return new PrometheusAnswer([1m]);
        }
    }
}
