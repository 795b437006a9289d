using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Numerics;

/// <summary>
/// Straightforward products that add each dot product in index order, without fused multiply-add, so results
/// round as the tutorial's NumPy does on small matrices. The deterministic baseline that faster kernels are tested against.
/// </summary>
public sealed class ReferenceMatrixOperations<T> : IMatrixOperations<T>, IFusedMatrixOperations<T> where T : IFloatingPointIeee754<T>
{
    public static ReferenceMatrixOperations<T> Instance { get; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        int n = a.Rows, k = a.Cols, m = b.Cols;
        var ad = a.Data; var bd = b.Data; var cd = c.Data;
        for (int i = 0; i < n; i++)
        {
            var row = cd.AsSpan(i * m, m);
            row.Clear();
            for (int p = 0; p < k; p++)
            {
                T aip = ad[i * k + p];
                var bRow = bd.AsSpan(p * m, m);
                for (int j = 0; j < m; j++) row[j] += aip * bRow[j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyTransposeB(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Cols && c.HasShape(a.Rows, b.Rows), "a·bᵀ", a, b, c);
        int n = a.Rows, k = a.Cols, m = b.Rows;
        var ad = a.Data; var bd = b.Data; var cd = c.Data;
        for (int i = 0; i < n; i++)
        {
            var aRow = ad.AsSpan(i * k, k);
            for (int j = 0; j < m; j++)
            {
                var bRow = bd.AsSpan(j * k, k);
                T s = T.Zero;
                for (int p = 0; p < k; p++) s += aRow[p] * bRow[p];
                cd[i * m + j] = s;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyTransposeA(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols), "aᵀ·b", a, b, c);
        int n = a.Cols, k = a.Rows, m = b.Cols;
        var ad = a.Data; var bd = b.Data; var cd = c.Data;
        c.AsSpan().Clear();
        for (int p = 0; p < k; p++)
        {
            var bRow = bd.AsSpan(p * m, m);
            for (int i = 0; i < n; i++)
            {
                T api = ad[p * n + i];
                var row = cd.AsSpan(i * m, m);
                for (int j = 0; j < m; j++) row[j] += api * bRow[j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumRows(Matrix<T> a, Matrix<T> sums)
    {
        RequireShapes(sums.HasShape(a.Rows, 1), "row sums", a, a, sums);
        for (int i = 0; i < a.Rows; i++) sums.Data[i] = NumpySummation.Sum(a.Row(i));
    }

    public T Sum(ReadOnlySpan<T> values) => NumpySummation.Sum(values);

    // The reference kernels do the element-wise work in separate passes, the plainest way.
    void IFusedMatrixOperations<T>.MultiplyAddBias(Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu) =>
        UnfusedMatrixOperations<T>.AddBias(this, a, b, bias, c, relu);

    void IFusedMatrixOperations<T>.MultiplyTransposeAWherePositive(Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c) =>
        UnfusedMatrixOperations<T>.TransposeAWherePositive(this, a, b, positive, c);

    private static void RequireShapes(bool ok, string what, Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        if (!ok) throw new ArgumentException($"Shapes do not fit {what}: a{a.Shape}, b{b.Shape}, result{c.Shape}.");
    }
}
