using System.Text;
using MonitoringSre.Diagnostics;
using MonitoringSre.Spec;
using MonitoringSre.Tests.Support;
using static MonitoringSre.Tests.Support.DiagnosticAssert;

namespace MonitoringSre.Tests;

/// <summary>The diagnostic table, and one test per code of reading and shape (MON001–MON019): the code, its severity, and the exact line and column it points at.</summary>
public sealed class DiagnosticCodeTests
{
    [Fact]
    public void Codes_and_severities_are_stable()
    {
        var table = string.Join(" ", DiagnosticCatalog.All.Select(d => d.Code + d.Severity switch { DiagnosticSeverity.Warning => "w", DiagnosticSeverity.Info => "i", _ => "e" }));
        Assert.Equal(
            "MON001e MON002e MON003e MON004e MON005e MON006e MON007e MON008e MON010e MON011e MON012e MON013e MON014e MON015e MON016e MON019e "
            + "MON020e MON021e MON022e MON023e MON024e MON025e MON026e MON027e MON028e MON029e MON030e MON031e MON032e MON033w MON034w MON035w "
            + "MON036e MON037w MON080w MON081w MON038e MON039e MON044w MON045e MON048e MON049e MON077e MON078w MON079e MON040e MON041e MON042w MON043e MON046e MON047w MON060e MON061e MON062e MON063e MON064e MON065e MON067e MON066w MON088i MON089e MON090e MON091w MON070e MON071w MON072w MON073e MON074e MON075e MON076e MON082e MON083w MON084w MON085e MON086e MON087e MON050e MON051e MON052e MON053e MON054e MON055e MON099e",
            table);
    }

    [Fact]
    public void Non_utf8_byte_is_MON002_at_its_line_and_column()
    {
        var d = Single(SpecRun.RunBytes(Encoding.Latin1.GetBytes("service: orders-api\ndescription: caf\u00e9 au lait\n")).Diagnostics, "MON002");
        Assert.Equal((2, 17), (d.Location.Line, d.Location.Column));
        Assert.Contains("0xE9", d.Message);
    }

    [Fact]
    public void File_over_one_megabyte_is_MON003_before_parsing()
    {
        var d = Single(SpecRun.RunBytes(Encoding.UTF8.GetBytes("service: x\n#" + new string('x', 2 * 1024 * 1024))).Diagnostics, "MON003");
        Assert.Equal(0, d.Location.Line);
    }

    [Fact]
    public void Yaml_syntax_error_is_MON004_at_the_parser_position() =>
        AssertAt("service: orders-api\nslos:\n  - name: \"unclosed\n", "MON004", 3, 11);

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Empty_file_is_MON005(string yaml) => Single(SpecRun.Diagnose(yaml), "MON005");

    [Fact]
    public void Alias_bomb_is_MON006_not_an_out_of_memory()
    {
        var sb = new StringBuilder("service: x\na: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var i = 0; i < 9; i++)
        {
            sb.Append((char)('b' + i)).Append(": &").Append((char)('b' + i)).Append(" [")
              .Append(string.Join(",", Enumerable.Repeat("*" + (char)('a' + i), 10))).Append("]\n");
        }

        var d = Single(SpecRun.Diagnose(sb.ToString()), "MON006");
        Assert.True(d.Location.Line >= 2, d.ToString());
    }

    [Fact]
    public void Duplicate_key_is_MON007_at_the_second_key() =>
        AssertAt("service: a\nteam: x\nteam: y\n", "MON007", 3, 1, "first at line 2");

    [Fact]
    public void Second_document_is_MON008_at_its_marker() =>
        AssertAt("service: a\n---\nservice: b\n", "MON008", 2, 1);

    [Fact]
    public void Unknown_key_is_MON010_with_did_you_mean() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                objectve: 1
                sli:
                  availability: {}
            """, "MON010", 5, 5, "did you mean 'objective'?");

    [Fact]
    public void Wrong_type_is_MON011_at_the_value() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: high
                sli:
                  availability: {}
            """, "MON011", 4, 16, "must be a number");

    [Theory]
    [InlineData("service: orders-api\nperiod: 30\nslos: []\n", 2, 9, "'period' must be a string, such as 30d")]
    [InlineData("service: 42\nslos: []\n", 1, 10, "'service' must be a string, such as orders-api")]
    public void A_value_of_the_wrong_type_is_told_a_value_of_the_right_one(string yaml, int line, int column, string message) =>
        AssertAt(yaml, "MON011", line, column, message);

    [Fact]
    public void A_misspelt_required_key_is_one_finding_the_did_you_mean_not_also_a_missing_key()
    {
        var diagnostics = SpecRun.Diagnose("""
            service: orders-api
            slos:
              - name: latency
                objective: 99
                sli:
                  latency:
                    treshold: 250ms
            """);

        var d = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(("MON010", 7, 9), (d.Code, d.Location.Line, d.Location.Column));
        Assert.Contains("did you mean 'threshold'?", d.Message);
    }

    [Fact]
    public void Missing_required_key_is_MON012_at_its_mapping() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                sli:
                  availability: {}
            """, "MON012", 3, 5, "Required key 'objective'");

    [Fact]
    public void Unknown_preset_is_MON013_listing_the_presets() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  preset: micrometer\n", "MON013", 8, 11, "aspnetcore-otel, prometheus-net");

    [Fact]
    public void Malformed_business_metric_name_is_MON014() =>
        AssertAt(SpecRun.Minimal + "\nmetrics:\n  business:\n    - metric: orders placed\n", "MON014", 9, 15);

    [Fact]
    public void Sampling_ratio_over_one_is_MON015() =>
        AssertAt(SpecRun.Minimal + "\ntraces:\n  ratio: 2\n", "MON015", 8, 10);

    [Fact]
    public void Sli_with_two_kinds_is_MON016() =>
        AssertAt("""
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  availability: {}
                  latency: {threshold: 250ms}
            """, "MON016", 6, 7);

    [Fact]
    public void A_priority_listed_twice_in_paging_is_MON019_at_the_list() =>
        AssertAt(SpecRun.Minimal + "\nincidents:\n  paging: [P0, P0]\n", "MON019", 8, 11, "items not unique");

    [Fact]
    public void A_schema_keyword_the_validator_does_not_check_is_refused_when_the_schema_is_read()
    {
        var schema = SchemaValidator.SchemaText().EditAll("\"minLength\": 1", "\"maxLength\": 1");
        var e = Assert.Throws<InvalidOperationException>(() => SpecSchema.Parse(schema));
        Assert.Contains("maxLength", e.Message);
        Assert.NotNull(SpecSchema.Parse(SchemaValidator.SchemaText()).Property("slos")?.Items?.Property("objective"));
    }

    [Fact]
    public void Empty_team_is_MON019() =>
        AssertAt("team: ''\n" + SpecRun.Minimal, "MON019", 1, 7);
}
