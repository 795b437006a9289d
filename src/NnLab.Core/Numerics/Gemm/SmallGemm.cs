using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Products too small to pay for packing (XOR's 3×2·2×4): straight loops over the operands' own layouts, with the
/// same per-output FMA chain in increasing p as the blocked kernels, so the choice of path never changes a result.
/// </summary>
internal static class SmallGemm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Run(in GemmProblem<T> pr)
    {
        if (pr.BColStride == 1)
            RowUpdates(pr.A, pr.AOffset, pr.ARowStride, pr.AColStride, pr.B, pr.BOffset, pr.BRowStride, pr.C, pr.COffset, pr.Ldc, pr.M, pr.N, pr.K);
        else
            DotProducts(pr.A, pr.AOffset, pr.ARowStride, pr.AColStride, pr.B, pr.BOffset, pr.BRowStride, pr.BColStride, pr.C, pr.COffset, pr.Ldc, pr.M, pr.N, pr.K);
    }

    /// <summary>B's rows are contiguous: C row i = Σ_p A(i,p)·B row p, accumulated in p order (vectorised over j).</summary>
    public static void RowUpdates(T[] a, int aOffset, int aRowStride, int aColStride, T[] b, int bOffset, int bRowStride,
        T[] c, int cOffset, int ldc, int m, int n, int k)
    {
        bool vector = FusedArithmetic.IsFused && Vector256.IsHardwareAccelerated;
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(cOffset + i * ldc, n);
            row.Clear();
            ref T cr = ref row[0];
            int aIndex = aOffset + i * aRowStride;
            for (int p = 0; p < k; p++)
            {
                T aip = a[aIndex + p * aColStride];
                ref T br = ref b[bOffset + p * bRowStride];
                int j = 0;
                if (vector)
                {
                    var av = Vector256.Create(aip);
                    for (; j <= n - Vector256<T>.Count; j += Vector256<T>.Count)
                        FusedArithmetic.MulAdd(av, Vector256.LoadUnsafe(ref br, (nuint)j), Vector256.LoadUnsafe(ref cr, (nuint)j))
                            .StoreUnsafe(ref cr, (nuint)j);
                }
                for (; j < n; j++) Unsafe.Add(ref cr, j) = FusedArithmetic.MulAdd(aip, Unsafe.Add(ref br, j), Unsafe.Add(ref cr, j));
            }
        }
    }

    /// <summary>B is stored transposed: each output is a dot product along contiguous (or strided) k.</summary>
    public static void DotProducts(T[] a, int aOffset, int aRowStride, int aColStride, T[] b, int bOffset, int bRowStride,
        int bColStride, T[] c, int cOffset, int ldc, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
        {
            int aIndex = aOffset + i * aRowStride;
            for (int j = 0; j < n; j++)
            {
                int bIndex = bOffset + j * bColStride;
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s = FusedArithmetic.MulAdd(a[aIndex + p * aColStride], b[bIndex + p * bRowStride], s);
                c[cOffset + i * ldc + j] = s;
            }
        }
    }
}
