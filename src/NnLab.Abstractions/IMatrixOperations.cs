namespace NnLab;

/// <summary>
/// The matrix products a layer needs, supplied by the host so that faster kernels can replace
/// the reference ones without layers changing. Every method writes into a preallocated destination.
/// </summary>
public interface IMatrixOperations
{
    /// <summary>c = a·b</summary>
    void Multiply(Matrix a, Matrix b, Matrix c);

    /// <summary>c = a·bᵀ, without materialising bᵀ (dW = dZ·Aᵀ).</summary>
    void MultiplyTransposeB(Matrix a, Matrix b, Matrix c);

    /// <summary>c = aᵀ·b, without materialising aᵀ (dA = Wᵀ·dZ).</summary>
    void MultiplyTransposeA(Matrix a, Matrix b, Matrix c);

    /// <summary>Sum of each row of <paramref name="a"/> into the column vector <paramref name="sums"/> (db = Σ dZ).</summary>
    void SumRows(Matrix a, Matrix sums);

    /// <summary>Sum of all elements, in the same order as numpy's <c>np.sum</c>.</summary>
    double Sum(ReadOnlySpan<double> values);
}
