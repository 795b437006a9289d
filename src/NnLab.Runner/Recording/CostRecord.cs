namespace NnLab.Runner.Recording;

/// <summary>One row of cost.csv: the cost of an epoch, computed before that epoch's update.</summary>
public readonly record struct CostRecord(int Epoch, double Cost);
