using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The fast products over dense row-major arrays of one element type (float or double): picks the small-loop, blocked
/// or threaded path by size and runs it with this machine's widest FMA tile.
/// </summary>
/// <remarks>
/// Rounding: every output element is one fused multiply–add chain over k in increasing order, starting from zero,
/// whatever the size, the path or the thread count — so results are bit-identical run to run and across thread counts
/// on one machine.
/// </remarks>
internal static class FastGemm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Below this many flops (2·m·n·k) a product uses plain loops instead of packing.</summary>
    internal const double SmallFlops = 2.0 * 24 * 24 * 24;

    /// <summary>From this many flops a product is split over the threads: about 15 µs of one core's work.</summary>
    /// <remarks>
    /// Floats run at twice the rate, so their threshold is higher: digits' mini-batch products (128×64·64×64, 1 M
    /// flops, ~12 µs in float) gained nothing from two threads and, handed to a worker a thousand times an epoch, were
    /// exposed to every stall of the second core (2-thread runs of 145-500 ms against 147-234 ms unsplit); in double
    /// the same products split are 185-213 ms against 241-257 ms on one thread.
    /// </remarks>
    internal static readonly double ParallelFlops = (Unsafe.SizeOf<T>() == sizeof(float) ? 4 : 1) * 2.0 * 64 * 64 * 64;

    /// <summary>The register tile in use, e.g. "avx2-fma 6x16" for float.</summary>
    public static string KernelName { get; } = GemmKernels<T>.Name(GemmKernels.Best);

    /// <summary>C (m×n) = A (m×k) · B (k×n)</summary>
    public static void Multiply(T[] a, T[] b, T[] c, int m, int n, int k, int threads) =>
        Multiply(a, b, c, m, n, k, threads, GemmKernels.Best);

    /// <summary>C (m×n) = A (m×k) · Bᵀ, B stored (n×k)</summary>
    public static void MultiplyTransposeB(T[] a, T[] b, T[] c, int m, int n, int k, int threads) =>
        MultiplyTransposeB(a, b, c, m, n, k, threads, GemmKernels.Best);

    /// <summary>C (m×n) = Aᵀ · B, A stored (k×m), B stored (k×n)</summary>
    public static void MultiplyTransposeA(T[] a, T[] b, T[] c, int m, int n, int k, int threads) =>
        MultiplyTransposeA(a, b, c, m, n, k, threads, GemmKernels.Best);

    // Small products go straight to the loops, without describing the product first: XOR's six products per epoch
    // are a few nanoseconds each, so the call overhead is most of their cost. Hence the entry points inline into
    // their callers (FastMatrixOperations calls the loops directly, as before FastGemm existed) and everything else is
    // out of line.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Multiply(T[] a, T[] b, T[] c, int m, int n, int k, int threads, GemmKernel kernel,
        GemmPath path = GemmPath.Auto, GemmEpilogue<T> epilogue = default)
    {
        RequireSizes(a, b, c, m, n, k);
        if (path == GemmPath.Auto && IsSmall(m, n, k))
        {
            SmallGemm<T>.RowUpdates(a, 0, k, 1, b, 0, n, c, 0, n, m, n, k);
            epilogue.ApplyToBlock(c, 0, n, m, n);
        }
        else
        {
            Execute(GemmProblem<T>.Multiply(a, b, c, m, n, k) with { Epilogue = epilogue }, threads, kernel, path);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyTransposeB(T[] a, T[] b, T[] c, int m, int n, int k, int threads, GemmKernel kernel,
        GemmPath path = GemmPath.Auto)
    {
        RequireSizes(a, b, c, m, n, k);
        if (path == GemmPath.Auto && IsSmall(m, n, k))
            SmallGemm<T>.DotProducts(a, 0, k, 1, b, 0, 1, k, c, 0, n, m, n, k);
        else
            Execute(GemmProblem<T>.MultiplyTransposeB(a, b, c, m, n, k), threads, kernel, path);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyTransposeA(T[] a, T[] b, T[] c, int m, int n, int k, int threads, GemmKernel kernel,
        GemmPath path = GemmPath.Auto, GemmEpilogue<T> epilogue = default)
    {
        RequireSizes(a, b, c, m, n, k);
        if (path == GemmPath.Auto && IsSmall(m, n, k))
        {
            SmallGemm<T>.RowUpdates(a, 0, 1, m, b, 0, n, c, 0, n, m, n, k);
            epilogue.ApplyToBlock(c, 0, n, m, n);
        }
        else
        {
            Execute(GemmProblem<T>.MultiplyTransposeA(a, b, c, m, n, k) with { Epilogue = epilogue }, threads, kernel, path);
        }
    }

    /// <summary>The path a product of <paramref name="flops"/> (2·m·n·k) takes on up to <paramref name="threads"/> threads.</summary>
    internal static GemmPath PathFor(double flops, int threads) =>
        flops < SmallFlops ? GemmPath.Small
        : threads > 1 && flops >= ParallelFlops ? GemmPath.Parallel
        : GemmPath.Blocked;

    /// <summary>Non-empty and below <see cref="SmallFlops"/> (2·m·n·k, in doubles: no overflow).</summary>
    private static bool IsSmall(int m, int n, int k) => m > 0 && n > 0 && k > 0 && 2.0 * m * n * k < SmallFlops;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Execute(in GemmProblem<T> problem, int threads, GemmKernel kernel, GemmPath path)
    {
        if (problem.M == 0 || problem.N == 0) return;
        if (problem.K == 0)
        {
            problem.C.AsSpan(0, problem.M * problem.N).Clear();
            problem.Epilogue.ApplyToBlock(problem.C, 0, problem.N, problem.M, problem.N);
            return;
        }
        if (path == GemmPath.Auto) path = PathFor(problem.Flops, threads);
        switch (path)
        {
            case GemmPath.Small:
                SmallGemm<T>.Run(problem);
                problem.Epilogue.ApplyToBlock(problem.C, problem.COffset, problem.Ldc, problem.M, problem.N);
                break;
            case GemmPath.Parallel: ParallelGemm<T>.Run(problem, kernel, threads); break;
            default: GemmKernels<T>.RunBlocked(problem, kernel); break;
        }
    }

    /// <summary>
    /// The kernels index past bounds checks, so arrays shorter than their shapes claim must be refused here: a few
    /// compares per product, against writing outside an array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireSizes(T[] a, T[] b, T[] c, int m, int n, int k)
    {
        if ((m | n | k) < 0 || a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            ThrowSizes(a, b, c, m, n, k);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSizes(T[] a, T[] b, T[] c, int m, int n, int k) =>
        throw new ArgumentException(
            $"A {m}×{k} by {k}×{n} product needs operands of at least {(long)m * k} and {(long)k * n} values and a result " +
            $"of {(long)m * n}; got {a.Length}, {b.Length} and {c.Length}.");
}
