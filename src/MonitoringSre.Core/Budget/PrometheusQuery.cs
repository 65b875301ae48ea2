namespace MonitoringSre.Budget;

/// <summary>Instant queries against a Prometheus. The build asks over HTTP; the core only sees answers.</summary>
public interface IPrometheusQuery
{
    /// <summary>Where the answers come from, as messages name it (the base URL, never credentials).</summary>
    string Source { get; }

    PrometheusAnswer Query(string promql);
}

public enum PrometheusFailureKind
{
    /// <summary>No answer at all: connection refused, name not resolved, TLS failure, timed out.</summary>
    Unreachable,

    /// <summary>An answer that is no result: an HTTP error status, a query error, a body that is not the API's JSON.</summary>
    Failed,
}

/// <summary>The values of an instant vector (empty: no data), or why there are none.</summary>
public sealed record PrometheusAnswer(IReadOnlyList<decimal> Values, PrometheusFailureKind? Failure = null, string? Detail = null)
{
    public static PrometheusAnswer Failing(PrometheusFailureKind kind, string detail) => new([], kind, detail);
}
