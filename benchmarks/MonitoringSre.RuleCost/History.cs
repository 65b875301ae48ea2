using System.Globalization;
using System.Text;

namespace MonitoringSre.RuleCost;

/// <summary>
/// Raw request counters as Sloth's golden input reads them (http_request_duration_seconds_count{job="myservice",code}),
/// one sample a minute, in OpenMetrics files of one 2h block each: promtool 2.42 reads its whole input once per 2h
/// block it writes, so one file of three days at 10,000 series would be read 37 times over.
/// </summary>
internal static class History
{
    private const int Step = 60;
    private const int Block = 7200;

    /// <summary>A quarter of the series per code; the 5xx and 429 ones are the errors of Sloth's SLIs.</summary>
    private static readonly (string Code, int PerMinute)[] Codes = [("200", 600), ("404", 20), ("500", 2), ("429", 1)];

    public static int Write(string folder, int series, long from, long to)
    {
        Directory.CreateDirectory(folder);
        var labels = new string[series];
        for (var i = 0; i < series; i++)
        {
            labels[i] = string.Create(CultureInfo.InvariantCulture,
                $"http_request_duration_seconds_count{{job=\"myservice\",code=\"{Codes[i % 4].Code}\",handler=\"/r{i / 40}\",instance=\"i{i / 4 % 10}\"}} ");
        }

        from -= from % Step;
        var files = 0;
        for (var start = from - from % Block; start < to; start += Block)
        {
            var first = Math.Max(start, from);
            var last = Math.Min(start + Block - Step, to);
            using var writer = new StreamWriter(Path.Combine(folder, start.ToString(CultureInfo.InvariantCulture) + ".om"), false, new UTF8Encoding(false), 1 << 20);
            for (var i = 0; i < series; i++)
            {
                for (var t = first; t <= last; t += Step)
                {
                    writer.Write(labels[i]);
                    writer.Write(Count(i, (t - from) / Step).ToString(CultureInfo.InvariantCulture));
                    writer.Write(' ');
                    writer.Write(t.ToString(CultureInfo.InvariantCulture));
                    writer.Write('\n');
                }
            }

            writer.Write("# EOF\n");
            files++;
        }

        Console.WriteLine($"{series} series, {(to - from) / Step + 1} samples each, in {files} files");
        return 0;
    }

    /// <summary>
    /// The counter of series <paramref name="i"/> after <paramref name="minute"/> minutes: its code's rate a minute,
    /// give or take a half, from a hash so that every run writes the same history and a file can start anywhere.
    /// </summary>
    private static long Count(int i, long minute)
    {
        var perMinute = Codes[i % 4].PerMinute;
        // The mean of perMinute + (h mod perMinute) - perMinute/2 is perMinute; summed in closed form it would
        // need the hashes anyway, so the counter is the exact rate plus a bounded wobble that does not accumulate.
        var wobble = (long)(Mix((ulong)i * 0x9E3779B97F4A7C15UL ^ (ulong)minute) % (ulong)perMinute);
        return minute * perMinute + wobble;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        return x ^ (x >> 33);
    }
}
