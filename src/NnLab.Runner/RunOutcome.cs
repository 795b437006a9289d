using NnLab.Runner.Training;

namespace NnLab.Runner;

/// <summary>A finished run: where its files are and what summary.json says.</summary>
public sealed record RunOutcome(RunFolder Folder, RunSummary Summary)
{
    /// <summary>Every recorded epoch, as cost.csv has them (a resumed run's earlier rows included).</summary>
    public IReadOnlyList<Recording.CostRecord> Costs { get; init; } = [];

    /// <summary>
    /// The session that trained, holding the final weights (weights.json's), or null when training never ran (the
    /// network could not be built). A report written in the same process takes the weights from here.
    /// </summary>
    public ExperimentSession? Session { get; init; }
}
