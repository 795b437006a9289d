using System.Numerics;
using BenchmarkDotNet.Attributes;
using NnLab.Numerics.Gemm;

namespace NnLab.Benchmarks;

/// <summary>
/// The three product forms straight on arrays through FastGemm, float32 against float64, on 1 and 2 threads: a square
/// 1024 product and the wide model's 512×784·784×8192 forward product. The FLOP rate is 2·m·n·k over the mean time.
/// </summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class FastGemmBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _a = [], _b = [], _c = [];
    private int _m, _n, _k;

    [Params("1024x1024x1024", "512x784x8192")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sizes = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _k, _n) = (sizes[0], sizes[1], sizes[2]);
        var random = new Random(1);
        T[] Random(int length) => Enumerable.Range(0, length).Select(_ => T.CreateTruncating(2 * random.NextDouble() - 1)).ToArray();
        // Every form reads m·k and k·n values (a·bᵀ stores b as n×k, aᵀ·b stores a as k×m).
        (_a, _b, _c) = (Random(_m * _k), Random(_k * _n), new T[_m * _n]);
    }

    [Benchmark]
    public void Multiply() => FastGemm<T>.Multiply(_a, _b, _c, _m, _n, _k, Threads);

    [Benchmark]
    public void MultiplyTransposeB() => FastGemm<T>.MultiplyTransposeB(_a, _b, _c, _m, _n, _k, Threads);

    [Benchmark]
    public void MultiplyTransposeA() => FastGemm<T>.MultiplyTransposeA(_a, _b, _c, _m, _n, _k, Threads);
}
