using System.Text;

namespace MonitoringSre.Benchmarks;

/// <summary>
/// A spec shaped like the contract spec (docs/monitoring.example.yaml): every section filled in, and <c>slos</c> SLOs
/// cycling through its three kinds (availability, latency, a custom ratio with its own alerting settings).
/// </summary>
public static class BenchmarkSpec
{
    public static byte[] Create(int slos)
    {
        var sb = new StringBuilder("""
            service: orders-api
            team: payments
            description: Accepts and tracks customer orders.
            period: 30d
            runbooks: docs/runbooks
            labels:
              env: production
            metrics:
              preset: aspnetcore-otel
              selector: job="orders-api"
              business:
                - metric: orders_placed_total
                  title: Orders placed
                  kind: counter
                  unit: short
            slos:

            """);
        for (var i = 0; i < slos; i++)
        {
            sb.Append((i % 3) switch
            {
                0 => $$"""
                      - name: availability-{{i}}
                        description: Requests that do not fail with a server error.
                        objective: 99.9
                        sli:
                          availability: {}

                    """,
                1 => $"""
                      - name: latency-{i}
                        description: Requests served within 250ms.
                        objective: 99
                        sli:
                          latency:
                            threshold: 250ms

                    """,
                _ => $$$"""
                      - name: checkout-{{{i}}}
                        description: Checkouts that succeed.
                        objective: 99.5
                        sli:
                          ratio:
                            errors: sum(rate(orders_checkout_failed_total{job="orders-api"}[{{window}}]))
                            total: sum(rate(orders_checkout_attempts_total{job="orders-api"}[{{window}}]))
                        alerting:
                          labels:
                            channel: "#orders-oncall"
                          annotations:
                            summary: Checkout is failing faster than its error budget allows.

                    """,
            });
        }

        sb.Append("""
            errorBudgetPolicy:
              exhausted: Freeze feature releases until the budget is positive.
              burning: Page the on-call engineer and open a P2 incident.
            logs:
              format: json
              correlation: traceparent
            traces:
              propagation: w3c
              ratio: 0.1
              exporter: otlp
            incidents:
              plan: docs/incident-response.md
              onCall: payments-primary
              escalation: [payments-primary, payments-secondary]

            """);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
