using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringSre.Diagnostics;

namespace MonitoringSre.Tests;

/// <summary>
/// The pages a user reads hold what the code defines: the spec reference is the schema's descriptions, the diagnostics
/// page is the catalog, every relative link of README.md and docs/ opens something. Generated parts are regenerated
/// only on purpose: <c>MONITORINGSRE_UPDATE_DOCS=1</c>.
/// </summary>
public sealed partial class DocsPagesTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("MONITORINGSRE_UPDATE_DOCS") == "1";

    [Fact]
    public void The_spec_reference_lists_every_key_of_the_schema_with_its_description()
    {
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "monitoring.schema.json"))).RootElement;
        var rows = new StringBuilder("| key | takes | meaning |\n|---|---|---|\n");
        Keys(schema, schema, string.Empty, rows);
        AssertRegion("docs/spec-reference.md", "keys", rows.ToString());
    }

    [Fact]
    public void The_diagnostics_page_has_one_entry_per_code_of_the_catalog_under_the_anchor_its_help_link_names()
    {
        var page = new StringBuilder();
        foreach (var d in DiagnosticCatalog.All)
        {
            page.Append(CultureInfo.InvariantCulture, $"### {d.Code}\n\n**{d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" }}** · {Placeholders(d.Title)}\n\n")
                .Append(CultureInfo.InvariantCulture, $"{Quote(d.MessageFormat)}\n\n");
            var help = Placeholders(d.Help).Trim();
            if (help.Length > 1)
            {
                page.Append(CultureInfo.InvariantCulture, $"What to write instead: {Text(help)}\n\n");
            }
        }

        AssertRegion("docs/diagnostics.md", "diagnostics", page.ToString());
        var anchors = Headings(File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md")));
        Assert.All(DiagnosticCatalog.All, d => Assert.Contains(new Uri(DiagnosticCatalog.HelpLink(d.Code, "https://example.invalid/diagnostics.md")!).Fragment.TrimStart('#'), anchors));
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_the_docs_opens_a_file_and_its_anchor()
    {
        var pages = new[] { "README.md", "CONTRIBUTING.md", "benchmarks/README.md", "tests/TestData/README.md" }
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)));
        var dead = new List<string>();
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            var text = WithoutCode(File.ReadAllText(Path.Combine(Repo.Root, page)));
            foreach (Match link in Link().Matches(text))
            {
                var target = link.Groups[1].Value;
                if (Regex.IsMatch(target, "^[a-z]+:", RegexOptions.IgnoreCase))
                {
                    continue;
                }

                checkedLinks++;
                var parts = target.Split('#', 2);
                var file = parts[0].Length == 0 ? Path.Combine(Repo.Root, page) : Path.GetFullPath(Path.Combine(Repo.Root, Path.GetDirectoryName(page)!, parts[0]));
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    dead.Add($"{page}: {target} (no such file)");
                }
                else if (parts.Length == 2 && file.EndsWith(".md", StringComparison.Ordinal) && !Headings(File.ReadAllText(file)).Contains(parts[1]))
                {
                    dead.Add($"{page}: {target} (no heading #{parts[1]})");
                }
            }
        }

        Assert.True(checkedLinks > 30, $"only {checkedLinks} relative links found: the scan is broken");
        Assert.True(dead.Count == 0, "dead links:\n" + string.Join("\n", dead));
    }

    [Fact]
    public void The_readme_is_a_front_door_of_at_most_8_KiB()
    {
        var size = new FileInfo(Path.Combine(Repo.Root, "README.md")).Length;
        Assert.True(size <= 8192, $"README.md is {size} bytes: move the detail to a page in docs/ and link it");
    }

    private static void Keys(JsonElement root, JsonElement node, string path, StringBuilder rows)
    {
        node = Resolve(root, node);
        if (!node.TryGetProperty("properties", out var properties))
        {
            return;
        }

        var required = node.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject())
        {
            var key = path.Length == 0 ? property.Name : path + "." + property.Name;
            var value = Resolve(root, property.Value);
            var description = property.Value.TryGetProperty("description", out var d) ? d.GetString()! : value.GetProperty("description").GetString()!;
            rows.Append(CultureInfo.InvariantCulture, $"| `{key}` | {Takes(root, value)}{(required.Contains(property.Name) ? ", required" : string.Empty)} | {Cell(description)} |\n");
            if (value.TryGetProperty("items", out var items) && Resolve(root, items).TryGetProperty("properties", out _))
            {
                Keys(root, items, key + "[]", rows);
            }

            Keys(root, value, key, rows);
        }
    }

    private static string Takes(JsonElement root, JsonElement node)
    {
        if (node.TryGetProperty("enum", out var values))
        {
            return string.Join(" \\| ", values.EnumerateArray().Select(v => "`" + v.ToString() + "`"));
        }

        var type = node.TryGetProperty("type", out var t) ? (t.ValueKind == JsonValueKind.Array ? string.Join(" or ", t.EnumerateArray().Select(x => x.GetString())) : t.GetString()!) : "value";
        if (type == "array" && node.TryGetProperty("items", out var items))
        {
            var item = Resolve(root, items);
            return "list of " + (item.TryGetProperty("properties", out _) ? "mappings" : Takes(root, item));
        }

        if (type == "object" && !node.TryGetProperty("properties", out _) && node.TryGetProperty("additionalProperties", out _))
        {
            return "mapping of names to strings";
        }

        return type == "object" ? "mapping" : type;
    }

    private static JsonElement Resolve(JsonElement root, JsonElement node) =>
        node.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(root, (n, part) => n.GetProperty(part))
            : node;

    /// <summary>A composite format as a reader sees it: each argument an ellipsis, braces unescaped.</summary>
    private static string Placeholders(string format) =>
        PlaceholderPattern().Replace(format, "…").Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private static string Quote(string format)
    {
        var text = Text(Placeholders(format).TrimEnd('.'));
        return "> " + text + (text.EndsWith('…') || text.EndsWith('?') ? string.Empty : ".");
    }

    /// <summary>Markdown text in which '&lt;' outside code spans is a character, not the start of a tag.</summary>
    private static string Text(string text) =>
        string.Concat(text.Split('`').Select((part, i) => i % 2 == 1 ? "`" + part + "`" : part.Replace("<", "&lt;", StringComparison.Ordinal)));

    private static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void AssertRegion(string page, string name, string content)
    {
        var path = Path.Combine(Repo.Root, page);
        var text = File.ReadAllText(path);
        var start = $"<!-- generated: {name} -->\n";
        var end = $"<!-- end generated: {name} -->";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"{page} lost its markers {start.Trim()} … {end}");
        var current = text[(from + start.Length)..to];
        if (Update)
        {
            File.WriteAllText(path, text[..(from + start.Length)] + content + text[to..]);
            return;
        }

        var have = current.Split('\n');
        var want = content.Split('\n');
        var first = Enumerable.Range(0, Math.Min(have.Length, want.Length)).FirstOrDefault(i => have[i] != want[i], Math.Min(have.Length, want.Length));
        Assert.True(current == content,
            $"{page} ({name}) differs from what the code defines, first at line {first + 1} of the region:\n  page: {have.ElementAtOrDefault(first)}\n  code: {want.ElementAtOrDefault(first)}\n"
            + "Run MONITORINGSRE_UPDATE_DOCS=1 dotnet test tests/MonitoringSre.Tests and review the diff.");
    }

    /// <summary>The anchors a page's headings get on GitHub: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Headings(string markdown) =>
        WithoutCode(markdown).Split('\n').Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\- _]", string.Empty).Replace(' ', '-'))
            .ToHashSet();

    private static string WithoutCode(string markdown) => Regex.Replace(markdown, @"^```.*?^```", string.Empty, RegexOptions.Singleline | RegexOptions.Multiline);

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
