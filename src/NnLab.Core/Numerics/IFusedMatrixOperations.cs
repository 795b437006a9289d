using System.Numerics;

namespace NnLab.Numerics;

/// <summary>
/// Products that also do the element-wise work around them: the linear layer's bias, a ReLU after it, the ReLU's
/// gradient below it. Fast kernels do it while each tile of the result is still in cache; every implementation gives
/// the same values as the separate passes (<see cref="UnfusedMatrixOperations{T}"/>), bit for bit.
/// </summary>
internal interface IFusedMatrixOperations<T> : IMatrixOperations<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>c = a·b + bias (one value per row of c; none when null); then, when <paramref name="relu"/> is set, relu = max(c, 0).</summary>
    void MultiplyAddBias(Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu);

    /// <summary>c = positive &gt; 0 ? (aᵀ·b) : 0, element by element: the input gradient of a ReLU's input (dA = Wᵀ·dZ through the ReLU).</summary>
    void MultiplyTransposeAWherePositive(Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c);
}
