using System.Diagnostics.Metrics;

namespace OrdersApi;

/// <summary>
/// The business KPIs of monitoring.yaml (metrics.business) and the counters of its checkout SLO. OpenTelemetry's
/// Prometheus exporter turns "orders.placed" into orders_placed_total.
/// </summary>
public sealed class OrdersMetrics
{
    public const string MeterName = "OrdersApi";

    public OrdersMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Placed = meter.CreateCounter<long>("orders.placed", description: "Orders accepted.");
        RevenueUsd = meter.CreateCounter<double>("orders.checkout.revenue_usd", description: "Revenue of successful checkouts, in US dollars.");
        CheckoutAttempts = meter.CreateCounter<long>("orders.checkout.attempts", description: "Checkouts started.");
        CheckoutFailed = meter.CreateCounter<long>("orders.checkout.failed", description: "Checkouts that failed.");
    }

    public Counter<long> Placed { get; }

    public Counter<double> RevenueUsd { get; }

    public Counter<long> CheckoutAttempts { get; }

    public Counter<long> CheckoutFailed { get; }
}
