using OpenTelemetry.Trace;
using Prometheus;

// A minimal service on the prometheus-net preset: prometheus-net.AspNetCore's HTTP metrics
// (http_request_duration_seconds) and its default process and .NET collectors; JSON logs with the trace context;
// OpenTelemetry traces, 5% of new traces sampled, exported over OTLP.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
    .AddAspNetCoreInstrumentation()
    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(0.05)))
    .AddOtlpExporter());

var app = builder.Build();
var reserved = Metrics.CreateCounter("inventory_items_reserved_total", "Items reserved.");

app.UseRouting();
app.UseHttpMetrics();
app.MapMetrics();   // GET /metrics
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

app.MapPost("/reservations/{sku}", (string sku, int quantity) =>
{
    reserved.Inc(Math.Max(quantity, 1));
    return Results.Ok(new { sku, quantity });
});

// Lets a test choose the outcome of a request: its status code and how long it takes.
app.MapGet("/simulate/{status:int}", async (int status, int? delayMs, CancellationToken cancel) =>
{
    if (delayMs is > 0)
    {
        await Task.Delay(Math.Min(delayMs.Value, 30_000), cancel);
    }

    return Results.StatusCode(status is >= 200 and <= 599 ? status : 400);
});

app.Run();
