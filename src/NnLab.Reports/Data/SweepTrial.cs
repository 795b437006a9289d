namespace NnLab.Reports.Data;

/// <summary>
/// One trial of a sweep: a view of its numbers in <see cref="SweepTrials"/> (the table and a position, no copy). Its
/// texts (label, reason, run folder) stay in trials.json: <see cref="SweepFolderData.Details"/> reads the few a page shows.
/// </summary>
internal readonly record struct SweepTrial(SweepTrials Table, int Position)
{
    public int Index => Table.IndexAt(Position);
    public string Status => Table.StatusAt(Position);
    public double FinalCost => Table.FinalCostAt(Position);
    public double? Accuracy => Table.AccuracyAt(Position);
    public double? EpochsCompleted => Table.EpochsAt(Position);

    /// <summary>The validation cost of the kept weights (summary.csv's validation column, when the sweep has one).</summary>
    public double ValidationCost => Table.ValidationCostAt(Position);

    /// <summary>Whether costs.csv recorded a curve for it.</summary>
    public bool HasCurve => Table.HasCurveAt(Position);

    /// <summary>
    /// Whether its cost was still falling when it stopped: its curve's <see cref="Curve.StillFalling()"/> when it has 3 points
    /// or more, else summary.csv's best epoch being its last.
    /// </summary>
    public bool Falling => Table.FallingAt(Position);

    /// <summary>Final over initial cost: summary.csv's initial cost, or its curve's first when summary.csv has none.</summary>
    public double FinalToInitial => FinalCost / Table.InitialCostAt(Position);

    /// <summary>Its value of the parameter, or null when it has none.</summary>
    public ParameterValue? Parameter(string name) => Table.ParameterAt(name, Position);

    public bool Diverged => Status == "diverged";
    public bool Finished => Status is "completed" or "diverged";
}
