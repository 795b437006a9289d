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

    /// <summary>
    /// How each network input is computed from the raw columns (features), in input order; null when built in code.
    /// With <see cref="Normalization"/> it turns new raw rows into what the network sees (<see cref="Experiment.PrepareInputs"/>).
    /// </summary>
    public IReadOnlyList<InputFeature>? Features { get; init; }

    /// <summary>The transform applied to every split's inputs, fitted on the training split; null for none.</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>
    /// SHA-256 (hex) of the data as <c>nnlab data --out</c> writes data.csv: every row as read or generated, raw, in
    /// order, with its split. Recorded in summary.json so a run says exactly which data it saw.
    /// </summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The raw rows behind every split, for <c>nnlab data</c>; null when built in code.</summary>
    public DataTable? Table { get; init; }

    /// <summary>The splits that exist, training first, with their names as summary.json and cost.csv use them.</summary>
    public IEnumerable<(string Name, DataSplit Split)> Splits()
    {
        yield return (DataSplit.TrainName, new DataSplit(Inputs, Targets));
        if (Validation is { } validation) yield return (DataSplit.ValidationName, validation);
        if (Test is { } test) yield return (DataSplit.TestName, test);
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
