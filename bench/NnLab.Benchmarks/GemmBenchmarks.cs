using BenchmarkDotNet.Attributes;
using NnLab.Numerics;

namespace NnLab.Benchmarks;

/// <summary>c = a·b, a·bᵀ and aᵀ·b on n×n float64 matrices: the reference loops against the fast kernels on 1 and 2 threads.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private Matrix<double> _a = null!, _b = null!, _c = null!;
    private IMatrixOperations<double> _ops = null!;

    [Params(64, 256, 1024)]
    public int N { get; set; }

    [Params("reference", "fast-1", "fast-2")]
    public string Kernels { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new NumpyRandomState(1);
        Matrix<double> Random()
        {
            var m = new Matrix<double>(N, N);
            for (int i = 0; i < m.Length; i++) m.Data[i] = random.NextGaussian();
            return m;
        }
        (_a, _b, _c) = (Random(), Random(), new Matrix<double>(N, N));
        _ops = Kernels switch
        {
            "reference" => ReferenceMatrixOperations<double>.Instance,
            "fast-1" => new FastMatrixOperations<double>(1),
            _ => new FastMatrixOperations<double>(2),
        };
    }

    [Benchmark]
    public void Multiply() => _ops.Multiply(_a, _b, _c);

    [Benchmark]
    public void MultiplyTransposeB() => _ops.MultiplyTransposeB(_a, _b, _c);

    [Benchmark]
    public void MultiplyTransposeA() => _ops.MultiplyTransposeA(_a, _b, _c);
}
