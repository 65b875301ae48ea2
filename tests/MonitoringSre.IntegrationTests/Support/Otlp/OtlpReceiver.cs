using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace MonitoringSre.IntegrationTests.Support.Otlp;

/// <summary>
/// The smallest stand-in for Prometheus' OTLP receiver, which Prometheus 2.47 and later have and the Debian Prometheus
/// 2.42 on these machines does not: an OTLP/HTTP (protobuf) endpoint on 127.0.0.1 that translates each metrics export as
/// Prometheus' receiver does (<see cref="OtlpToPrometheus"/>) and writes it into a real Prometheus through its
/// remote-write receiver (--web.enable-remote-write-receiver, which 2.42 has). Pushed samples keep the times the service
/// gave them, arrive with no up series and no staleness marker, as with the real receiver. Logs and traces are
/// counted, not stored: what the test asks of them is that they arrive, correlated.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _prometheus = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _writeUrl;
    private readonly Task _loop;
    private readonly object _gate = new();

    public OtlpReceiver(int port, string prometheusUrl)
    {
        _writeUrl = prometheusUrl.TrimEnd('/') + "/api/v1/write";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{port}";
        _loop = Task.Run(LoopAsync);
    }

    public string Endpoint { get; }

    public int MetricExports { get; private set; }

    public int Samples { get; private set; }

    public int LogRecords { get; private set; }

    public int LogRecordsWithTraceId { get; private set; }

    public int Spans { get; private set; }

    /// <summary>What Prometheus answered when it refused a write, if it ever did.</summary>
    public List<string> WriteErrors { get; } = [];

    /// <summary>Every metric name written, for the test's messages.</summary>
    public SortedSet<string> MetricNames { get; } = new(StringComparer.Ordinal);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                var body = await ReadAsync(context.Request);
                switch (context.Request.Url!.AbsolutePath)
                {
                    case "/v1/metrics":
                        await WriteAsync(OtlpToPrometheus.Translate(body));
                        break;
                    case "/v1/logs":
                        CountLogs(body);
                        break;
                    case "/v1/traces":
                        CountSpans(body);
                        break;
                    default:
                        context.Response.StatusCode = 404;
                        break;
                }

                // An empty Export*ServiceResponse: full success.
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
            catch (Exception e)
            {
                // Whatever goes wrong is the test's to report (WriteErrors must stay empty), not a reason to stop listening.
                lock (_gate)
                {
                    WriteErrors.Add(context.Request.Url!.AbsolutePath + ": " + e.GetType().Name + ": " + e.Message);
                }

                context.Response.StatusCode = 500;
                context.Response.Close();
            }
        }
    }

    private static async Task<byte[]> ReadAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var input = request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream;
        await input.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>A remote-write WriteRequest of one series per sample (labels sorted by name), snappy-framed.</summary>
    private async Task WriteAsync(List<PromSample> samples)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var request = new ProtoWriter();
        foreach (var sample in samples)
        {
            var series = new ProtoWriter();
            foreach (var (name, value) in sample.Labels)
            {
                series.Message(1, new ProtoWriter().String(1, name).String(2, value));
            }

            series.Message(2, new ProtoWriter().Double(1, sample.Value).Int64(2, sample.TimestampMs));
            request.Message(1, series);
        }

        using var content = new ByteArrayContent(SnappyBlock.Literal(request.ToArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var message = new HttpRequestMessage(HttpMethod.Post, _writeUrl) { Content = content };
        message.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await _prometheus.SendAsync(message);
        var refused = response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        lock (_gate)
        {
            MetricExports++;
            Samples += samples.Count;
            MetricNames.UnionWith(samples.Select(s => s.Name));
            if (refused is not null)
            {
                WriteErrors.Add(refused);
            }
        }
    }

    /// <summary>ExportLogsServiceRequest → ResourceLogs (1) → ScopeLogs (2) → LogRecord (2), whose trace_id is field 9.</summary>
    private void CountLogs(byte[] body)
    {
        int records = 0, correlated = 0;
        foreach (var scope in ProtoReader.Nested(body, 1, 2))
        {
            foreach (var record in ProtoReader.Children(scope, 2))
            {
                records++;
                var reader = new ProtoReader(record);
                while (reader.Next())
                {
                    if (reader.Field == 9 && reader.WireType == 2)
                    {
                        if (reader.Bytes().ToArray().Any(b => b != 0))
                        {
                            correlated++;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }

        lock (_gate)
        {
            LogRecords += records;
            LogRecordsWithTraceId += correlated;
        }
    }

    /// <summary>ExportTraceServiceRequest → ResourceSpans (1) → ScopeSpans (2) → Span (2).</summary>
    private void CountSpans(byte[] body)
    {
        var spans = ProtoReader.Nested(body, 1, 2).Sum(scope => ProtoReader.Children(scope, 2).Count);
        lock (_gate)
        {
            Spans += spans;
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _prometheus.Dispose();
    }
}
