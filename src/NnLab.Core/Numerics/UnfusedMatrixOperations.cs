using System.Numerics;

namespace NnLab.Numerics;

/// <summary>The fused operations as separate passes, over any <see cref="IMatrixOperations{T}"/>.</summary>
internal sealed class UnfusedMatrixOperations<T>(IMatrixOperations<T> products) : IFusedMatrixOperations<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary><paramref name="operations"/> itself when it fuses, else it wrapped in separate passes.</summary>
    public static IFusedMatrixOperations<T> Over(IMatrixOperations<T> operations) =>
        operations as IFusedMatrixOperations<T> ?? new UnfusedMatrixOperations<T>(operations);

    public void MultiplyAddBias(Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu) =>
        AddBias(products, a, b, bias, c, relu);

    public void MultiplyTransposeAWherePositive(Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c) =>
        TransposeAWherePositive(products, a, b, positive, c);

    /// <summary><see cref="IFusedMatrixOperations{T}.MultiplyAddBias"/> as a product and then passes over c.</summary>
    public static void AddBias(IMatrixOperations<T> products, Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu)
    {
        products.Multiply(a, b, c);
        if (bias is not null) Elementwise.AddToRows(c, bias.Data);
        if (relu is not null) Elementwise.Relu<T>(c.Data, relu.Data);
    }

    /// <summary><see cref="IFusedMatrixOperations{T}.MultiplyTransposeAWherePositive"/> as a product and then a pass over c.</summary>
    public static void TransposeAWherePositive(IMatrixOperations<T> products, Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c)
    {
        products.MultiplyTransposeA(a, b, c);
        Elementwise.ReluGradient<T>(positive.Data, c.Data, T.Zero, c.Data);
    }

    public void Multiply(Matrix<T> a, Matrix<T> b, Matrix<T> c) => products.Multiply(a, b, c);
    public void MultiplyTransposeB(Matrix<T> a, Matrix<T> b, Matrix<T> c) => products.MultiplyTransposeB(a, b, c);
    public void MultiplyTransposeA(Matrix<T> a, Matrix<T> b, Matrix<T> c) => products.MultiplyTransposeA(a, b, c);
    public void SumRows(Matrix<T> a, Matrix<T> sums) => products.SumRows(a, sums);
    public T Sum(ReadOnlySpan<T> values) => products.Sum(values);
}
