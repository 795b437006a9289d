using System.Runtime.InteropServices;
using System.Text;

namespace NnLab.Experiments;

/// <summary>
/// The data an experiment trains and is scored on, with examples as columns: inputs (n_in × m) and targets
/// (n_out × m) of the training split, plus the held-out splits when <c>data.split</c> (or separate files) makes them.
/// Inputs are what the network sees: derived features, normalised with statistics fitted on the training split.
/// </summary>
public sealed record ExperimentData(
    Matrix<double> Inputs,
    Matrix<double> Targets,
    IReadOnlyList<string> InputNames,
    IReadOnlyList<string> TargetNames)
{
    /// <summary>Scored at every recorded epoch; ranks sweeps and drives early stopping. Null without one.</summary>
    public DataSplit? Validation { get; init; }

    /// <summary>Scored once, at the end, on the weights that are kept. Null without one.</summary>
    public DataSplit? Test { get; init; }

    /// <summary>
    /// Class names by index when the target column held strings (sorted ordinally: index 0 is the first name), so
    /// predictions can print them; null for numeric targets.
    /// </summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }

    /// <summary>The transform applied to every split's inputs, fitted on the training split; null for none.</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>
    /// SHA-256 (hex) of the data as <c>nnlab data --out</c> writes data.csv: every row as read or generated, raw, in
    /// order, with its split. Recorded in summary.json so a run says exactly which data it saw.
    /// </summary>
    /// <remarks>
    /// Computed on first use from <see cref="Table"/>, by <see cref="Hashing.Sha256"/> (managed code: no cryptography
    /// library is loaded for a small data set): commands that never report it (<c>nnlab validate</c>) do not pay for it.
    /// </remarks>
    public string Sha256
    {
        // Not cached: a record's fields take part in its equality, which must not depend on whether this was read.
        get => _sha256 ?? Table?.Sha256() ?? "";
        init => _sha256 = value;
    }

    private string? _sha256;

    /// <summary>
    /// How each network input is derived from the data's raw columns, in input order: a column as it is, or the
    /// product of several (<c>data.features</c>). Without <c>features</c> (or for data built in code) each input is the
    /// column of its name. A trained model applies the same derivation to new rows.
    /// </summary>
    public IReadOnlyList<InputFeature> Features
    {
        get => _features ?? InputNames.Select(InputFeature.Column).ToList();
        init => _features = value;
    }

    private readonly IReadOnlyList<InputFeature>? _features;

    /// <summary>The raw rows behind every split, for <c>nnlab data</c>; null when built in code.</summary>
    public DataTable? Table { get; init; }

    /// <summary>
    /// The SHA-256 (hex) of the values every split holds: shapes, column names, class labels and every number's bits.
    /// Unlike <see cref="Sha256"/> (the rows as written) the same numbers written differently hash the same: a resumed
    /// run or sweep is refused exactly when it would see different data (an edited file, training or held out).
    /// </summary>
    public string ValuesSha256()
    {
        var matrices = Splits().SelectMany(s => new[] { s.Split.Inputs, s.Split.Targets }).ToList();
        using var hash = Hashing.Sha256.Create(matrices.Sum(m => (long)m.Data.Length * sizeof(double)));
        foreach (var matrix in matrices)
        {
            hash.Append(Encoding.UTF8.GetBytes($"{matrix.Rows}x{matrix.Cols};"));
            hash.Append(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
        }
        hash.Append(Encoding.UTF8.GetBytes(string.Join('\n', InputNames.Concat(["|"]).Concat(TargetNames)
            .Concat(ClassLabels is { } labels ? ["|", .. labels] : []))));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The splits that exist, training first, with their names as summary.json and cost.csv use them.</summary>
    public IEnumerable<(string Name, DataSplit Split)> Splits()
    {
        yield return (DataSplit.TrainName, new DataSplit(Inputs, Targets));
        if (Validation is { } validation) yield return (DataSplit.ValidationName, validation);
        if (Test is { } test) yield return (DataSplit.TestName, test);
    }
}

/// <summary>
/// One network input: the product of <paramref name="Columns"/> (one column: the column itself), named
/// <paramref name="Name"/>. Products multiply the columns' values left to right, as the loader does.
/// </summary>
public sealed record InputFeature(string Name, IReadOnlyList<string> Columns)
{
    public bool IsProduct => Columns.Count > 1;

    public static InputFeature Column(string name) => new(name, [name]);

    /// <summary>The feature's value for one row, from its columns' values in order.</summary>
    public static double Evaluate(ReadOnlySpan<double> values)
    {
        double product = values[0];
        for (int i = 1; i < values.Length; i++) product *= values[i];
        return product;
    }

    /// <summary>
    /// The network's inputs (inputs × examples) for <paramref name="count"/> examples of raw columns (by name, one value
    /// per example): <paramref name="features"/> derived, then <paramref name="normalization"/> applied, as the training
    /// data were. One path for a trained model's predictions and a report's decision-boundary grid.
    /// </summary>
    public static Matrix<double> Derive(IReadOnlyList<InputFeature> features, Func<string, double[]> column, int count,
        Normalization? normalization)
    {
        var inputs = new Matrix<double>(features.Count, count);
        Span<double> factors = stackalloc double[features.Count == 0 ? 0 : features.Max(f => f.Columns.Count)];
        for (int f = 0; f < features.Count; f++)
        {
            var sources = features[f].Columns.Select(column).ToArray();
            for (int r = 0; r < count; r++)
            {
                for (int k = 0; k < sources.Length; k++) factors[k] = sources[k][r];
                inputs[f, r] = Evaluate(factors[..sources.Length]);
            }
        }
        normalization?.Apply(inputs);
        return inputs;
    }
}

/// <summary>One split's examples as columns: inputs (n_in × m), targets (n_out × m).</summary>
public sealed record DataSplit(Matrix<double> Inputs, Matrix<double> Targets)
{
    public const string TrainName = "train";
    public const string ValidationName = "validation";
    public const string TestName = "test";

    public int Count => Inputs.Cols;
}
