using MonitoringSre.Diagnostics;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// What a spec says ends up in pagers, chat tools, Grafana and files on disk. Each class of hostile value is an error
/// at the character to fix, with a code; whatever text is allowed reaches Prometheus as a literal.
/// </summary>
public sealed class HostileSpecTests
{
    private static Diagnostic SingleError(string yaml, string code)
    {
        var errors = SpecRun.Diagnose(yaml).Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1 && errors[0].Code == code, $"expected one {code}, got:\n{string.Join("\n", errors)}");
        return errors[0];
    }

    private static void AssertAt(Diagnostic d, int line, int column) =>
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));

    [Theory]
    [InlineData("javascript:alert(1)", "'javascript:' links are not allowed")]
    [InlineData("JavaScript:alert(document.cookie)", "'JavaScript:' links are not allowed")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "'data:' links are not allowed")]
    [InlineData("vbscript:msgbox", "'vbscript:' links are not allowed")]
    public void A_script_or_data_scheme_is_MON036_at_the_value(string link, string reason)
    {
        var d = SingleError("runbooks: " + link + "\n" + SpecRun.Minimal, "MON036");
        AssertAt(d, 1, 11);
        Assert.Contains(reason, d.Message);
    }

    [Theory]
    [InlineData("http://wiki.example.org/runbooks")]
    [InlineData("ftp://files.example.org/runbooks")]
    [InlineData("file:///etc/runbooks")]
    public void A_scheme_other_than_https_is_MON036(string link) =>
        AssertAt(SingleError("runbooks: " + link + "\n" + SpecRun.Minimal, "MON036"), 1, 11);

    [Theory]
    [InlineData("https://")]
    [InlineData("https:/runbooks.example.org")]
    [InlineData("https://user:secret@runbooks.example.org/x")]
    [InlineData("\"https://runbooks.example.org/{{ .Labels.x }}\"")]
    [InlineData("\"https://runbooks.example.org/a b\"")]
    [InlineData("'https://runbooks.example.org/<script>'")]
    public void An_https_url_without_a_host_with_credentials_or_with_characters_to_escape_is_MON036(string link) =>
        AssertAt(SingleError("runbooks: " + link + "\n" + SpecRun.Minimal, "MON036"), 1, 11);

    [Theory]
    [InlineData("../runbooks")]
    [InlineData("docs/../../runbooks")]
    [InlineData("/etc/runbooks")]
    [InlineData("//evil.example.org/runbooks")]
    [InlineData("C:\\runbooks")]
    [InlineData("c:/runbooks")]
    [InlineData("\"\\\\\\\\server\\\\share\"")]
    public void A_path_leaving_the_project_absolute_or_with_a_drive_is_MON036(string link) =>
        AssertAt(SingleError("runbooks: " + link + "\n" + SpecRun.Minimal, "MON036"), 1, 11);

    [Theory]
    [InlineData("\"docs/{{x}}\"", "'{'")]
    [InlineData("\"docs/run books\"", "white space")]
    [InlineData("\"docs/\\x01runbooks\"", "control character")]
    [InlineData("\"docs/\\u202Erunbooks\"", "'U+202E' is not allowed")]
    [InlineData("\"docs/%2e%2e/x\"", "'%'")]
    [InlineData("docs\\runbooks", "'\\'")]
    [InlineData("docs/run:books", "':'")]
    public void A_relative_path_with_control_characters_or_characters_to_escape_is_MON036(string link, string reason)
    {
        var d = SingleError("runbooks: " + link + "\n" + SpecRun.Minimal, "MON036");
        AssertAt(d, 1, 11);
        Assert.Contains(reason, d.Message);
    }

    [Theory]
    [InlineData("docs/runbooks")]
    [InlineData("./ops/run-books_v2")]
    [InlineData("https://runbooks.example.org/orders")]
    [InlineData("https://wiki.example.org/display/OPS/Runbooks?a=b&c=%20#top")]
    public void Safe_links_are_accepted(string link) =>
        Assert.DoesNotContain(SpecRun.Diagnose("runbooks: " + link + "\n" + SpecRun.Minimal), d => d.IsError);

    [Fact]
    public void An_annotation_named_like_a_link_obeys_the_link_rules_at_its_value()
    {
        var yaml = SpecRun.Minimal + "\n    alerting:\n      annotations:\n        dashboard_url: javascript:alert(1)\n";
        var d = SingleError(yaml, "MON036");
        AssertAt(d, 9, 24);
        Assert.Contains("alerting.annotations.dashboard_url", d.Message);
    }

    [Theory]
    [InlineData("\"docs/{{x}}/plan.md\"")]
    [InlineData("https://example.org/plan.md")]
    [InlineData("javascript:alert(1)")]
    public void An_incident_plan_that_is_not_a_plain_relative_path_is_MON038(string plan) =>
        AssertAt(SingleError(SpecRun.Minimal + "\nincidents:\n  plan: " + plan + "\n", "MON038"), 8, 9);

    [Fact]
    public void A_tab_in_the_indentation_is_MON004_at_the_tab()
    {
        var d = SingleError("service: orders-api\nslos:\n  - name: availability\n    objective: 99.9\n\tsli:\n      availability: {}\n", "MON004");
        AssertAt(d, 5, 1);
        Assert.Contains("tab", d.Message);
    }

    [Fact]
    public void A_tab_far_below_the_start_of_the_file_is_MON004_at_the_tab_not_at_the_top()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"  k{i}: v").ToList();
        var yaml = "service: orders-api\nlabels:\n" + string.Join("\n", lines) + "\n\t  late: v\n";
        AssertAt(SingleError(yaml, "MON004"), 33, 1);
    }

    [Theory]
    [InlineData("service: orders-api\n  team: payments\n", 2, 3, "'team' is indented more than 'service'")]
    [InlineData("service: orders-api\nslos:\n  - name: availability\n     objective: 99.9\n", 4, 6, "'objective' is indented more than 'name'")]
    public void An_over_indented_key_is_MON004_at_the_key(string yaml, int line, int column, string message)
    {
        var d = SingleError(yaml, "MON004");
        AssertAt(d, line, column);
        Assert.Contains(message, d.Message);
    }

    [Theory]
    [InlineData("service: orders-api\nlabels: [a, b\nslos: []\n", 2, 9, "'[' is never closed")]
    [InlineData("service: orders-api\nslos:\n  - name: availability\n    objective: {a: b\n    sli:\n      availability: {}\n", 4, 16, "'{' is never closed")]
    public void An_unclosed_bracket_is_MON004_at_the_bracket_not_a_crash(string yaml, int line, int column, string message)
    {
        var d = SingleError(yaml, "MON004");
        AssertAt(d, line, column);
        Assert.Contains(message, d.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_MON004_at_the_quote() =>
        AssertAt(SingleError("service: orders-api\ndescription: \"abc\nslos: []\n", "MON004"), 2, 14);

    [Fact]
    public void Lines_are_counted_as_an_editor_counts_them_whatever_line_breaks_the_file_uses()
    {
        // U+2028 is a line break to the YAML parser but not to an editor; CR alone is one to both.
        AssertAt(SingleError("description: \"a\u2028  b\"\rservice: Orders_Api\r\nslos: []\n", "MON020"), 2, 10);
        AssertAt(SingleError("description: a\u0085  b\nservice: Orders_Api\nslos: []\n", "MON020"), 2, 10);
    }

    [Theory]
    [InlineData("sum(rate(x_total[{{window}}])", "expected ')'")]
    [InlineData("rte(x_total[{{window}}])", "unknown function 'rte'")]
    [InlineData("sum(rate(x_total offset {{window}}))", "takes a range vector")]
    [InlineData("sum(rate(x_total{job=\\\"a\\\\p\\\"}[{{window}}]))", "unknown escape")]
    [InlineData("sum(rate(x_total{job=~\\\"(?=a)\\\"}[{{window}}]))", "RE2")]
    [InlineData("scalar(sum(rate(x_total[{{window}}])))", "must give an instant vector")]
    public void A_custom_query_Prometheus_would_refuse_is_MON039_at_the_query(string query, string reason)
    {
        var yaml = $"service: orders-api\nslos:\n  - name: checkout\n    objective: 99\n    sli:\n      ratio:\n        errors: \"{query}\"\n        total: sum(rate(t_total[{{{{window}}}}]))\n";
        var d = SingleError(yaml, "MON039");
        AssertAt(d, 7, 17);
        Assert.Contains(reason, d.Message);
    }
}
