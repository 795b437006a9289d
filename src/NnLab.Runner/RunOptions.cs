namespace NnLab.Runner;

/// <summary>Where a run goes and who watches it.</summary>
public sealed record RunOptions
{
    /// <summary>The --out folder, used as the run folder itself; null for runs/&lt;name&gt;/&lt;timestamp&gt;.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where timestamped run folders go, relative to the current directory unless rooted.</summary>
    public string RunsRoot { get; init; } = "runs";

    /// <summary>
    /// Whether training keeps <c>checkpoints/last</c> current (at the start, every <c>checkpoint_every</c> epochs, on
    /// cancellation and at the end). A sweep's trials run without: a trial is rerun whole, never resumed.
    /// </summary>
    public bool Checkpoints { get; init; } = true;

    /// <summary>Shows progress while training; null shows nothing beyond the log.</summary>
    public ITrainingMonitor? Monitor { get; init; }
}
