using System.Text;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

public sealed class InvalidSpecBuildTests
{
    [Fact]
    public void Every_problem_of_the_file_is_an_error_with_code_line_and_column_and_nothing_is_written()
    {
        using var project = TestProject.Web(nameof(Every_problem_of_the_file_is_an_error_with_code_line_and_column_and_nothing_is_written)).WithSpec("""
            service: orders-api
            perod: 30d
            slos:
              - name: Availability
                objective: 100
                sli:
                  availability: {}
              - name: latency
                objective: 99
                sli:
                  latency:
                    threshold: 300ms
              - name: latency
                objective: 99
                sli:
                  ratio:
                    errors: sum(rate(x_failed_total[5m]))
                    total: sum(rate(x_total[{{window}}]))
            """);
        project.AddPackage();

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        var spec = project.SpecFile;
        Assert.Contains($"{spec}(2,1): error MON010: Unknown key 'perod' in the top level; did you mean 'period'?", build.Output);
        Assert.Contains($"{spec}(4,11): error MON021: SLO name 'Availability' is not valid", build.Output);
        Assert.Contains($"{spec}(5,16): error MON023: Objective 100 is not between 0 and 100", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
        Assert.DoesNotContain("MSB4181", build.Output);
        Assert.DoesNotContain("   at ", build.Output);
        Assert.False(Directory.Exists(project.Output("obj/monitoring/out")), "no output may be written for an invalid spec");
        Assert.False(Directory.Exists(project.Output("bin/Debug/net10.0/monitoring")));

        Assert.Contains($"{spec}(12,20): error MON026: Latency threshold 300ms is not a bucket boundary of the aspnetcore-otel histogram", build.Output);
        Assert.Contains("Use one of the nearest boundaries, 250ms or 500ms", build.Output);
        Assert.Contains($"{spec}(13,11): error MON022: SLO name 'latency' is used twice (first at line 8)", build.Output);
        Assert.Contains($"{spec}(17,17): error MON025: The errors query does not contain {{{{window}}}}", build.Output);
    }

    /// <summary>The hostile inputs are built inside the test: xunit would otherwise serialise megabytes into test discovery.</summary>
    private static byte[] HostileInput(string name)
    {
        var aliasBomb = new StringBuilder("service: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 8; i++)
        {
            var prev = (char)('a' + i);
            var next = (char)('b' + i);
            aliasBomb.Append(next).Append(": &").Append(next).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + prev, 9))).Append("]\n");
        }

        return name switch
        {
            "malformed" => Encoding.UTF8.GetBytes("service: orders-api\nslos:\n  - name: [unclosed\n"),
            "empty" => [],
            "latin1" => Encoding.Latin1.GetBytes("service: orders-api\ndescription: caf\u00e9\n"),
            "aliasbomb" => Encoding.UTF8.GetBytes(aliasBomb.ToString()),
            "tenmegabytes" => Encoding.UTF8.GetBytes("service: x\n# " + new string('x', 10 * 1024 * 1024) + "\n"),
            "wrongtypes" => Encoding.UTF8.GetBytes("service: [1, 2]\nslos: 5\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [InlineData("malformed", "MON004")]
    [InlineData("empty", "MON005")]
    [InlineData("latin1", "MON002")]
    [InlineData("aliasbomb", "MON006")]
    [InlineData("tenmegabytes", "MON003")]
    [InlineData("wrongtypes", "MON011")]
    public void Hostile_input_is_one_coded_error_never_a_crash(string name, string code)
    {
        using var project = TestProject.Web(nameof(Hostile_input_is_one_coded_error_never_a_crash) + "-" + name).WithSpecBytes(HostileInput(name));
        project.AddPackage();

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"error {code}:", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
        Assert.DoesNotContain("MSB4181", build.Output);
        Assert.DoesNotContain("MON099", build.Output);
        Assert.DoesNotContain("   at ", build.Output);
    }

    [Fact]
    public void The_hostile_values_users_hit_are_errors_at_their_place_in_a_real_build()
    {
        using var project = TestProject.Web(nameof(The_hostile_values_users_hit_are_errors_at_their_place_in_a_real_build));
        project.AddPackage();
        var labels = string.Concat(Enumerable.Range(0, 28).Select(i => $"  k{i}: v\n"));
        foreach (var (spec, expected) in new[]
        {
            ("runbooks: javascript:alert(1)\n" + Minimal, "(1,11): error MON036: runbooks 'javascript:alert(1)' cannot become a link: 'javascript:' links are not allowed"),
            ("runbooks: \"docs/{{x}}\"\n" + Minimal, "(1,11): error MON036: runbooks 'docs/{{x}}' cannot become a link: '{' is not allowed"),
            (Minimal.Edit("objective: 99.9", "objective: {a: b"), "(4,16): error MON004: YAML syntax error: this '{' is never closed"),
            ("labels:\n" + labels + "\t  late: v\n" + Minimal, "(30,1): error MON004: YAML syntax error: a tab character in the indentation"),
        })
        {
            File.WriteAllText(project.SpecFile, spec);
            var build = project.Build();
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains(project.SpecFile + expected, build.Output);
            Assert.DoesNotContain("MON099", build.Output);
            Assert.DoesNotContain("MSB4018", build.Output);
            Assert.DoesNotContain("   at ", build.Output);
        }
    }

    private const string Minimal = "service: orders-api\nslos:\n  - name: availability\n    objective: 99.9\n    sli:\n      availability: {}\n";
}
