using NnLab.Numerics.Gemm;

namespace NnLab.Numerics;

/// <summary>
/// Cache-blocked, packed products with an FMA register-tile kernel (6×16 on AVX-512, 6×8 on AVX2, 4×4 scalar
/// otherwise), all three product forms packed straight from their stored layouts, split over threads when large.
/// </summary>
/// <remarks>
/// Rounding: every output element is one fused multiply–add chain over k in increasing order, starting from zero,
/// whatever the size, the path (small loops, blocked, threaded) or the thread count — so results are bit-identical
/// run to run and across thread counts on one machine. They differ from <see cref="ReferenceMatrixOperations"/>
/// (separate multiply and add) by rounding only.
/// </remarks>
public sealed class FastMatrixOperations : IMatrixOperations
{
    private readonly GemmKernel _kernel;

    /// <summary>Uses every core (up to the machine's processor count).</summary>
    public static FastMatrixOperations Instance { get; } = new();

    /// <param name="threads">Threads per product; 0 (the default) uses every core.</param>
    public FastMatrixOperations(int threads = 0) : this(threads, GemmKernels.Best)
    {
    }

    internal FastMatrixOperations(int threads, GemmKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Threads = threads == 0 ? GemmWorkerPool.MaxThreads : Math.Min(threads, GemmWorkerPool.MaxThreads);
        _kernel = kernel;
        KernelName = GemmKernels<double>.Name(kernel);
    }

    /// <summary>The most threads one product is split over.</summary>
    public int Threads { get; }

    /// <summary>The register tile in use, e.g. "avx2-fma 6x8".</summary>
    public string KernelName { get; }

    // A shape-checking front over the float64 products of FastGemm, which also picks the path.

    public void Multiply(Matrix a, Matrix b, Matrix c)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        FastGemm<double>.Multiply(a.Data, b.Data, c.Data, a.Rows, b.Cols, a.Cols, Threads, _kernel);
    }

    public void MultiplyTransposeB(Matrix a, Matrix b, Matrix c)
    {
        RequireShapes(a.Cols == b.Cols && c.HasShape(a.Rows, b.Rows), "a·bᵀ", a, b, c);
        FastGemm<double>.MultiplyTransposeB(a.Data, b.Data, c.Data, a.Rows, b.Rows, a.Cols, Threads, _kernel);
    }

    public void MultiplyTransposeA(Matrix a, Matrix b, Matrix c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols), "aᵀ·b", a, b, c);
        FastGemm<double>.MultiplyTransposeA(a.Data, b.Data, c.Data, a.Cols, b.Cols, a.Rows, Threads, _kernel);
    }

    public void SumRows(Matrix a, Matrix sums)
    {
        RequireShapes(sums.HasShape(a.Rows, 1), "row sums", a, a, sums);
        for (int i = 0; i < a.Rows; i++) sums.Data[i] = NumpySummation.Sum(a.Row(i));
    }

    public double Sum(ReadOnlySpan<double> values) => NumpySummation.Sum(values);

    private static void RequireShapes(bool ok, string what, Matrix a, Matrix b, Matrix c)
    {
        if (!ok) throw new ArgumentException($"Shapes do not fit {what}: a{a.Shape}, b{b.Shape}, result{c.Shape}.");
    }
}
