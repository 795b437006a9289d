namespace NnLab.Numerics.Gemm;

/// <summary>
/// One product C = A·B over strided views of row-major arrays: A(i, p) = A[AOffset + i·ARowStride + p·AColStride],
/// B(p, j) = B[BOffset + p·BRowStride + j·BColStride], C(i, j) = C[COffset + i·Ldc + j]; i &lt; M, j &lt; N, p &lt; K.
/// A transposed operand is the same array with its strides swapped, so no transpose is ever materialised.
/// </summary>
internal readonly record struct GemmProblem(
    double[] A, int AOffset, int ARowStride, int AColStride,
    double[] B, int BOffset, int BRowStride, int BColStride,
    double[] C, int COffset, int Ldc,
    int M, int N, int K)
{
    /// <summary>c = a·b</summary>
    public static GemmProblem Multiply(Matrix<double> a, Matrix<double> b, Matrix<double> c) =>
        new(a.Data, 0, a.Cols, 1, b.Data, 0, b.Cols, 1, c.Data, 0, c.Cols, a.Rows, b.Cols, a.Cols);

    /// <summary>c = a·bᵀ: B(p, j) = b[j, p].</summary>
    public static GemmProblem MultiplyTransposeB(Matrix<double> a, Matrix<double> b, Matrix<double> c) =>
        new(a.Data, 0, a.Cols, 1, b.Data, 0, 1, b.Cols, c.Data, 0, c.Cols, a.Rows, b.Rows, a.Cols);

    /// <summary>c = aᵀ·b: A(i, p) = a[p, i].</summary>
    public static GemmProblem MultiplyTransposeA(Matrix<double> a, Matrix<double> b, Matrix<double> c) =>
        new(a.Data, 0, 1, a.Cols, b.Data, 0, b.Cols, 1, c.Data, 0, c.Cols, a.Cols, b.Cols, a.Rows);

    /// <summary>Multiply–add count, 2·M·N·K.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The rows [start, start + count) of C.</summary>
    public GemmProblem Rows(int start, int count) =>
        this with { AOffset = AOffset + start * ARowStride, COffset = COffset + start * Ldc, M = count };

    /// <summary>The columns [start, start + count) of C.</summary>
    public GemmProblem Columns(int start, int count) =>
        this with { BOffset = BOffset + start * BColStride, COffset = COffset + start, N = count };
}
