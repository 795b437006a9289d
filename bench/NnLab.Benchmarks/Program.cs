using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(NnLab.Benchmarks.GemmBenchmarks).Assembly).Run(args);
