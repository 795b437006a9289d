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
public sealed class SoftmaxCrossEntropyCost<T> : ILogitCost<T>, IDescribesGradient, IThreadedCost, IRangeWork, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "Cost = 1/m·Σ[log Σ_rows e^{in} − {in}_y], Ŷ = softmax({in})";

    string IDescribesGradient.LocalGradientFormula => "∂Cost/∂{in} = (softmax({in}) − Y)/m";

    /// <summary>A range of examples split off to another thread is at least this wide (10 logits each).</summary>
    private const int MinColumnsPerThread = 256;

    // Grown to the largest batch seen, never shrunk: evaluating a batch allocates nothing after the first.
    private T[] _exps = [];
    private T[] _terms = [];
    private T[] _columnMax = [];
    private T[] _columnSum = [];
    private T[] _oneHot = [];

    // The evaluation in progress, for its column ranges.
    private Matrix<T> _z = null!;
    private Matrix<T> _targets = null!;
    private T[] _e = [];
    private bool _gradient;

    /// <inheritdoc cref="IThreadedCost.Threads"/>
    int IThreadedCost.Threads { get; set; } = 1;

    public double Evaluate(Matrix<T> predictions, Matrix<T> targets, Matrix<T>? gradient)
    {
        int n = predictions.Length, m = predictions.Cols;
        Grow(n, m);
        (_z, _targets, _e, _gradient) = (predictions, targets, gradient?.Data ?? _exps, gradient is not null);
        try
        {
            // Every example's terms and gradient column are independent; only their sum spans the examples.
            RangeSplit.Run(this, m, ((IThreadedCost)this).Threads, MinColumnsPerThread);
        }
        finally
        {
            (_z, _targets, _e) = (null!, null!, []);
        }
        return double.CreateTruncating(Numerics.NumpySummation.Sum<T>(_terms.AsSpan(0, n)) / T.CreateTruncating(m));
    }

    /// <summary>The terms and gradient of examples [start, end): each pass as a NumPy script makes it, on those columns.</summary>
    void IRangeWork.Range(int start, int end)
    {
        int k = _z.Rows, m = _z.Cols, w = end - start;
        ReadOnlySpan<T> Row(ReadOnlySpan<T> values, int i) => values.Slice(i * m + start, w);
        Span<T> RowOf(T[] values, int i) => values.AsSpan(i * m + start, w);
        var z = _z.Data.AsSpan();
        var max = _columnMax.AsSpan(start, w);
        var sum = _columnSum.AsSpan(start, w);
        var lse = max; // becomes max + log(sum) in place once the exponentials are taken

        Row(z, 0).CopyTo(max);
        for (int i = 1; i < k; i++) Elementwise.Max(max, Row(z, i));
        for (int i = 0; i < k; i++) Exponentials.ExpShifted<T>(Row(z, i), max, RowOf(_e, i));
        RowOf(_e, 0).CopyTo(sum);
        for (int i = 1; i < k; i++) Elementwise.Add(sum, RowOf(_e, i));
        for (int j = 0; j < w; j++) lse[j] += T.Log(sum[j]);

        bool indices = _targets.Rows == 1 && k > 1;
        T count = T.CreateTruncating(m);
        for (int i = 0; i < k; i++)
        {
            var y = TargetRow(indices, i, start, w);
            Elementwise.CrossEntropyTerms<T>(y, lse, Row(z, i), RowOf(_terms, i));
            if (_gradient) Elementwise.SoftmaxGradient<T>(RowOf(_e, i), sum, y, count);
        }
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
    /// <summary>Row <paramref name="row"/> of the one-hot targets over examples [start, start + width).</summary>
    private ReadOnlySpan<T> TargetRow(bool indices, int row, int start, int width)
    {
        if (!indices) return _targets.Row(row).Slice(start, width);
        var oneHot = _oneHot.AsSpan(start, width);
        Elementwise.Indicator<T>(_targets.Row(0).Slice(start, width), T.CreateTruncating(row), oneHot);
        return oneHot;
    }

    /// <summary>The probabilities the predictions print: softmax(z) per example.</summary>
    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Softmax", [input], OnnxAttribute.Int("axis", 1));
}
