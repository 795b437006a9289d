using System.Text.Json;
using NnLab.Numerics;

namespace NnLab.Bench;

/// <summary>
/// The bench/run.sh driver: runs one workload (or the FMA peak) as the command line asks and writes one JSON object
/// per line. Times are wall-clock seconds of Trainer.Train (all epochs plus its final forward pass) on a fresh network,
/// after an untimed warm-up training.
/// </summary>
public static class BenchDriver
{
    /// <param name="args">A workload name, then options; see <see cref="BenchOptions.Usage"/>.</param>
    /// <param name="output">Receives the JSON line.</param>
    public static void Run(string[] args, TextWriter output)
    {
        var options = BenchOptions.Parse(args);
        object result = options.Workload == "peak" ? RunPeak(options)
            : options.Workload == "xor-handwritten" ? new XorCeiling(options).Run()
            : options.Precision == Precision.Float32 ? new WorkloadBenchmark<float>(options).Run()
            : new WorkloadBenchmark<double>(options).Run();
        output.WriteLine(JsonSerializer.Serialize(result));
    }

    private static object RunPeak(BenchOptions options)
    {
        var runs = Enumerable.Range(0, options.Repeats).Select(_ => Peak.GflopsPerSecond(options.Threads, options.Precision)).Order().ToArray();
        return new
        {
            workload = "peak",
            implementation = "csharp-fma-loop",
            precision = options.Precision.Name(),
            threads = options.Threads,
            gflops = runs[runs.Length / 2],
            runs,
        };
    }
}
