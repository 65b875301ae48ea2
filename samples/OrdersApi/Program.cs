using System.Collections.Concurrent;
using System.Reflection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrdersApi;

var builder = WebApplication.CreateBuilder(args);
var version = Assembly.GetExecutingAssembly().GetName().Version?.ToString(3) ?? "0.0.0";

// logs: format json, correlation traceparent — one JSON object per line with the W3C trace and span ids.
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(options =>
{
    options.IncludeScopes = true;
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});
builder.Logging.Configure(options =>
    options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

// traces: propagation w3c (the .NET default), sampler parentbased_traceidratio with ratio 0.1, exporter otlp.
var samplingRatio = builder.Configuration.GetValue("Tracing:Ratio", 0.1);
builder.Services.AddSingleton<OrdersMetrics>();
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("orders-api", serviceVersion: version))
    .WithMetrics(metrics => metrics
        .AddAspNetCoreInstrumentation()      // http.server.request.duration: the aspnetcore-otel preset's SLIs
        .AddMeter("System.Runtime")          // .NET runtime metrics for the infrastructure dashboard
        .AddMeter(OrdersMetrics.MeterName)   // business KPIs
        .AddPrometheusExporter())
    .WithTracing(tracing =>
    {
        tracing.AddAspNetCoreInstrumentation()
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(samplingRatio)));
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            tracing.AddOtlpExporter();
        }
    });

var app = builder.Build();
var orders = new ConcurrentDictionary<Guid, Order>();

app.MapPrometheusScrapingEndpoint();   // GET /metrics
app.MapGet("/healthz", () => Results.Ok(new { status = "ok", version }));

app.MapPost("/orders", (OrderRequest request, OrdersMetrics metrics, ILogger<Program> log) =>
{
    if (request.Quantity <= 0)
    {
        return Results.BadRequest(new { error = "quantity must be positive" });
    }

    var order = new Order(Guid.NewGuid(), request.Sku, request.Quantity, request.UnitPriceUsd, DateTimeOffset.UtcNow);
    orders[order.Id] = order;
    metrics.Placed.Add(1);
    log.LogInformation("Order {OrderId} placed for {Quantity} x {Sku}", order.Id, order.Quantity, order.Sku);
    return Results.Created($"/orders/{order.Id}", order);
});

app.MapGet("/orders/{id:guid}", (Guid id) => orders.TryGetValue(id, out var order) ? Results.Ok(order) : Results.NotFound());

app.MapPost("/orders/{id:guid}/checkout", (Guid id, OrdersMetrics metrics, ILogger<Program> log, bool fail = false) =>
{
    metrics.CheckoutAttempts.Add(1);
    if (fail || !orders.TryGetValue(id, out var order))
    {
        metrics.CheckoutFailed.Add(1);
        log.LogWarning("Checkout of order {OrderId} failed", id);
        return Results.Problem("checkout failed", statusCode: StatusCodes.Status502BadGateway);
    }

    metrics.RevenueUsd.Add((double)(order.Quantity * order.UnitPriceUsd));
    return Results.Ok(new { order.Id, status = "paid" });
});

// Lets a test (or a person) choose the outcome of a request: its status code and how long it takes.
app.MapGet("/simulate/{status:int}", async (int status, int? delayMs, CancellationToken cancel) =>
{
    if (delayMs is > 0)
    {
        await Task.Delay(Math.Min(delayMs.Value, 30_000), cancel);
    }

    return Results.StatusCode(status is >= 200 and <= 599 ? status : 400);
});

app.Run();

internal sealed record OrderRequest(string Sku, int Quantity, decimal UnitPriceUsd);

internal sealed record Order(Guid Id, string Sku, int Quantity, decimal UnitPriceUsd, DateTimeOffset PlacedAt);
