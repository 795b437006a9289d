using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Costs;

/// <summary>Holds (y − ŷ)² per element so they can be summed in numpy's pairwise order; grows only when the batch does.</summary>
internal sealed class SquaredErrorBuffer<T> where T : IFloatingPointIeee754<T>
{
    private T[] _squares = [];

    /// <summary>Σ(y − ŷ)², summed as <c>np.sum(np.square(Y − Ŷ))</c> does.</summary>
    public T SumOfSquaredErrors(Matrix<T> predictions, Matrix<T> targets)
    {
        RequireSameShape(predictions, targets);
        int n = predictions.Length;
        if (_squares.Length < n) _squares = new T[n];
        var p = predictions.Data;
        var t = targets.Data;
        for (int i = 0; i < n; i++)
        {
            T d = t[i] - p[i];
            _squares[i] = d * d;
        }
        return Numerics.NumpySummation.Sum<T>(_squares.AsSpan(0, n));
    }

    // The check inlines into every evaluation; the throw and its message stay out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireSameShape(Matrix<T> predictions, Matrix<T> targets)
    {
        if (predictions.Rows != targets.Rows || predictions.Cols != targets.Cols) ThrowDifferentShapes(predictions, targets);
    }

    [DoesNotReturn]
    private static void ThrowDifferentShapes(Matrix<T> predictions, Matrix<T> targets) =>
        throw new ArgumentException($"predictions {predictions.Shape} and targets {targets.Shape} differ in shape.");
}
