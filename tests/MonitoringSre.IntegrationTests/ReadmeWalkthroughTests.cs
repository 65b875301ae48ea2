using MonitoringSre.Testing;
using System.Text.RegularExpressions;
using MonitoringSre.IntegrationTests.Support;

namespace MonitoringSre.IntegrationTests;

/// <summary>
/// docs/getting-started.md's "Step by step" run as written: its shell blocks, in order, on a new `dotnet new webapi`
/// service with an empty package cache, the only changes being where ~/src is and which ports are free. It ends with
/// the service's SLI recorded by a real Prometheus from the generated rules. Then a teammate's clone of the service's
/// repository, with a package cache of its own, passes the gate with nothing else.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    [Fact]
    public async Task Step_by_step_works_as_written_on_a_new_service_and_in_a_teammates_clone()
    {
        var guide = File.ReadAllText(Path.Combine(Repo.Root, "docs", "getting-started.md"));
        var section = Section(guide, "## Step by step");
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 8, "the step-by-step section lost its shell blocks:\n" + section);
        var tryItOn = NewServiceCommand().Match(guide);
        Assert.True(tryItOn.Success, "the getting-started guide no longer says how to make a new service to try it on");

        using var folder = TestTemp.Folder(nameof(ReadmeWalkthroughTests));
        var root = folder.Path;
        var home = Path.Combine(root, "src");
        CopyRepository(Path.Combine(home, "MonitoringSre"));
        var port = LiveProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prometheusPort = LiveProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nodePort = LiveProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Local(string text) => text.Replace("~/src/", home + "/", StringComparison.Ordinal)
            .Replace("5080", port, StringComparison.Ordinal).Replace("9090", prometheusPort, StringComparison.Ordinal)
            .Replace("9100", nodePort, StringComparison.Ordinal);

        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages"),
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
        };
        // The trial's servers (service, node_exporter, Prometheus) outlive the script until the dashboards have been
        // asked, and no longer than the test.
        var servers = Path.Combine(root, "servers.pids");
        var script = $"set -euo pipefail\ntrap 'jobs -p > {servers}' EXIT\n"
            + Local(tryItOn.Groups[1].Value) + "\n" + string.Join("\n", blocks.Select(Local));
        ProcessResult walk;
        try
        {
            walk = ProcessRunner.Run("bash", ["-c", script], root, environment, TimeSpan.FromMinutes(12));
            Assert.True(walk.ExitCode == 0, walk.ToString());

            // Every panel of every dashboard shows data from the trial: no empty panel, no NaN.
            var dashboards = Path.Combine(home, "checkout", "CheckoutService", "bin", "Debug", "net10.0", "monitoring", "dashboards");
            var variables = new Dictionary<string, string> { ["node"] = "127.0.0.1:" + nodePort };
            var queries = Directory.GetFiles(dashboards, "*.json").Order(StringComparer.Ordinal).SelectMany(f => DashboardQueries.Read(f, variables)).ToList();
            Assert.True(queries.Count >= 40, $"only {queries.Count} dashboard queries");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var empty = await DashboardQueries.WithoutDataAsync(http, "http://127.0.0.1:" + prometheusPort, queries);
            for (var wait = 0; empty.Count > 0 && wait < 12; wait++) // a rate needs two scrapes of node_exporter
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                empty = await DashboardQueries.WithoutDataAsync(http, "http://127.0.0.1:" + prometheusPort, queries);
            }

            Assert.True(empty.Count == 0, $"{empty.Count} of {queries.Count} dashboard queries without data:\n" + string.Join("\n", empty));
        }
        finally
        {
            StopServers(servers);
        }

        Assert.Contains("MonitoringSre: checkout-service: 1 SLO -> 6 alert rules", walk.Output);
        Assert.Contains("MonitoringInit: created monitoring.schema.json", walk.Output);
        Assert.Contains("MonitoringInit: 8 created, 0 left as they were.", walk.Output);
        Assert.Contains("MonitoringSre: checkout-service: 2 SLOs -> 11 alert rules", walk.Output);
        Assert.Matches(@"Unit Testing:\s+team-availability\.test\.yml\s+SUCCESS", walk.Output);
        Assert.Matches(@"Unit Testing:\s+checkout-service\.rules\.test\.yml\s+SUCCESS", walk.Output);
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", walk.Output);
        Assert.Contains("\"temperatureC\"", walk.Output); // the template's own endpoint still answers
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_response_status_code=""200""[^}]*\} \d+", walk.Output);

        // Prometheus recorded the availability SLI from the generated rules: about one request in ten failed.
        var sli = SliValue().Match(walk.Output);
        Assert.True(sli.Success, "Prometheus recorded no availability SLI:\n" + walk.Output);
        var ratio = double.Parse(sli.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ratio, 0.07, 0.13);

        // The service's Program.cs was added to, not replaced: the template's code is all still there.
        var program = File.ReadAllText(Path.Combine(home, "checkout", "CheckoutService", "Program.cs"));
        Assert.Contains("app.MapGet(\"/weatherforecast\"", program);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(program, @"AddOpenTelemetry\(\)"));

        // What MonitoringInit wrote names nothing outside the repository: no absolute path, no package cache.
        var service = Path.Combine(home, "checkout", "CheckoutService");
        var spec = File.ReadAllText(Path.Combine(service, "monitoring.yaml"));
        Assert.StartsWith("# yaml-language-server: $schema=monitoring.schema.json\n", spec);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "schemas", "monitoring.schema.json")), File.ReadAllText(Path.Combine(service, "monitoring.schema.json")));
        foreach (var file in new[] { "monitoring.yaml", "docs/incident-response.md" }.Concat(Directory.GetFiles(Path.Combine(service, "docs", "runbooks")).Select(f => "docs/runbooks/" + Path.GetFileName(f))))
        {
            var text = File.ReadAllText(Path.Combine(service, file));
            Assert.DoesNotContain(root, text);
            Assert.DoesNotContain(".nuget", text, StringComparison.OrdinalIgnoreCase);
        }

        // Runbook links are the runbooks' web view, from the git remote the README added.
        Assert.Contains("runbook_url: https://github.com/your-org/checkout/blob/HEAD/CheckoutService/docs/runbooks/CheckoutServiceDown.md",
            File.ReadAllText(Path.Combine(service, "bin", "Debug", "net10.0", "monitoring", "alerts", "checkout-service.rules.yml")));
        Assert.DoesNotContain("warning MON", walk.Output);

        // A teammate's clone: only what was committed, and a package cache that has never seen MonitoringSre. (Cloned from
        // the folder, so its origin is set back to the repository's address, as a clone from there would have it.)
        var teammate = Path.Combine(root, "teammate");
        var clone = ProcessRunner.Run("git", ["clone", "-q", Path.Combine(home, "checkout"), teammate], root);
        Assert.True(clone.ExitCode == 0, clone.ToString());
        Assert.Equal(0, ProcessRunner.Run("git", ["remote", "set-url", "origin", "https://github.com/your-org/checkout.git"], teammate).ExitCode);
        Assert.True(File.Exists(Path.Combine(teammate, "nuget-feed", "MonitoringSre.0.1.0.nupkg")), "the folder feed was not committed");
        environment["NUGET_PACKAGES"] = Path.Combine(root, "teammate-nuget-packages");
        var gate = ProcessRunner.Run("dotnet", ["build", "-p:MonitoringGate=true"], Path.Combine(teammate, "CheckoutService"), environment);
        Assert.True(gate.ExitCode == 0, gate.ToString());
        Assert.Contains("MonitoringSre gate: 5/5 exit criteria met", gate.Output);
        Assert.True(Directory.Exists(Path.Combine(root, "teammate-nuget-packages", "monitoringsre", "0.1.0")));
    }

    private static void StopServers(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(pidFile))
        {
            if (int.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // already gone
                }
            }
        }
    }

    /// <summary>The text from a heading to the next heading of the same or a higher level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, heading + " is missing from docs/getting-started.md");
        var next = Regex.Match(markdown[(start + heading.Length + 2)..], @"^#{2,3} ", RegexOptions.Multiline);
        return next.Success ? markdown.Substring(start, heading.Length + 2 + next.Index) : markdown[start..];
    }

    /// <summary>Copies what packing needs (sources, targets, schema, README and docs), as a clone of the repository would have it.</summary>
    private static void CopyRepository(string target)
    {
        foreach (var file in Directory.GetFiles(Repo.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
            var wanted = relative is "README.md" or "Directory.Build.props" or "nuget.config"
                || relative.StartsWith("build/", StringComparison.Ordinal) || relative.StartsWith("docs/", StringComparison.Ordinal) || relative.StartsWith("schemas/", StringComparison.Ordinal)
                || relative.StartsWith("src/", StringComparison.Ordinal);
            if (wanted && !relative.Contains("/bin/", StringComparison.Ordinal) && !relative.Contains("/obj/", StringComparison.Ordinal))
            {
                var destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }

        Directory.CreateDirectory(Path.Combine(target, "artifacts", "packages")); // the repository's nuget.config names it
    }

    [GeneratedRegex(@"^```sh\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"`(dotnet new webapi -o [^`]+)`")]
    private static partial Regex NewServiceCommand();

    [GeneratedRegex(@"""__name__"":""slo:sli_error:ratio_rate5m""[^}]*""slo"":""availability""[^}]*\},""value"":\[[0-9.]+,""([0-9.eE+-]+)""\]")]
    private static partial Regex SliValue();
}
