using System.Globalization;
using System.Text;

namespace MonitoringSre.IntegrationTests.Support.Otlp;

/// <summary>One Prometheus sample: its labels (with __name__), sorted by name, its value and time.</summary>
internal sealed record PromSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long TimestampMs)
{
    public string Name => Labels.First(l => l.Key == "__name__").Value;
}

/// <summary>
/// What Prometheus' own OTLP receiver writes for an OTLP ExportMetricsServiceRequest, with its default translation
/// strategy, UnderscoreEscapingWithSuffixes. Written from Prometheus' sources (Apache-2.0):
/// github.com/prometheus/otlptranslator (metric_namer.go, unit_namer.go, label_namer.go, strconv.go; commit
/// 51da77392288a9e499af0900c6cde6a8d769dc34) and github.com/prometheus/prometheus
/// storage/remote/otlptranslator/prometheusremotewrite (helper.go, metrics_to_prw.go; commit
/// d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86):
/// <list type="bullet">
/// <item>a metric name is split into tokens at every character outside [a-zA-Z0-9:]; the unit's Prometheus name is
/// appended unless a token already is it (s → seconds, By → bytes, 1 → nothing; a unit in braces, {request}, is
/// dropped; a/b → a_per_b); a monotonic cumulative sum gets _total, a gauge of unit 1 gets _ratio; tokens are joined
/// with '_';</item>
/// <item>attribute names become labels with every run of other characters than [a-zA-Z0-9] as one '_' (a leading digit
/// gets key_); values are their string form;</item>
/// <item>job is service.namespace/service.name (or service.name), instance service.instance.id;</item>
/// <item>a histogram becomes _bucket series with cumulative counts and le formatted as Go's FormatFloat(b, 'f', -1),
/// le="+Inf" with the count, _count and _sum;</item>
/// <item>each resource's other attributes become target_info{job, instance, ...} = 1 at its data points' latest time;</item>
/// <item>delta temporality, exponential histograms and summaries are left out here (the .NET SDK sends none by default).</item>
/// </list>
/// </summary>
internal static class OtlpToPrometheus
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes",
        ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["Hz"] = "hertz", ["1"] = string.Empty, ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    private static readonly string[] Identifying = ["service.namespace", "service.name", "service.instance.id"];

    public static List<PromSample> Translate(ReadOnlySpan<byte> request)
    {
        var samples = new List<PromSample>();
        foreach (var resource in ProtoReader.Children(request, 1))
        {
            ResourceMetrics(resource, samples);
        }

        return samples;
    }

    private static void ResourceMetrics(ReadOnlySpan<byte> data, List<PromSample> samples)
    {
        var resource = new List<KeyValuePair<string, string>>();
        var scopes = new List<byte[]>();
        var reader = new ProtoReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    var r = new ProtoReader(reader.Bytes());
                    while (r.Next())
                    {
                        if (r.Field == 1)
                        {
                            resource.Add(KeyValue(r.Bytes()));
                        }
                        else
                        {
                            r.Skip();
                        }
                    }

                    break;
                case 2:
                    scopes.Add(reader.Bytes().ToArray());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var attributes = resource.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var job = attributes.TryGetValue("service.name", out var name) ? (attributes.TryGetValue("service.namespace", out var ns) ? ns + "/" + name : name) : null;
        var instance = attributes.GetValueOrDefault("service.instance.id");
        var before = samples.Count;
        foreach (var metric in scopes.SelectMany(scope => ProtoReader.Children(scope, 2)))
        {
            Metric(metric, job, instance, samples);
        }

        // target_info: the resource's other attributes, at the latest time any of its points was taken.
        var others = attributes.Where(a => !Identifying.Contains(a.Key)).ToList();
        if (samples.Count > before && others.Count > 0 && (job is not null || instance is not null))
        {
            var latest = samples.Skip(before).Max(s => s.TimestampMs);
            samples.Add(new PromSample(Labels("target_info", others, job, instance), 1, latest));
        }
    }

    private static void Metric(ReadOnlySpan<byte> data, string? job, string? instance, List<PromSample> samples)
    {
        string name = string.Empty, unit = string.Empty;
        byte[]? gauge = null, sum = null, histogram = null;
        var reader = new ProtoReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: name = reader.String(); break;
                case 3: unit = reader.String(); break;
                case 5: gauge = reader.Bytes().ToArray(); break;
                case 7: sum = reader.Bytes().ToArray(); break;
                case 9: histogram = reader.Bytes().ToArray(); break;
                default: reader.Skip(); break;
            }
        }

        if (gauge is not null)
        {
            Numbers(gauge, MetricName(name, unit, counter: false, gauge: true), job, instance, samples);
        }
        else if (sum is not null)
        {
            var (cumulative, monotonic) = SumKind(sum);
            if (cumulative)
            {
                Numbers(sum, MetricName(name, unit, counter: monotonic, gauge: false), job, instance, samples);
            }
        }
        else if (histogram is not null && Temporality(histogram) == 2)
        {
            Histograms(histogram, MetricName(name, unit, counter: false, gauge: false), job, instance, samples);
        }
    }

    private static (bool Cumulative, bool Monotonic) SumKind(byte[] sum)
    {
        bool cumulative = false, monotonic = false;
        var reader = new ProtoReader(sum);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 2: cumulative = reader.Varint() == 2; break;
                case 3: monotonic = reader.Varint() != 0; break;
                default: reader.Skip(); break;
            }
        }

        return (cumulative, monotonic);
    }

    private static ulong Temporality(byte[] histogram)
    {
        var reader = new ProtoReader(histogram);
        while (reader.Next())
        {
            if (reader.Field == 2)
            {
                return reader.Varint();
            }

            reader.Skip();
        }

        return 0;
    }

    private static void Numbers(byte[] data, string name, string? job, string? instance, List<PromSample> samples)
    {
        foreach (var dataPoint in ProtoReader.Children(data, 1))
        {
            var attributes = new List<KeyValuePair<string, string>>();
            double value = 0;
            long time = 0;
            var point = new ProtoReader(dataPoint);
            while (point.Next())
            {
                switch (point.Field)
                {
                    case 7: attributes.Add(KeyValue(point.Bytes())); break;
                    case 3: time = (long)(point.Fixed64() / 1_000_000); break;
                    case 4: value = point.Double(); break;
                    case 6: value = (long)point.Fixed64(); break;
                    default: point.Skip(); break;
                }
            }

            samples.Add(new PromSample(Labels(name, attributes, job, instance), value, time));
        }
    }

    private static void Histograms(byte[] data, string name, string? job, string? instance, List<PromSample> samples)
    {
        foreach (var dataPoint in ProtoReader.Children(data, 1))
        {
            var attributes = new List<KeyValuePair<string, string>>();
            ulong count = 0;
            double? total = null;
            long time = 0;
            var buckets = new List<ulong>();
            var bounds = new List<double>();
            var point = new ProtoReader(dataPoint);
            while (point.Next())
            {
                switch (point.Field)
                {
                    case 9: attributes.Add(KeyValue(point.Bytes())); break;
                    case 3: time = (long)(point.Fixed64() / 1_000_000); break;
                    case 4: count = point.Fixed64(); break;
                    case 5: total = point.Double(); break;
                    case 6: buckets.AddRange(point.Fixed64s()); break;
                    case 7: bounds.AddRange(point.Fixed64s().Select(BitConverter.UInt64BitsToDouble)); break;
                    default: point.Skip(); break;
                }
            }

            if (total is { } s)
            {
                samples.Add(new PromSample(Labels(name + "_sum", attributes, job, instance), s, time));
            }

            samples.Add(new PromSample(Labels(name + "_count", attributes, job, instance), count, time));
            ulong cumulative = 0;
            for (var i = 0; i < bounds.Count && i < buckets.Count; i++)
            {
                cumulative += buckets[i];
                var le = ((decimal)bounds[i]).ToString(CultureInfo.InvariantCulture); // as Go's FormatFloat(b, 'f', -1, 64)
                samples.Add(new PromSample(Labels(name + "_bucket", [.. attributes, new("le", le)], job, instance), cumulative, time));
            }

            samples.Add(new PromSample(Labels(name + "_bucket", [.. attributes, new("le", "+Inf")], job, instance), count, time));
        }
    }

    private static KeyValuePair<string, string> KeyValue(ReadOnlySpan<byte> data)
    {
        string key = string.Empty, value = string.Empty;
        var reader = new ProtoReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: key = reader.String(); break;
                case 2: value = AnyValue(reader.Bytes()); break;
                default: reader.Skip(); break;
            }
        }

        return new(key, value);
    }

    private static string AnyValue(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: return reader.String();
                case 2: return reader.Varint() != 0 ? "true" : "false";
                case 3: return ((long)reader.Varint()).ToString(CultureInfo.InvariantCulture);
                case 4: return ((decimal)reader.Double()).ToString(CultureInfo.InvariantCulture);
                default: reader.Skip(); break;
            }
        }

        return string.Empty;
    }

    /// <summary>The sample's labels: the data point's attributes (sanitised, colliding names joined with ';'), job, instance and __name__.</summary>
    private static List<KeyValuePair<string, string>> Labels(string name, IEnumerable<KeyValuePair<string, string>> attributes, string? job, string? instance)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var label = LabelName(key);
            labels[label] = labels.TryGetValue(label, out var existing) ? existing + ";" + value : value;
        }

        if (job is not null)
        {
            labels["job"] = job;
        }

        if (instance is not null)
        {
            labels["instance"] = instance;
        }

        labels["__name__"] = name;
        return [.. labels];
    }

    public static string MetricName(string name, string unit, bool counter, bool gauge)
    {
        var tokens = Tokens(name, c => char.IsAsciiLetterOrDigit(c) || c == ':').ToList();
        var (main, per) = UnitSuffixes(unit);
        main = CleanUnit(main);
        per = CleanUnit(per);
        if (tokens.Contains(main))
        {
            main = string.Empty;
        }

        per = per == "per_" ? string.Empty : per.TrimEnd('_');
        if (tokens.Contains(per))
        {
            per = string.Empty;
        }

        if (per.Length > 0)
        {
            main = main.TrimEnd('_');
        }

        if (main.Length > 0)
        {
            tokens.Add(main);
        }

        if (per.Length > 0)
        {
            tokens.Add(per);
        }

        if (counter)
        {
            tokens.RemoveAll(t => t == "total");
            tokens.Add("total");
        }

        if (unit == "1" && gauge)
        {
            tokens.RemoveAll(t => t == "ratio");
            tokens.Add("ratio");
        }

        var joined = string.Join("_", tokens);
        return joined.Length > 0 && char.IsAsciiDigit(joined[0]) ? "_" + joined : joined;
    }

    private static (string Main, string Per) UnitSuffixes(string unit)
    {
        var parts = unit.Split('/', 2);
        var main = parts[0].Trim();
        var mainSuffix = main.Length > 0 && main.IndexOfAny(['{', '}']) < 0 ? Units.GetValueOrDefault(main, main) : string.Empty;
        var perSuffix = string.Empty;
        if (parts.Length > 1 && parts[1].Trim() is { Length: > 0 } per && per.IndexOfAny(['{', '}']) < 0)
        {
            perSuffix = "per_" + PerUnits.GetValueOrDefault(per, per);
        }

        return (mainSuffix, perSuffix);
    }

    private static string CleanUnit(string unit)
    {
        var mapped = new string(unit.Select(c => char.IsAsciiLetterOrDigit(c) || c == ':' ? c : '_').ToArray());
        while (mapped.Contains("__", StringComparison.Ordinal))
        {
            mapped = mapped.Replace("__", "_", StringComparison.Ordinal);
        }

        return mapped.TrimStart('_');
    }

    private static string LabelName(string key)
    {
        var b = new StringBuilder(key.Length);
        var underscore = false;
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                b.Append(c);
                underscore = false;
            }
            else if (!underscore)
            {
                b.Append('_');
                underscore = true;
            }
        }

        var name = b.ToString();
        return name.Length > 0 && char.IsAsciiDigit(name[0]) ? "key_" + name : name;
    }

    private static IEnumerable<string> Tokens(string text, Func<char, bool> valid) =>
        text.Split(text.Where(c => !valid(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
}
