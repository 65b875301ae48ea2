using MonitoringSre.Adapters;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// The gate's runs of the real promtool: a test file that passed is not run again while it, the rules and promtool are
/// the same bytes, and anything else is.
/// </summary>
public sealed class PromtoolRunnerTests
{
    [Fact]
    public void A_passed_test_file_is_run_again_only_when_it_or_the_rules_change_and_a_failed_one_always()
    {
        var files = SpecRun.Run(SpecRun.Minimal).Files;
        var rules = files.Where(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal)).ToList();
        var generated = files.Single(f => f.RelativePath.EndsWith(".rules.test.yml", StringComparison.Ordinal));
        (string, string) Test(string content) => (Path.GetFileName(generated.RelativePath), content);
        using var folder = TestTemp.Folder("promtool-runner");
        var work = Path.Combine(folder, "promtool");

        IReadOnlyList<Gate.PromtoolRun> RunOnce((string, string) test)
        {
            // As the gate keeps them: what one evaluation's runner leaves, the next one's finds.
            var runner = new PromtoolRunner(Promtool.Path, work);
            var runs = runner.Run(rules, [test]);
            Output.OutputWriter.Sync(work, runner.WorkingFiles);
            Reused = runner.Reused;
            return runs;
        }

        var first = RunOnce(Test(generated.Content));
        Assert.True(first.Single().Passed, first.Single().Output);
        Assert.Equal(0, Reused);

        var again = RunOnce(Test(generated.Content));
        Assert.Equal(1, Reused);
        Assert.Equal(first.Single(), again.Single()); // what promtool printed, as it printed it

        // Other rules: run again, and a rule that fires late fails the test.
        rules = [new Generation.GeneratedFile(rules[0].RelativePath, rules[0].Content.Replace("for: \"2m\"", "for: \"20m\"", StringComparison.Ordinal))];
        var changed = RunOnce(Test(generated.Content));
        Assert.Equal(0, Reused);
        Assert.False(changed.Single().Passed);

        // A failure is never taken as known: it runs every time.
        RunOnce(Test(generated.Content));
        Assert.Equal(0, Reused);
    }

    private int Reused { get; set; }
}
