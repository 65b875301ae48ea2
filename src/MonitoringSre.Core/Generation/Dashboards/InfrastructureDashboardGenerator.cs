using MonitoringSre.Model;

namespace MonitoringSre.Generation.Dashboards;

/// <summary>
/// dashboards/&lt;service&gt;-infrastructure.json: USE (utilisation, saturation, errors) for CPU, memory, disk and network —
/// the process from the preset's runtime metrics, the host from node_exporter (chosen with the $node variable).
/// </summary>
public sealed class InfrastructureDashboardGenerator : IOutputGenerator
{
    public const string Kind = "infrastructure";

    private const string Node = "instance=~\"$node\"";
    private const string Rate = DashboardQueries.RateInterval;

    public IEnumerable<GeneratedFile> Generate(GenerationContext context)
    {
        var model = context.Model;
        var spec = new DashboardSpec(Kind, "Infrastructure",
            $"USE metrics of {model.Service}: its .NET process ({model.Metrics.Preset.Name} preset) and the hosts it runs on (node_exporter).",
            [ProcessRow(model), HostCpuAndMemory(), HostDiskAndNetwork()])
        {
            QueryVariables = [("node", "Host", "label_values(node_uname_info, instance)")],
        };
        yield return DashboardJson.Render($"dashboards/{model.Service}-{Kind}.json", model, spec);
    }

    private static RowSpec ProcessRow(MonitoringModel model)
    {
        var runtime = model.Metrics.Preset.Runtime;
        string S(string metric) => DashboardQueries.Selector(model, metric);
        var panels = new List<PanelSpec>();

        var cpu = $"sum by (instance) (rate({S(runtime.CpuSecondsTotal)}[{Rate}]))";
        panels.Add(runtime.CpuCount is { } cores
            ? new PanelSpec("timeseries", "Process CPU utilisation", "CPU time used per second over the cores the process may use.",
                [new Query($"{cpu}\n/\n(max by (instance) ({S(cores)}) > 0)", "{{instance}}")], 8)
                { Unit = "percentunit", Min = 0, Max = 1, ThresholdLines = true, Thresholds = [new(null, "green"), new(0.8m, "red")] }
            : new PanelSpec("timeseries", "Process CPU (cores used)", "CPU seconds used per second.", [new Query(cpu, "{{instance}}")], 8) { Unit = "short", Min = 0 });

        panels.Add(new PanelSpec("timeseries", "Process memory (working set)", "Physical memory the process uses.",
            [new Query($"sum by (instance) ({S(runtime.WorkingSetBytes)})", "{{instance}}")], 8) { Unit = "bytes", Min = 0 });
        if (runtime.GcHeapBytes is { } heap)
        {
            panels.Add(new PanelSpec("timeseries", "GC heap size", "Managed heap after the last collection.",
                [new Query($"sum by (instance) ({S(heap)})", "{{instance}}")], 8) { Unit = "bytes", Min = 0 });
        }

        if (runtime.GcPauseSecondsTotal is { } pause)
        {
            panels.Add(new PanelSpec("timeseries", "GC pause time (saturation)", "Share of wall time the process spent paused by the garbage collector.",
                [new Query($"sum by (instance) (rate({S(pause)}[{Rate}]))", "{{instance}}")], 8)
                { Unit = "percentunit", Min = 0, ThresholdLines = true, Thresholds = [new(null, "green"), new(0.1m, "red")] });
        }

        if (runtime.GcCollectionsTotal is { } collections)
        {
            panels.Add(new PanelSpec("timeseries", "GC collections / s", "Garbage collections per second by generation.",
                [new Query($"sum by (instance) (rate({S(collections)}[{Rate}]))", "{{instance}}")], 8) { Unit = "short", Min = 0 });
        }

        if (runtime.ThreadPoolQueueLength is { } queue)
        {
            panels.Add(new PanelSpec("timeseries", "Thread-pool queue (saturation)", "Work items waiting for a thread-pool thread.",
                [new Query($"sum by (instance) ({S(queue)})", "{{instance}}")], 8)
                { Unit = "short", Min = 0, ThresholdLines = true, Thresholds = [new(null, "green"), new(100m, "red")] });
        }

        if (runtime.ThreadCount is { } threads)
        {
            panels.Add(new PanelSpec("timeseries", "Threads", "Threads of the process.", [new Query($"sum by (instance) ({S(threads)})", "{{instance}}")], 8) { Unit = "short", Min = 0 });
        }

        return new RowSpec("Process (.NET runtime)", panels);
    }

    private static RowSpec HostCpuAndMemory() => new("Host CPU and memory (node_exporter)",
    [
        new PanelSpec("timeseries", "CPU utilisation", "Share of CPU time not idle.",
            [new Query($"1 - avg by (instance) (rate(node_cpu_seconds_total{{mode=\"idle\",{Node}}}[{Rate}]))", "{{instance}}")], 8)
            { Unit = "percentunit", Min = 0, Max = 1, ThresholdLines = true, Thresholds = [new(null, "green"), new(0.8m, "red")] },
        new PanelSpec("timeseries", "CPU saturation (load per core)", "1-minute load average divided by the number of cores; above 1 work waits for a CPU.",
            [new Query($"sum by (instance) (node_load1{{{Node}}})\n/\ncount by (instance) (node_cpu_seconds_total{{mode=\"idle\",{Node}}})", "{{instance}}")], 8)
            { Unit = "short", Min = 0, ThresholdLines = true, Thresholds = [new(null, "green"), new(1m, "red")] },
        new PanelSpec("timeseries", "Memory utilisation", "Share of memory not available to new work.",
            [new Query($"1 - node_memory_MemAvailable_bytes{{{Node}}} / (node_memory_MemTotal_bytes{{{Node}}} > 0)", "{{instance}}")], 8)
            { Unit = "percentunit", Min = 0, Max = 1, ThresholdLines = true, Thresholds = [new(null, "green"), new(0.9m, "red")] },
        new PanelSpec("timeseries", "Memory saturation (major page faults)", "Major page faults per second: reads from disk because memory ran short.",
            [new Query($"rate(node_vmstat_pgmajfault{{{Node}}}[{Rate}])", "{{instance}}")], 8) { Unit = "short", Min = 0 },
    ]);

    private static RowSpec HostDiskAndNetwork() => new("Host disk and network (node_exporter)",
    [
        new PanelSpec("timeseries", "Disk space utilisation", "Share of each file system in use.",
            [new Query($"1 - node_filesystem_avail_bytes{{fstype!~\"tmpfs|overlay|squashfs\",{Node}}}\n/\n(node_filesystem_size_bytes{{fstype!~\"tmpfs|overlay|squashfs\",{Node}}} > 0)", "{{instance}} {{mountpoint}}")], 8)
            { Unit = "percentunit", Min = 0, Max = 1, ThresholdLines = true, Thresholds = [new(null, "green"), new(0.85m, "red")] },
        new PanelSpec("timeseries", "Disk I/O utilisation", "Share of time each device was busy with I/O.",
            [new Query($"rate(node_disk_io_time_seconds_total{{{Node}}}[{Rate}])", "{{instance}} {{device}}")], 8) { Unit = "percentunit", Min = 0, Max = 1 },
        new PanelSpec("timeseries", "Disk I/O saturation (queue)", "Average number of I/O requests in flight.",
            [new Query($"rate(node_disk_io_time_weighted_seconds_total{{{Node}}}[{Rate}])", "{{instance}} {{device}}")], 8) { Unit = "short", Min = 0 },
        new PanelSpec("timeseries", "Network throughput", "Bytes received (positive) and sent (negative) per second, loopback excluded.",
        [
            new Query($"sum by (instance) (rate(node_network_receive_bytes_total{{device!=\"lo\",{Node}}}[{Rate}]))", "{{instance}} received"),
            new Query($"-sum by (instance) (rate(node_network_transmit_bytes_total{{device!=\"lo\",{Node}}}[{Rate}]))", "{{instance}} sent"),
        ], 12) { Unit = "Bps" },
        new PanelSpec("timeseries", "Network errors and drops", "Receive and transmit errors and dropped packets per second.",
        [
            new Query($"sum by (instance) (rate(node_network_receive_errs_total{{{Node}}}[{Rate}]) + rate(node_network_transmit_errs_total{{{Node}}}[{Rate}]))", "{{instance}} errors"),
            new Query($"sum by (instance) (rate(node_network_receive_drop_total{{{Node}}}[{Rate}]) + rate(node_network_transmit_drop_total{{{Node}}}[{Rate}]))", "{{instance}} drops"),
        ], 12) { Unit = "pps", Min = 0 },
    ]);
}
