using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MonitoringSre.Budget;

namespace MonitoringSre.Adapters;

/// <summary>
/// Prometheus' HTTP API (GET /api/v1/query), as a careful client: bounded time per attempt, three attempts with a
/// short backoff for what can pass (no connection, a timeout, a 5xx or 429), none for what cannot (a 4xx, a query
/// error). Credentials come from the environment, never from the repository, and never appear in a message:
/// MONITORING_PROMETHEUS_TOKEN (a bearer token) or MONITORING_PROMETHEUS_USERNAME with MONITORING_PROMETHEUS_PASSWORD.
/// https is checked against the system's trust store. A distributed Prometheus (Mimir, Cortex, Thanos' receive or a
/// gateway in front of them) learns the tenant from X-Scope-OrgID, set from MonitoringPrometheusTenant.
/// </summary>
public sealed class PrometheusHttpClient : IPrometheusQuery, IDisposable
{
    public const string TokenVariable = "MONITORING_PROMETHEUS_TOKEN";
    public const string UserVariable = "MONITORING_PROMETHEUS_USERNAME";
    public const string PasswordVariable = "MONITORING_PROMETHEUS_PASSWORD";

    /// <summary>The header Mimir, Cortex and Thanos read the tenant from.</summary>
    public const string TenantHeader = "X-Scope-OrgID";

    /// <summary>Mimir's and Cortex's limit on a tenant ID's length.</summary>
    private const int MaxTenantLength = 150;

    private const int Attempts = 3;

    private const string NotApiJson = "the answer is not Prometheus' query API JSON";

    private readonly HttpClient _http;
    private readonly Uri _query;

    public PrometheusHttpClient(Uri baseUrl, Func<string, string?> environment, TimeSpan? timeout = null, string? tenant = null)
    {
        Source = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _query = new Uri(Source + "/api/v1/query");
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (environment(TokenVariable) is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (environment(UserVariable) is { Length: > 0 } user)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + environment(PasswordVariable)));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
        }

        if (!string.IsNullOrEmpty(tenant))
        {
            _http.DefaultRequestHeaders.Add(TenantHeader, tenant);
        }
    }

    /// <summary>
    /// Why a tenant cannot be sent, or null: Mimir's rules for a tenant ID (letters, digits and !-_.*'(), at most 150
    /// characters, not "." or ".."), with several joined by | for a federated query.
    /// </summary>
    public static string? TenantProblem(string tenant)
    {
        foreach (var id in tenant.Split('|'))
        {
            if (id.Length == 0)
            {
                return "has an empty tenant" + (tenant.Contains('|', StringComparison.Ordinal) ? " between its |" : string.Empty);
            }

            if (id.Length > MaxTenantLength)
            {
                return $"has a tenant of {id.Length.ToString(CultureInfo.InvariantCulture)} characters, over the {MaxTenantLength.ToString(CultureInfo.InvariantCulture)} allowed";
            }

            if (id is "." or "..")
            {
                return $"is '{id}', which no tenant may be";
            }

            if (id.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || "!-_.*'()".Contains(c, StringComparison.Ordinal))) is var bad and not '\0')
            {
                return $"holds '{bad}', which a tenant may not";
            }
        }

        return null;
    }

    public string Source { get; }

    /// <summary>Why a MonitoringPrometheusUrl cannot be used, or null.</summary>
    public static string? Problem(string? url, out Uri? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is not set";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return $"'{url}' is not an http or https URL";
        }

        // Credentials in the URL would end up in build logs and reports.
        return parsed.UserInfo.Length > 0 ? "holds credentials" : null;
    }

    public PrometheusAnswer Query(string promql)
    {
        var uri = new Uri(_query + "?query=" + Uri.EscapeDataString(promql));
        PrometheusAnswer? last = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (attempt > 1)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(500 * (attempt - 1)));
            }

            var (answer, retry) = Once(uri);
            if (!retry)
            {
                return answer;
            }

            last = answer;
        }

        return last! with { Detail = last.Detail + $" (after {Attempts} attempts)" };
    }

    private (PrometheusAnswer Answer, bool Retry) Once(Uri uri)
    {
        HttpResponseMessage response;
        string body;
        try
        {
            response = _http.GetAsync(uri).GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException e)
        {
            return (PrometheusAnswer.Failing(PrometheusFailureKind.Unreachable, Describe(e)), true);
        }
        catch (TaskCanceledException)
        {
            return (PrometheusAnswer.Failing(PrometheusFailureKind.Unreachable, $"no answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"), true);
        }

        using (response)
        {
            var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            var parsed = Parse(body);
            if (!response.IsSuccessStatusCode)
            {
                var retry = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                // The API explains its own errors in JSON; a proxy's error page says nothing worth repeating.
                var explained = parsed.Failure is not null && parsed.Detail != NotApiJson;
                return (PrometheusAnswer.Failing(PrometheusFailureKind.Failed, explained ? $"{status}: {parsed.Detail}" : status), retry);
            }

            return (parsed.Failure is null ? parsed : parsed with { Detail = $"{status}: {parsed.Detail}" }, false);
        }
    }

    /// <summary>The values of a vector result, or why the body is none.</summary>
    private static PrometheusAnswer Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : "error";
                var error = root.TryGetProperty("error", out var m) ? m.GetString() : "no message";
                return PrometheusAnswer.Failing(PrometheusFailureKind.Failed, $"{type}: {error}");
            }

            var data = root.GetProperty("data");
            if (data.GetProperty("resultType").GetString() != "vector")
            {
                return PrometheusAnswer.Failing(PrometheusFailureKind.Failed, "the result is not an instant vector");
            }

            var values = new List<decimal>();
            foreach (var sample in data.GetProperty("result").EnumerateArray())
            {
                // NaN and infinities (0/0, no traffic) are no reading of the budget.
                var text = sample.GetProperty("value")[1].GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values.Add(value);
                }
            }

            return new PrometheusAnswer(values);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return PrometheusAnswer.Failing(PrometheusFailureKind.Failed, NotApiJson);
        }
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        System.Net.Sockets.SocketException s => s.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
            System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData => "host not found",
            System.Net.Sockets.SocketError.TimedOut => "connection timed out",
            var code => code.ToString(),
        },
        System.Security.Authentication.AuthenticationException => "the TLS handshake failed (is the server's certificate trusted by this machine?)",
        _ => e.HttpRequestError.ToString(),
    };

    public void Dispose() => _http.Dispose();
}
