using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MonitoringSre.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
