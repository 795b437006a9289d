namespace NnLab.Runner.Recording;

/// <summary>
/// One row of cost.csv: the cost of an epoch, computed before that epoch's update, and with a validation split that
/// split's cost and accuracy (classification) or mean absolute error (regression) on the same weights.
/// </summary>
public readonly record struct CostRecord(int Epoch, double Cost)
{
    public double? ValidationCost { get; init; }
    public double? ValidationAccuracy { get; init; }
    public double? ValidationMae { get; init; }
}
