using NnLab.BenchShared;
using System.Diagnostics;
using System.Numerics;
using NnLab.Numerics.Gemm;

namespace NnLab.Benchmarks;

/// <summary>
/// A quick GFLOP/s table of the fast products (a few seconds per row instead of BenchmarkDotNet's minutes):
/// float64 and float32, the three product forms, 1 and 2 threads. Run with <c>-- rate [all|f64|f32] [rounds]</c>;
/// several rounds interleave the rows, which evens out a shared machine's load.
/// </summary>
/// <remarks>
/// Each row shows the median and the best wall-clock rate over all timed calls (other load only ever slows a call, so
/// the best is the nearest to a quiet machine) and, for one thread on Linux, the median rate per second of the calling
/// thread's own CPU time, which time spent waiting for a core does not count — the steadiest figure on a busy machine.
/// </remarks>
internal static class GemmRate
{
    public static readonly (int M, int K, int N)[] Shapes = [(1024, 1024, 1024), (512, 784, 8192)];
    public static readonly string[] Forms = ["a·b", "a·bᵀ", "aᵀ·b"];

    private sealed record Row(List<double> Wall, List<double> Cpu);

    public static void Run(string[] args)
    {
        string precision = args.Length > 0 ? args[0] : "all";
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 1;
        Console.WriteLine($"kernels: float64 {FastGemm<double>.KernelName}, float32 {FastGemm<float>.KernelName}");
        var rows = new Dictionary<string, Row>();
        for (int round = 0; round < rounds; round++)
        {
            if (precision != "f32") Measure<double>("float64", rows);
            if (precision != "f64") Measure<float>("float32", rows);
        }
        foreach (var (name, row) in rows)
        {
            row.Wall.Sort();
            row.Cpu.Sort();
            string cpu = row.Cpu.Count > 0 ? $"{row.Cpu[row.Cpu.Count / 2],5:F1}" : "    -";
            Console.WriteLine($"{name}  wall median {row.Wall[row.Wall.Count / 2],5:F1} best {row.Wall[^1],5:F1}  cpu median {cpu} GFLOP/s  ({row.Wall.Count} calls)");
        }
    }

    private static void Measure<T>(string name, Dictionary<string, Row> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(1);
        foreach (var (m, k, n) in Shapes)
        foreach (var form in Forms)
        foreach (int threads in new[] { 1, 2 })
        {
            var a = Random<T>(m * k, random);
            var b = Random<T>(k * n, random);
            var c = new T[m * n];
            Action product = form switch
            {
                "a·b" => () => FastGemm<T>.Multiply(a, b, c, m, n, k, threads),
                "a·bᵀ" => () => FastGemm<T>.MultiplyTransposeB(a, b, c, m, n, k, threads),
                _ => () => FastGemm<T>.MultiplyTransposeA(a, b, c, m, n, k, threads),
            };
            string key = $"{name} {m}×{k}·{k}×{n} {form,-5} {threads} thread{(threads > 1 ? "s" : " ")}";
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new Row([], []);
            double flops = 2.0 * m * n * k;
            foreach (var (wall, cpu) in Time(product))
            {
                row.Wall.Add(flops / wall / 1e9);
                if (threads == 1 && cpu > 0) row.Cpu.Add(flops / cpu / 1e9);
            }
        }
    }

    /// <summary>Wall and calling-thread CPU seconds of single calls: at least 7 and about a second's worth, after 3 untimed ones.</summary>
    private static List<(double Wall, double Cpu)> Time(Action product)
    {
        for (int i = 0; i < 3; i++) product();
        var times = new List<(double, double)>();
        long start = Stopwatch.GetTimestamp();
        while (times.Count < 7 || (Stopwatch.GetElapsedTime(start).TotalSeconds < 1 && times.Count < 50))
        {
            double cpu0 = ThreadClock.CpuSeconds();
            long t0 = Stopwatch.GetTimestamp();
            product();
            times.Add((Stopwatch.GetElapsedTime(t0).TotalSeconds, ThreadClock.CpuSeconds() - cpu0));
        }
        return times;
    }

    private static T[] Random<T>(int length, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++) values[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return values;
    }
}
