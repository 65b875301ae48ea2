using MonitoringSre.Gate;
using MonitoringSre.Tests.Support;

namespace MonitoringSre.Tests;

/// <summary>
/// Criterion 1's advice as one paste: on a service with no telemetry, the snippet gate.md shows, put where its comments
/// say, compiles and meets the criterion in one round, with one AddOpenTelemetry() chain.
/// </summary>
public sealed class WiringSnippetTests : IDisposable
{
    private readonly CompiledCode _code = new();

    public void Dispose() => _code.Dispose();

    /// <summary>`dotnet new webapi`'s Program.cs, as .NET 10 writes it (OpenAPI left out: the test host has no such package).</summary>
    private const string Template = """
        var builder = WebApplication.CreateBuilder(args);

        var app = builder.Build();

        app.UseHttpsRedirection();

        app.MapGet("/weatherforecast", () => Enumerable.Range(1, 5).Select(i => i * 2).ToArray()).WithName("GetWeatherForecast");

        app.Run();
        """;

    private const string Usings = """
        using System.Linq;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        """;

    /// <summary>What MonitoringInit writes for such a service.</summary>
    private const string Spec = """
        service: checkout-service
        metrics:
          preset: aspnetcore-otel
        slos:
          - name: availability
            objective: 99.9
            sli:
              availability: {}
        logs:
          format: json
          correlation: traceparent
          provider: console
        traces:
          propagation: w3c
          sampler: parentbased_traceidratio
          ratio: 0.1
          exporter: otlp
        """;

    private static readonly ProjectPackages NoPackages = new([], []);

    private GateCriterion Criterion1(string program, ProjectPackages packages) =>
        new TestGateEnvironment(CompiledCode.Evidence(_code.Program("CheckoutService" + Guid.NewGuid().ToString("N")[..6], program)), packages).Criterion1(Spec);

    [Fact]
    public void On_a_service_without_telemetry_the_snippet_pasted_once_meets_criterion_1_with_one_OpenTelemetry_chain()
    {
        var before = Criterion1(Usings + Template, NoPackages);
        Assert.False(before.Met);
        Assert.True(before.Findings.Count >= 5, before.Fix);
        var snippet = before.Snippet;
        Assert.NotNull(snippet);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(snippet, @"AddOpenTelemetry\(\)"));
        Assert.Contains("// dotnet add package OpenTelemetry.Exporter.Prometheus.AspNetCore --version 1.20.1-beta.1", snippet);
        Assert.Contains("app.MapPrometheusScrapingEndpoint();", snippet); // checked only once the exporter is there: it comes with it

        var after = Criterion1(Paste(Usings + Template, snippet), NoPackages);

        Assert.True(after.Met, "pasted once, the snippet left:\n" + after.Fix + "\n--- snippet:\n" + snippet);
    }

    [Fact]
    public void A_service_with_its_own_OpenTelemetry_setup_is_told_what_to_append_to_it()
    {
        var program = Usings + "using OpenTelemetry.Metrics;\n" + Template.Replace(
            "var builder = WebApplication.CreateBuilder(args);\n",
            "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());\n",
            StringComparison.Ordinal);

        var snippet = Criterion1(program, NoPackages).Snippet;

        Assert.NotNull(snippet);
        Assert.Contains("// appended to the AddOpenTelemetry() of ", snippet);
        Assert.Contains(".WithMetrics(metrics => metrics.AddPrometheusExporter())", snippet);
        Assert.Contains(".WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()", snippet);
        Assert.DoesNotContain("builder.Services.AddOpenTelemetry()", snippet);
    }

    /// <summary>The snippet's parts where its comments say: usings at the top, then before builder.Build(), after it.</summary>
    private static string Paste(string program, string snippet)
    {
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var current = string.Empty;
        foreach (var line in snippet.Split('\n'))
        {
            if (line.StartsWith("// ", StringComparison.Ordinal))
            {
                current = line;
                parts.TryAdd(current, []);
            }
            else if (line.Length > 0)
            {
                parts[current].Add(line);
            }
        }

        string Part(string heading) => parts.TryGetValue(heading, out var lines) ? string.Join("\n", lines) + "\n" : string.Empty;
        return Part("// at the top of the file") + program
            .Replace("var app = builder.Build();\n", Part("// before builder.Build()") + "var app = builder.Build();\n" + Part("// after var app = builder.Build();"), StringComparison.Ordinal);
    }
}
