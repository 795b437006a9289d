using System.Numerics;

namespace NnLab;

/// <summary>
/// The matrix products a layer needs, supplied by the host so that faster kernels can replace
/// the reference ones without layers changing. Every method writes into a preallocated destination.
/// </summary>
public interface IMatrixOperations<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>c = a·b</summary>
    void Multiply(Matrix<T> a, Matrix<T> b, Matrix<T> c);

    /// <summary>c = a·bᵀ, without materialising bᵀ (dW = dZ·Aᵀ).</summary>
    void MultiplyTransposeB(Matrix<T> a, Matrix<T> b, Matrix<T> c);

    /// <summary>c = aᵀ·b, without materialising aᵀ (dA = Wᵀ·dZ).</summary>
    void MultiplyTransposeA(Matrix<T> a, Matrix<T> b, Matrix<T> c);

    /// <summary>Sum of each row of <paramref name="a"/> into the column vector <paramref name="sums"/> (db = Σ dZ).</summary>
    void SumRows(Matrix<T> a, Matrix<T> sums);

    /// <summary>Sum of all elements, in the same order as numpy's <c>np.sum</c>.</summary>
    T Sum(ReadOnlySpan<T> values);
}
