using NnLab.Numerics.Gemm;

namespace NnLab.Numerics;

/// <summary>
/// Cache-blocked, packed products with an FMA register-tile kernel (6×16 on AVX-512, 6×8 on AVX2, 4×4 scalar
/// otherwise), all three product forms packed straight from their stored layouts, split over threads when large.
/// </summary>
/// <remarks>
/// Rounding: every output element is one fused multiply–add chain over k in increasing order, starting from zero,
/// whatever the size, the path (small loops, blocked, threaded) or the thread count — so results are bit-identical
/// run to run and across thread counts on one machine. They differ from <see cref="ReferenceMatrixOperations{T}"/>
/// (separate multiply and add) by rounding only.
/// </remarks>
public sealed class FastMatrixOperations : IMatrixOperations<double>
{
    /// <summary>Below this many flops (2·m·n·k) a product uses plain loops instead of packing.</summary>
    internal const double SmallFlops = 2.0 * 24 * 24 * 24;

    /// <summary>From this many flops a product is split over the threads.</summary>
    internal const double ParallelFlops = 2.0 * 64 * 64 * 64;

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
    }

    /// <summary>The most threads one product is split over.</summary>
    public int Threads { get; }

    /// <summary>The register tile in use, e.g. "avx2-fma 6x8".</summary>
    public string KernelName => _kernel switch
    {
        GemmKernel.Vector512Fma6x16 => "avx512-fma 6x16",
        GemmKernel.Vector256Fma6x8 => "avx2-fma 6x8",
        _ => FusedArithmetic.IsFused ? "scalar-fma 4x4" : "scalar 4x4",
    };

    // Small products go straight to the loops, without describing the product first: XOR's six products per epoch
    // are a few nanoseconds each, so the call overhead is most of their cost.

    public void Multiply(Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        if (IsSmall(a.Rows, b.Cols, a.Cols))
            SmallGemm.RowUpdates(a.Data, 0, a.Cols, 1, b.Data, 0, b.Cols, c.Data, 0, c.Cols, a.Rows, b.Cols, a.Cols);
        else
            Execute(GemmProblem.Multiply(a, b, c));
    }

    public void MultiplyTransposeB(Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        RequireShapes(a.Cols == b.Cols && c.HasShape(a.Rows, b.Rows), "a·bᵀ", a, b, c);
        if (IsSmall(a.Rows, b.Rows, a.Cols))
            SmallGemm.DotProducts(a.Data, 0, a.Cols, 1, b.Data, 0, 1, b.Cols, c.Data, 0, c.Cols, a.Rows, b.Rows, a.Cols);
        else
            Execute(GemmProblem.MultiplyTransposeB(a, b, c));
    }

    public void MultiplyTransposeA(Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols), "aᵀ·b", a, b, c);
        if (IsSmall(a.Cols, b.Cols, a.Rows))
            SmallGemm.RowUpdates(a.Data, 0, 1, a.Cols, b.Data, 0, b.Cols, c.Data, 0, c.Cols, a.Cols, b.Cols, a.Rows);
        else
            Execute(GemmProblem.MultiplyTransposeA(a, b, c));
    }

    /// <summary>Non-empty and below <see cref="SmallFlops"/> (2·m·n·k, in doubles: no overflow).</summary>
    private static bool IsSmall(int m, int n, int k) => m > 0 && n > 0 && k > 0 && 2.0 * m * n * k < SmallFlops;

    public void SumRows(Matrix<double> a, Matrix<double> sums)
    {
        RequireShapes(sums.HasShape(a.Rows, 1), "row sums", a, a, sums);
        for (int i = 0; i < a.Rows; i++) sums.Data[i] = NumpySummation.Sum(a.Row(i));
    }

    public double Sum(ReadOnlySpan<double> values) => NumpySummation.Sum(values);

    private void Execute(in GemmProblem problem)
    {
        if (problem.M == 0 || problem.N == 0) return;
        if (problem.K == 0)
        {
            problem.C.AsSpan(0, problem.M * problem.N).Clear();
            return;
        }
        double flops = problem.Flops;
        if (flops < SmallFlops) SmallGemm.Run(problem);
        else if (Threads > 1 && flops >= ParallelFlops) ParallelGemm.Run(problem, _kernel, Threads);
        else GemmKernels.RunBlocked(problem, _kernel);
    }

    private static void RequireShapes(bool ok, string what, Matrix<double> a, Matrix<double> b, Matrix<double> c)
    {
        if (!ok) throw new ArgumentException($"Shapes do not fit {what}: a{a.Shape}, b{b.Shape}, result{c.Shape}.");
    }
}
