using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "rate")
    NnLab.Benchmarks.GemmRate.Run(args[1..]);
else
    BenchmarkSwitcher.FromAssembly(typeof(NnLab.Benchmarks.GemmBenchmarks).Assembly).Run(args);
