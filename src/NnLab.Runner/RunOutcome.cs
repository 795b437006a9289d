namespace NnLab.Runner;

/// <summary>A finished run: where its files are and what summary.json says.</summary>
public sealed record RunOutcome(RunFolder Folder, RunSummary Summary)
{
    /// <summary>Every recorded epoch, as cost.csv has them (a resumed run's earlier rows included).</summary>
    public IReadOnlyList<Recording.CostRecord> Costs { get; init; } = [];
}
