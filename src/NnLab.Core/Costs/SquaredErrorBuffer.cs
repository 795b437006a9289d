namespace NnLab.Costs;

/// <summary>Holds (y − ŷ)² per element so they can be summed in numpy's pairwise order; grows only when the batch does.</summary>
internal sealed class SquaredErrorBuffer
{
    private double[] _squares = [];

    /// <summary>Σ(y − ŷ)², summed as <c>np.sum(np.square(Y − Ŷ))</c> does.</summary>
    public double SumOfSquaredErrors(Matrix predictions, Matrix targets)
    {
        RequireSameShape(predictions, targets);
        int n = predictions.Length;
        if (_squares.Length < n) _squares = new double[n];
        var p = predictions.Data;
        var t = targets.Data;
        for (int i = 0; i < n; i++)
        {
            double d = t[i] - p[i];
            _squares[i] = d * d;
        }
        return Numerics.NumpySummation.Sum(_squares.AsSpan(0, n));
    }

    private static void RequireSameShape(Matrix predictions, Matrix targets)
    {
        if (!predictions.HasShape(targets.Rows, targets.Cols))
            throw new ArgumentException($"predictions {predictions.Shape} and targets {targets.Shape} differ in shape.");
    }
}
