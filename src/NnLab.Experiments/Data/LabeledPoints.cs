namespace NnLab.Experiments.Data;

/// <summary>
/// A generated or bundled classification set, one example per row: <c>Rows[i]</c> holds example i's features and
/// <c>Labels[i]</c> its class, 0..k−1.
/// </summary>
public sealed record LabeledPoints(double[][] Rows, int[] Labels);
