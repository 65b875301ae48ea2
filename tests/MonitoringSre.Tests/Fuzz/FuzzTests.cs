using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Globalization;
using CsCheck;
using MonitoringSre.Generation.Yaml;
using YamlDotNet.RepresentationModel;
using MonitoringSre.Diagnostics;
using MonitoringSre.Generation;
using MonitoringSre.Pipeline;
using MonitoringSre.Tests.Support;
using Xunit.Abstractions;

namespace MonitoringSre.Tests.Fuzz;

/// <summary>
/// Thousands of specs through the whole core, each checked against what must hold for any input: no exception, no
/// MON099, every diagnostic coded and placed inside the file, nothing generated when there is an error, and when there
/// is none the same bytes twice and rules that promtool accepts (a sample of them). A failure prints CsCheck's seed and
/// the shrunk spec; `FuzzTests.Seed` replays one.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    public const int SchemaCases = 6_000;
    public const int MutatedCases = 6_000;
    private const int PromtoolSample = 150;

    /// <summary>Set to a seed CsCheck printed to replay that case alone.</summary>
    private const string? Seed = null;

    private static readonly HashSet<string> KnownCodes = DiagnosticCatalog.All.Select(d => d.Code).ToHashSet();

    /// <summary>Diagnostics about the file as a whole, which name no line.</summary>
    private static readonly HashSet<string> WholeFileCodes = ["MON003", "MON005", "MON035"];

    [Fact]
    public void Specs_shaped_by_the_schema_never_crash_the_core_and_valid_ones_build_the_same_rules_twice()
    {
        var stats = new Stats();
        var sample = new ConcurrentQueue<GeneratedFile>();
        Check.Sample(SchemaSpecGen.Spec, spec => Invariants(spec, stats, sample), seed: Seed, iter: SchemaCases, print: Show);
        Report("schema-shaped", stats);
        Assert.True(stats.Valid > SchemaCases / 10, $"only {stats.Valid} of {SchemaCases} generated specs were valid: the generator has drifted from the schema");
        Assert.Equal(0, stats.SyntaxErrors); // the emitter must always write YAML its own loader reads
        AssertPromtoolAccepts(sample);
    }

    [Fact]
    public void Mutated_real_specs_never_crash_the_core_and_report_every_problem_inside_the_file()
    {
        var stats = new Stats();
        var sample = new ConcurrentQueue<GeneratedFile>();
        Check.Sample(MutatedSpecGen.Cases, c => Invariants(MutatedSpecGen.Apply(c.Seed, c.Mutations), stats, sample),
            seed: Seed, iter: MutatedCases, print: c => Show(MutatedSpecGen.Apply(c.Seed, c.Mutations)));
        Report("mutated", stats);
        Assert.True(stats.Invalid > MutatedCases / 10, "almost no mutation made a spec invalid: the mutations have stopped biting");
        AssertPromtoolAccepts(sample);
    }

    [Fact]
    public void Any_text_the_yaml_writer_is_given_reads_back_unchanged()
    {
        var text = Gen.Frequency((3, SchemaSpecGen.Text), (1, Gen.String), (1, Gen.Char.Array[0, 12].Select(c => new string(c))));
        Check.Sample(text, value =>
        {
            // The same text as a key and as a value, in a block mapping and in a flow one.
            var yaml = YamlText.Write(new YMapBuilder().Set("k", value).Set("nested", new YMapBuilder().Set(value, value).Build()).Set("flow", new YMapBuilder().Set(value, value).Build(flow: true)).Build());
            var read = new YamlStream();
            read.Load(new StringReader(yaml));
            var expected = WellFormed(value);
            var root = (YamlMappingNode)read.Documents[0].RootNode;
            Assert.Equal(expected, ((YamlScalarNode)root.Children[new YamlScalarNode("k")]).Value);
            foreach (var name in new[] { "nested", "flow" })
            {
                var (key, item) = ((YamlMappingNode)root.Children[new YamlScalarNode(name)]).Children.Single();
                Assert.Equal(expected, ((YamlScalarNode)key).Value);
                Assert.Equal(expected, ((YamlScalarNode)item).Value);
            }
        }, seed: Seed, iter: 20_000, print: v => string.Join(",", v.Select(c => ((int)c).ToString("x4", CultureInfo.InvariantCulture))));
    }

    /// <summary>What the writer makes of half a surrogate pair: U+FFFD, as any UTF-8 encoder would.</summary>
    private static string WellFormed(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));

    private static void Invariants(byte[] spec, Stats stats, ConcurrentQueue<GeneratedFile> sample)
    {
        var result = MonitoringPipeline.Run(SpecRun.File, spec, new GenerationOptions());
        var lines = Lines(spec);
        foreach (var d in result.Diagnostics)
        {
            Assert.True(KnownCodes.Contains(d.Code), "unknown code " + d);
            Assert.NotEqual("MON099", d.Code);
            Assert.Equal(SpecRun.File, d.Location.File);
            if (d.Location.Line == 0)
            {
                Assert.True(WholeFileCodes.Contains(d.Code), "no line for " + d);
            }
            else
            {
                Assert.True(d.Location.Line >= 1 && d.Location.Line <= lines.Length, $"{d}\nis not on one of the {lines.Length} lines");
                Assert.True(d.Location.Column >= 1 && d.Location.Column <= lines[d.Location.Line - 1] + 1, $"{d}\nis past the end of its line ({lines[d.Location.Line - 1]} characters)");
            }
        }

        if (result.Diagnostics.Any(d => d.IsError))
        {
            Assert.Empty(result.Files);
            stats.Count(valid: false, syntax: result.Diagnostics.Any(d => d.Code == "MON004"));
            return;
        }

        Assert.True(result.Succeeded);
        var again = MonitoringPipeline.Run(SpecRun.File, spec, new GenerationOptions());
        Assert.Equal(result.Files, again.Files);
        var rules = result.Files.Single(f => f.RelativePath.EndsWith(".rules.yml", StringComparison.Ordinal));
        if (sample.Count < PromtoolSample)
        {
            sample.Enqueue(rules);
        }

        stats.Count(valid: true, syntax: false);
    }

    /// <summary>The length in characters of each line, as an editor counts columns.</summary>
    private static int[] Lines(byte[] spec)
    {
        var text = new UTF8Encoding(false, false).GetString(spec);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        return System.Text.RegularExpressions.Regex.Split(text, "\r\n|\r|\n").Select(l => l.Length).ToArray();
    }

    private void AssertPromtoolAccepts(ConcurrentQueue<GeneratedFile> sample)
    {
        using var dir = TestTemp.Folder("fuzz");
        var files = sample.Select((f, i) => (Path: Path.Combine(dir, $"rules-{i}.yml"), f.Content)).ToList();
        foreach (var (path, content) in files)
        {
            File.WriteAllText(path, content);
        }

        var (exit, text) = Promtool.Run(dir, ["check", "rules", .. files.Select(f => f.Path)]);
        output.WriteLine($"promtool check rules on {files.Count} generated rule files: exit {exit}");
        Assert.True(exit == 0, text);
        Assert.True(files.Count >= Math.Min(50, PromtoolSample), $"only {files.Count} valid specs to check with promtool");
    }

    private void Report(string kind, Stats stats) =>
        output.WriteLine($"{kind}: {stats.Valid + stats.Invalid} specs, {stats.Valid} valid, {stats.Invalid} with errors ({stats.SyntaxErrors} YAML syntax), {stats.Elapsed.TotalSeconds:0.0} s");

    private static string Show(byte[] spec) => "\n" + new UTF8Encoding(false, false).GetString(spec);

    private sealed class Stats
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int _valid;
        private int _invalid;
        private int _syntax;

        public int Valid => _valid;

        public int Invalid => _invalid;

        public int SyntaxErrors => _syntax;

        public TimeSpan Elapsed => _watch.Elapsed;

        public void Count(bool valid, bool syntax)
        {
            Interlocked.Increment(ref valid ? ref _valid : ref _invalid);
            if (syntax)
            {
                Interlocked.Increment(ref _syntax);
            }
        }
    }
}
