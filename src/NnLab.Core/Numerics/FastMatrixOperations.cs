using System.Numerics;
using NnLab.Numerics.Gemm;

namespace NnLab.Numerics;

/// <summary>
/// Cache-blocked, packed products with an FMA register-tile kernel (for doubles 6×16 on AVX-512, 6×8 on AVX2, 4×4
/// scalar otherwise; twice as wide for floats), all three product forms packed straight from their stored layouts, split over threads when large.
/// </summary>
/// <remarks>
/// Rounding: every output element is one fused multiply–add chain over k in increasing order, starting from zero,
/// whatever the size, the path (small loops, blocked, threaded) or the thread count — so results are bit-identical
/// run to run and across thread counts on one machine. They differ from <see cref="ReferenceMatrixOperations{T}"/>
/// (separate multiply and add) by rounding only.
/// </remarks>
/// <typeparam name="T">double or float: float runs a tile twice as wide (6×16 on AVX2) at about twice the rate.</typeparam>
public sealed class FastMatrixOperations<T> : IMatrixOperations<T>, IFusedMatrixOperations<T>, IThreadedOperations where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GemmKernel _kernel;

    /// <summary>Uses every core (up to the machine's processor count).</summary>
    public static FastMatrixOperations<T> Instance { get; } = new();

    /// <param name="threads">Threads per product; 0 (the default) uses every core.</param>
    public FastMatrixOperations(int threads = 0) : this(threads, GemmKernels.Best)
    {
    }

    internal FastMatrixOperations(int threads, GemmKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Threads = threads == 0 ? GemmWorkerPool.MaxThreads : Math.Min(threads, GemmWorkerPool.MaxThreads);
        _kernel = kernel;
        KernelName = GemmKernels<T>.Name(kernel);
    }

    /// <summary>The most threads one product is split over.</summary>
    public int Threads { get; }

    /// <summary>The register tile in use, e.g. "avx2-fma 6x8" (double) or "avx2-fma 6x16" (float).</summary>
    public string KernelName { get; }

    // A shape-checking front over the products of FastGemm, which also picks the path.

    public void Multiply(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        FastGemm<T>.Multiply(a.Data, b.Data, c.Data, a.Rows, b.Cols, a.Cols, Threads, _kernel);
    }

    public void MultiplyTransposeB(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Cols && c.HasShape(a.Rows, b.Rows), "a·bᵀ", a, b, c);
        FastGemm<T>.MultiplyTransposeB(a.Data, b.Data, c.Data, a.Rows, b.Rows, a.Cols, Threads, _kernel);
    }

    public void MultiplyTransposeA(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols), "aᵀ·b", a, b, c);
        FastGemm<T>.MultiplyTransposeA(a.Data, b.Data, c.Data, a.Cols, b.Cols, a.Rows, Threads, _kernel);
    }

    void IFusedMatrixOperations<T>.MultiplyAddBias(Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        RequireShapes((bias is null || bias.HasShape(c.Rows, 1)) && (relu is null || relu.HasShape(c.Rows, c.Cols)), "a·b + bias", a, b, c);
        var epilogue = bias is null && relu is null ? default : new GemmEpilogue<T>(GemmEpilogueKind.AddRowBias, bias?.Data, relu?.Data);
        FastGemm<T>.Multiply(a.Data, b.Data, c.Data, a.Rows, b.Cols, a.Cols, Threads, _kernel, GemmPath.Auto, epilogue);
    }

    void IFusedMatrixOperations<T>.MultiplyTransposeAWherePositive(Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols) && positive.HasShape(c.Rows, c.Cols), "aᵀ·b where positive", a, b, c);
        var epilogue = new GemmEpilogue<T>(GemmEpilogueKind.WherePositive, null, positive.Data);
        FastGemm<T>.MultiplyTransposeA(a.Data, b.Data, c.Data, a.Cols, b.Cols, a.Rows, Threads, _kernel, GemmPath.Auto, epilogue);
    }

    public void SumRows(Matrix<T> a, Matrix<T> sums)
    {
        RequireShapes(sums.HasShape(a.Rows, 1), "row sums", a, a, sums);
        NumpySummation.SumRows<T>(a.Data.AsSpan(0, a.Length), a.Rows, sums.Data);
    }

    public T Sum(ReadOnlySpan<T> values) => NumpySummation.Sum(values);

    private static void RequireShapes(bool ok, string what, Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        if (!ok) throw new ArgumentException($"Shapes do not fit {what}: a{a.Shape}, b{b.Shape}, result{c.Shape}.");
    }
}
