using System.Text;
using MonitoringSre.Spec;

namespace MonitoringSre.Tests;

public sealed class SpecLoaderTests
{
    private static SpecMapping Load(string yaml)
    {
        var (document, diagnostics) = SpecLoader.Load("m.yaml", Encoding.UTF8.GetBytes(yaml));
        Assert.Empty(diagnostics);
        return document!.Root;
    }

    [Fact]
    public void Every_node_keeps_its_line_and_column()
    {
        var root = Load("service: orders-api\nslos:\n  - name: availability\n    objective: 99.9\n");
        var slo = (SpecMapping)((SpecSequence)root["slos"]!).Items[0];
        Assert.Equal((1, 10), (root["service"]!.Location.Line, root["service"]!.Location.Column));
        Assert.Equal((3, 5), (slo.Location.Line, slo.Location.Column));
        Assert.Equal((4, 16), (slo["objective"]!.Location.Line, slo["objective"]!.Location.Column));
        Assert.Equal((4, 5), (slo.Find("objective")!.Key.Location.Line, slo.Find("objective")!.Key.Location.Column));
    }

    [Fact]
    public void A_byte_order_mark_is_accepted() =>
        Assert.Equal("x", ((SpecScalar)Load("\uFEFFservice: x\n")["service"]!).Value);

    [Fact]
    public void Aliases_share_the_anchored_node_instead_of_copying_it()
    {
        var root = Load("labels: &l {env: prod}\nmetrics:\n  extra: *l\n");
        Assert.Same(root["labels"], ((SpecMapping)root["metrics"]!)["extra"]);
    }

    [Theory]
    [InlineData("99.9", "Float")]
    [InlineData("\"99.9\"", "String")]
    [InlineData("true", "Boolean")]
    [InlineData("yes", "String")]
    [InlineData("~", "Null")]
    [InlineData("30d", "String")]
    [InlineData("0x1F", "String")]
    public void Plain_scalars_are_typed_by_yaml_1_2_and_quoted_ones_stay_strings(string text, string type)
    {
        var value = (SpecScalar)Load("v: " + text + "\n")["v"]!;
        Assert.Equal(type, ScalarValue.Of(value).Type.ToString());
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_MON006_not_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var (document, diagnostics) = SpecLoader.Load("m.yaml", Encoding.UTF8.GetBytes("service: x\nv: " + deep + "\n"));
        Assert.Null(document);
        Assert.Equal("MON006", Assert.Single(diagnostics).Code);
    }
}
