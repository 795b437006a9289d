using System.Numerics;
using NnLab.Layers;
using NnLab.Numerics;

namespace NnLab.Costs;

/// <summary>
/// Cross-entropy fused with the softmax, on logits Z (classes × m): 1/m·Σ_j [logΣ_i e^Z_ij − Z_(y_j) j], finite for
/// any Z; gradient (softmax(Z) − Y)/m. Targets are one-hot (classes × m) or class indices (1 × m, values 0..k−1).
/// </summary>
/// <remarks>
/// Computed as a careful NumPy script does, row by row over the examples, so costs agree with one to the last digit:
/// e = exp(Z − max_i Z) once per logit, s = Σ_i e (rows added in order), lse = max + log s,
/// cost = np.sum(Y·(lse − Z))/m (pairwise), gradient = (e/s − Y)/m. (float32 takes a vector exp: see
/// <see cref="Exponentials"/>.)
/// </remarks>
[Register("softmax_cross_entropy",
    Description = "1/m * sum(logsumexp(z) - z[y]) on logits; one-hot or class-index targets; predictions are softmax(z)")]
public sealed class SoftmaxCrossEntropyCost<T> : ILogitCost<T> where T : IFloatingPointIeee754<T>
{
    // Grown to the largest batch seen, never shrunk: evaluating a batch allocates nothing after the first.
    private T[] _exps = [];
    private T[] _terms = [];
    private T[] _columnMax = [];
    private T[] _columnSum = [];
    private T[] _oneHot = [];

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        int k = predictions.Rows, m = predictions.Cols, n = k * m;
        Grow(n, m);
        var z = predictions.Data.AsSpan(0, n);
        var e = gradient is null ? _exps.AsSpan(0, n) : gradient.Data.AsSpan(0, n);
        var max = _columnMax.AsSpan(0, m);
        var sum = _columnSum.AsSpan(0, m);
        var lse = max; // becomes max + log(sum) in place once the exponentials are taken

        z[..m].CopyTo(max);
        for (int i = 1; i < k; i++) Elementwise.Max(max, z.Slice(i * m, m));
        for (int i = 0; i < k; i++) Exponentials.ExpShifted<T>(z.Slice(i * m, m), max, e.Slice(i * m, m));
        e[..m].CopyTo(sum);
        for (int i = 1; i < k; i++) Elementwise.Add(sum, e.Slice(i * m, m));
        for (int j = 0; j < m; j++) lse[j] += T.Log(sum[j]);

        var terms = _terms.AsSpan(0, n);
        bool indices = targets.Rows == 1 && k > 1;
        T count = T.CreateTruncating(m);
        for (int i = 0; i < k; i++)
        {
            var y = TargetRow(targets, indices, i, m);
            Elementwise.CrossEntropyTerms<T>(y, lse, z.Slice(i * m, m), terms.Slice(i * m, m));
            if (gradient is not null) Elementwise.SoftmaxGradient<T>(e.Slice(i * m, m), sum, y, count);
        }
        return double.CreateTruncating(Numerics.NumpySummation.Sum<T>(terms) / count);
    }

    public void ToProbabilities(Matrix<T> logits, Matrix<T> probabilities) => Softmax.Columns(logits, probabilities);

    public string? ValidateTargets(int outputSize, Matrix<double> targets)
    {
        if (targets.Rows == outputSize) return null;
        if (targets.Rows != 1)
            return $"softmax_cross_entropy needs one-hot targets ({outputSize} columns) or one class-index column, got {targets.Rows} columns";
        foreach (var v in targets.Data)
            if (v != Math.Floor(v) || v < 0 || v >= outputSize)
                return $"class-index targets must be whole numbers from 0 to {outputSize - 1}, got {v}";
        return null;
    }

    private void Grow(int n, int m)
    {
        if (_terms.Length < n) (_terms, _exps) = (new T[n], new T[n]);
        if (_columnMax.Length < m) (_columnMax, _columnSum, _oneHot) = (new T[m], new T[m], new T[m]);
    }

    /// <summary>Row <paramref name="row"/> of the one-hot targets: the stored row, or 1 where a class index equals it.</summary>
    private ReadOnlySpan<T> TargetRow(Matrix<T> targets, bool indices, int row, int m)
    {
        if (!indices) return targets.Row(row);
        var oneHot = _oneHot.AsSpan(0, m);
        Elementwise.Indicator<T>(targets.Row(0), T.CreateTruncating(row), oneHot);
        return oneHot;
    }
}
