namespace NnLab.Runner;

/// <summary>Where a run goes and who watches it.</summary>
public sealed record RunOptions
{
    /// <summary>The --out folder, used as the run folder itself; null for runs/&lt;name&gt;/&lt;timestamp&gt;.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where timestamped run folders go, relative to the current directory unless rooted.</summary>
    public string RunsRoot { get; init; } = "runs";

    /// <summary>
    /// Whether training keeps <c>checkpoints/last</c> current (every <c>checkpoint_every</c> epochs and on cancellation).
    /// </summary>
    public bool Checkpoints { get; init; } = true;

    /// <summary>
    /// Checkpoints for a preemption only (a sweep's trials), in place of <see cref="Checkpoints"/>: when set, training
    /// writes no periodic checkpoint, and a cancelled run writes <c>checkpoints/last</c> only when this says, as training
    /// stops, that the cancellation is a preemption (the run is then continued from it). A run that is not preempted
    /// writes no checkpoint at all.
    /// </summary>
    public Func<bool>? Preempted { get; init; }

    /// <summary>Shows progress while training; null shows nothing beyond the log.</summary>
    public ITrainingMonitor? Monitor { get; init; }
}
