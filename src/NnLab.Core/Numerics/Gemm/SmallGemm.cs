using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Products too small to pay for packing (XOR's 3×2·2×4): straight loops over the operands' own layouts, with the
/// same per-output FMA chain in increasing p as the blocked kernels, so the choice of path never changes a result.
/// </summary>
internal static class SmallGemm
{
    public static void Run(in GemmProblem pr)
    {
        if (pr.BColStride == 1) RowUpdates(pr);
        else DotProducts(pr);
    }

    /// <summary>B's rows are contiguous: C row i = Σ_p A(i,p)·B row p, accumulated in p order (vectorised over j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowUpdates(in GemmProblem pr)
    {
        int n = pr.N;
        bool vector = FusedArithmetic.IsFused && Vector256.IsHardwareAccelerated;
        for (int i = 0; i < pr.M; i++)
        {
            ref double c = ref pr.C[pr.COffset + i * pr.Ldc];
            for (int j = 0; j < n; j++) Unsafe.Add(ref c, j) = 0.0;
            int aIndex = pr.AOffset + i * pr.ARowStride;
            for (int p = 0; p < pr.K; p++)
            {
                double aip = pr.A[aIndex + p * pr.AColStride];
                ref double b = ref pr.B[pr.BOffset + p * pr.BRowStride];
                int j = 0;
                if (vector)
                {
                    var av = Vector256.Create(aip);
                    for (; j <= n - 4; j += 4)
                        Vector256.FusedMultiplyAdd(av, Vector256.LoadUnsafe(ref b, (nuint)j), Vector256.LoadUnsafe(ref c, (nuint)j))
                            .StoreUnsafe(ref c, (nuint)j);
                }
                for (; j < n; j++) Unsafe.Add(ref c, j) = FusedArithmetic.MulAdd(aip, Unsafe.Add(ref b, j), Unsafe.Add(ref c, j));
            }
        }
    }

    /// <summary>B is stored transposed: each output is a dot product along contiguous (or strided) k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProducts(in GemmProblem pr)
    {
        for (int i = 0; i < pr.M; i++)
        {
            int aIndex = pr.AOffset + i * pr.ARowStride;
            for (int j = 0; j < pr.N; j++)
            {
                int bIndex = pr.BOffset + j * pr.BColStride;
                double s = 0.0;
                for (int p = 0; p < pr.K; p++)
                    s = FusedArithmetic.MulAdd(pr.A[aIndex + p * pr.AColStride], pr.B[bIndex + p * pr.BRowStride], s);
                pr.C[pr.COffset + i * pr.Ldc + j] = s;
            }
        }
    }
}
