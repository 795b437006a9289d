namespace NnLab.Experiments.Sweeps;

/// <summary>The sweep block's settings, defaults filled in.</summary>
/// <param name="Mode">How axes combine.</param>
/// <param name="Parallel">Trials run at once unless --parallel says otherwise; null: the processor count.</param>
/// <param name="OnError">Whether a failed trial stops the sweep.</param>
/// <param name="Repeats">Runs per combination, each with its own derived seed (see <see cref="RepeatSeeds"/>).</param>
/// <param name="Samples">Random mode: how many combinations to draw.</param>
/// <param name="SamplerSeed">Random mode: the seed of the stream values are drawn from.</param>
public sealed record SweepSettings(
    SweepMode Mode,
    int? Parallel,
    SweepErrorPolicy OnError,
    int Repeats,
    int? Samples,
    uint? SamplerSeed)
{
    /// <summary>
    /// What trials (and groups of repeats) are ranked by: <c>rank_by</c> as written, else validation cost when the
    /// first trial's experiment has a validation split, else final cost.
    /// </summary>
    public SweepRankBy RankBy { get; init; } = SweepRankBy.FinalCost;

    /// <summary>Where the trials run (<c>sweep.launcher</c>); not part of the definition hash, so a sweep can be resumed elsewhere.</summary>
    public SweepLauncher Launcher { get; init; } = SweepLauncher.Local;

    /// <summary>What each trial writes: <c>lean</c> (its record and cost curve, in the sweep's state files) or <c>full</c> (a whole run folder).</summary>
    public SweepTrialFiles TrialFiles { get; init; } = SweepTrialFiles.Lean;

    /// <summary>Whether lean trials that share a model shape train side by side in lanes (<c>together</c>); the results are the same either way.</summary>
    public SweepTogether Together { get; init; } = SweepTogether.Auto;
}

/// <summary>Whether a sweep's trials train together (<c>together</c>).</summary>
public enum SweepTogether
{
    /// <summary>Lean trials that can share a training pass (same model shape, batching and epochs; built-in components) do.</summary>
    Auto,

    /// <summary>Every trial trains alone (for timing the difference: the results are the same bits).</summary>
    Off,
}

/// <summary>What a sweep's trial writes (<c>trial_files</c>).</summary>
public enum SweepTrialFiles
{
    /// <summary>Only its record and cost curve, appended to the sweep's state file; no run folder (materialize one on demand).</summary>
    Lean,

    /// <summary>An ordinary run folder (config, cost.csv, predictions, weights, summary, log), without checkpoints.</summary>
    Full,
}
