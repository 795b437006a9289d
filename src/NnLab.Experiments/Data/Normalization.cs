namespace NnLab.Experiments;

/// <summary><c>data.normalize</c>: how each input is rescaled before the network sees it.</summary>
public enum NormalizeMethod
{
    /// <summary>Inputs as they are (the default; the tutorials' numbers).</summary>
    None,

    /// <summary>(x − mean) / standard deviation, both over the training split (population deviation, ddof = 0, as scikit-learn's StandardScaler).</summary>
    Zscore,

    /// <summary>(x − min) / (max − min) over the training split: training values land in [0, 1].</summary>
    Minmax,
}

/// <summary>
/// A per-input affine transform x ↦ (x − Offset) / Scale, fitted on the training split only and applied to every
/// split (and later to new data), so nothing about validation or test rows leaks into training.
/// </summary>
public sealed record Normalization(NormalizeMethod Method, IReadOnlyList<string> Columns, double[] Offset, double[] Scale)
{
    /// <summary>
    /// Fits <paramref name="method"/> on <paramref name="training"/> (inputs × examples). Returns null with the indexes
    /// of the inputs whose values do not vary (they cannot be scaled).
    /// </summary>
    public static (Normalization? Fitted, IReadOnlyList<int> ConstantInputs) Fit(NormalizeMethod method, Matrix<double> training,
        IReadOnlyList<string> columns)
    {
        var offset = new double[training.Rows];
        var scale = new double[training.Rows];
        var constant = new List<int>();
        for (int i = 0; i < training.Rows; i++)
        {
            var row = training.Row(i);
            (offset[i], scale[i]) = method == NormalizeMethod.Zscore ? MeanAndDeviation(row) : MinAndRange(row);
            if (!(scale[i] > 0)) constant.Add(i);
        }
        return constant.Count > 0 ? (null, constant) : (new Normalization(method, columns, offset, scale), constant);
    }

    /// <summary>Rescales <paramref name="inputs"/> (inputs × examples) in place.</summary>
    public void Apply(Matrix<double> inputs)
    {
        for (int i = 0; i < inputs.Rows; i++)
        {
            var row = inputs.Row(i);
            for (int j = 0; j < row.Length; j++) row[j] = (row[j] - Offset[i]) / Scale[i];
        }
    }

    private static (double, double) MeanAndDeviation(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / values.Length));
    }

    private static (double, double) MinAndRange(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max - min);
    }
}
