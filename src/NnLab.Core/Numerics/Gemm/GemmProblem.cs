using System.Numerics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// One product C = A·B over strided views of row-major arrays: A(i, p) = A[AOffset + i·ARowStride + p·AColStride],
/// B(p, j) = B[BOffset + p·BRowStride + j·BColStride], C(i, j) = C[COffset + i·Ldc + j]; i &lt; M, j &lt; N, p &lt; K.
/// A transposed operand is the same array with its strides swapped, so no transpose is ever materialised.
/// </summary>
internal readonly record struct GemmProblem<T>(
    T[] A, int AOffset, int ARowStride, int AColStride,
    T[] B, int BOffset, int BRowStride, int BColStride,
    T[] C, int COffset, int Ldc,
    int M, int N, int K) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>c (m×n) = a (m×k) · b (k×n)</summary>
    public static GemmProblem<T> Multiply(T[] a, T[] b, T[] c, int m, int n, int k) =>
        new(a, 0, k, 1, b, 0, n, 1, c, 0, n, m, n, k);

    /// <summary>c (m×n) = a (m×k) · bᵀ, b stored n×k: B(p, j) = b[j, p].</summary>
    public static GemmProblem<T> MultiplyTransposeB(T[] a, T[] b, T[] c, int m, int n, int k) =>
        new(a, 0, k, 1, b, 0, 1, k, c, 0, n, m, n, k);

    /// <summary>c (m×n) = aᵀ · b, a stored k×m, b stored k×n: A(i, p) = a[p, i].</summary>
    public static GemmProblem<T> MultiplyTransposeA(T[] a, T[] b, T[] c, int m, int n, int k) =>
        new(a, 0, 1, m, b, 0, n, 1, c, 0, n, m, n, k);

    /// <summary>Applied to each run of finished outputs (none by default); parts of the product keep it.</summary>
    public GemmEpilogue<T> Epilogue { get; init; }

    /// <summary>Multiply–add count, 2·M·N·K.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The rows [start, start + count) of C.</summary>
    public GemmProblem<T> Rows(int start, int count) =>
        this with { AOffset = AOffset + start * ARowStride, COffset = COffset + start * Ldc, M = count };

    /// <summary>The columns [start, start + count) of C.</summary>
    public GemmProblem<T> Columns(int start, int count) =>
        this with { BOffset = BOffset + start * BColStride, COffset = COffset + start, N = count };
}
