namespace NnLab.Experiments;

/// <summary>
/// One network input and the raw data columns it is computed from: a column as it is (one name) or the product of
/// several (<c>{product: [x1, x2]}</c>, the tutorial's feature cross).
/// </summary>
public sealed record InputFeature(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>The input's value for one example, given its columns' raw values in <see cref="Columns"/> order.</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        double product = values[0];
        for (int i = 1; i < values.Length; i++) product *= values[i];
        return product;
    }
}
