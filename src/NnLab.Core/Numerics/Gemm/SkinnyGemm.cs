using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Products of up to four rows whose B is stored by rows, as a single-output layer's Z = w·X (1×512 · 512×8192):
/// without packing, B is read along its rows, eight at a time, into a block of C accumulated in a small contiguous
/// buffer, so every element of B is read once, where the packed kernel would compute whole tiles of 4 or 6 rows.
/// </summary>
/// <remarks>
/// Each output is still one fused multiply–add chain in increasing p from zero, so results equal the packed path's.
/// From 5 rows the packed path with its 4-row short tiles is as fast or faster (measured, one thread, in a training
/// epoch's order: 10×64·64×1797 113 against 86 µs, 10×512·512×8192 5.9 against 4.1 ms; 1 to 3 rows 1.4-3.7× faster
/// here, 4 to 7 rows even).
/// </remarks>
internal static class SkinnyGemm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Up to this many rows of C; more reuse B enough for the packed kernel to win.</summary>
    public const int MaxRows = 4;

    /// <summary>The accumulated block of C stays within this many bytes (measured: 8 to 128 KB within noise of each other).</summary>
    private const int BlockBytes = 32 * 1024;

    private const int Depth = 8;

    private static int W => Vector256<T>.Count;

    public static bool Fits(in GemmProblem<T> pr, GemmKernel kernel) =>
        kernel != GemmKernel.Scalar4x4 && pr.BColStride == 1 && pr.M <= MaxRows && pr.N >= W;

    /// <summary>Columns per block: a multiple of the vector width, as many as fit the buffer.</summary>
    private static int BlockColumns(int m) => Math.Max(W, BlockBytes / (m * Unsafe.SizeOf<T>()) / W * W);

    /// <summary>Grows <paramref name="workspace"/> now to what <paramref name="pr"/> (or any part of it) needs.</summary>
    public static void Reserve(in GemmProblem<T> pr, GemmWorkspace<T> workspace) => workspace.PackedA(pr.M * BlockColumns(pr.M));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> pr, GemmWorkspace<T> workspace)
    {
        int nb = BlockColumns(pr.M);
        ref T acc = ref workspace.PackedA(pr.M * nb);
        Span<T> a = stackalloc T[Depth];
        for (int j0 = 0; j0 < pr.N; j0 += nb)
        {
            int cols = Math.Min(nb, pr.N - j0);
            var block = MemoryMarshal.CreateSpan(ref acc, pr.M * nb);
            block.Clear();
            int p0 = 0;
            for (; p0 + Depth <= pr.K; p0 += Depth)
            {
                for (int i = 0; i < pr.M; i++)
                {
                    for (int d = 0; d < Depth; d++) a[d] = pr.A[pr.AOffset + i * pr.ARowStride + (p0 + d) * pr.AColStride];
                    Update8(ref Unsafe.Add(ref acc, i * nb), cols, ref pr.B[pr.BOffset + p0 * pr.BRowStride + j0], pr.BRowStride, a);
                }
            }
            for (; p0 < pr.K; p0++)
            {
                for (int i = 0; i < pr.M; i++)
                    Update1(ref Unsafe.Add(ref acc, i * nb), cols, ref pr.B[pr.BOffset + p0 * pr.BRowStride + j0],
                        pr.A[pr.AOffset + i * pr.ARowStride + p0 * pr.AColStride]);
            }
            for (int i = 0; i < pr.M; i++)
            {
                int index = pr.COffset + i * pr.Ldc + j0;
                block.Slice(i * nb, cols).CopyTo(pr.C.AsSpan(index, cols));
                if (!pr.Epilogue.IsNone) pr.Epilogue.Apply(pr.C, index, cols, pr.Ldc);
            }
        }
    }

    /// <summary>c[j] = the FMA chain of c[j] with a[d]·B(p0 + d, j) for d = 0..7, for j &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update8(ref T c, int cols, ref T b, nint ldb, ReadOnlySpan<T> a)
    {
        var a0 = Vector256.Create(a[0]); var a1 = Vector256.Create(a[1]);
        var a2 = Vector256.Create(a[2]); var a3 = Vector256.Create(a[3]);
        var a4 = Vector256.Create(a[4]); var a5 = Vector256.Create(a[5]);
        var a6 = Vector256.Create(a[6]); var a7 = Vector256.Create(a[7]);
        ref T b0 = ref b;
        ref T b1 = ref Unsafe.Add(ref b, ldb); ref T b2 = ref Unsafe.Add(ref b, 2 * ldb);
        ref T b3 = ref Unsafe.Add(ref b, 3 * ldb); ref T b4 = ref Unsafe.Add(ref b, 4 * ldb);
        ref T b5 = ref Unsafe.Add(ref b, 5 * ldb); ref T b6 = ref Unsafe.Add(ref b, 6 * ldb);
        ref T b7 = ref Unsafe.Add(ref b, 7 * ldb);
        nuint j = 0;
        for (; (int)j <= cols - W; j += (nuint)W)
        {
            var s = Vector256.LoadUnsafe(ref c, j);
            s = FusedArithmetic.MulAdd(a0, Vector256.LoadUnsafe(ref b0, j), s);
            s = FusedArithmetic.MulAdd(a1, Vector256.LoadUnsafe(ref b1, j), s);
            s = FusedArithmetic.MulAdd(a2, Vector256.LoadUnsafe(ref b2, j), s);
            s = FusedArithmetic.MulAdd(a3, Vector256.LoadUnsafe(ref b3, j), s);
            s = FusedArithmetic.MulAdd(a4, Vector256.LoadUnsafe(ref b4, j), s);
            s = FusedArithmetic.MulAdd(a5, Vector256.LoadUnsafe(ref b5, j), s);
            s = FusedArithmetic.MulAdd(a6, Vector256.LoadUnsafe(ref b6, j), s);
            s = FusedArithmetic.MulAdd(a7, Vector256.LoadUnsafe(ref b7, j), s);
            s.StoreUnsafe(ref c, j);
        }
        for (; (int)j < cols; j++)
        {
            T s = Unsafe.Add(ref c, j);
            for (int d = 0; d < Depth; d++) s = FusedArithmetic.MulAdd(a[d], Unsafe.Add(ref b, d * ldb + (nint)j), s);
            Unsafe.Add(ref c, j) = s;
        }
    }

    /// <summary>c[j] = a·B(p, j) + c[j] fused, for j &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update1(ref T c, int cols, ref T b, T a)
    {
        var av = Vector256.Create(a);
        nuint j = 0;
        for (; (int)j <= cols - W; j += (nuint)W)
            FusedArithmetic.MulAdd(av, Vector256.LoadUnsafe(ref b, j), Vector256.LoadUnsafe(ref c, j)).StoreUnsafe(ref c, j);
        for (; (int)j < cols; j++) Unsafe.Add(ref c, j) = FusedArithmetic.MulAdd(a, Unsafe.Add(ref b, j), Unsafe.Add(ref c, j));
    }
}
