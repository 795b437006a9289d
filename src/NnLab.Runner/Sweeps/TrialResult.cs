namespace NnLab.Runner.Sweeps;

/// <summary>A trial's row of summary.csv: its record plus what its cost curve (cost.csv) says.</summary>
/// <param name="Record">The trial as the manifest has it.</param>
/// <param name="InitialCost">The cost at epoch 0, before any update.</param>
/// <param name="BestCost">The lowest finite recorded cost.</param>
/// <param name="BestEpoch">The epoch of <paramref name="BestCost"/>.</param>
public sealed record TrialResult(TrialRecord Record, double? InitialCost, double? BestCost, int? BestEpoch)
{
    /// <summary>Final cost / initial cost: ≪ 1 learned, ≈ 1 barely moved, ≥ 1 got worse (stalled high or diverged).</summary>
    public double? FinalToInitial => Record.FinalCost is { } final && InitialCost is { } initial && initial != 0 ? final / initial : null;
}
