namespace NnLab.Training;

/// <summary>How long to train, how often to record the cost, how to split the examples into batches, when to give up.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="LogEvery">Record the cost every this many epochs (and at the last epoch).</param>
/// <param name="BatchSize">
/// Examples per update. 0 (the default) or any value ≥ the number of examples m trains on the full batch, exactly as
/// the tutorial's loop. Otherwise each epoch makes ⌈m / BatchSize⌉ updates; the last batch holds the m mod BatchSize
/// remaining examples when BatchSize does not divide m.
/// </param>
/// <param name="Shuffle">
/// Mini-batches only: visit the examples in a fresh random order each epoch, the order
/// <c>np.random.RandomState(ShuffleSeed).permutation(m)</c> gives, drawn epoch after epoch from one stream. Without it,
/// batches are consecutive columns in data order. A full batch is never shuffled (its gradient would only change by rounding).
/// </param>
/// <param name="ShuffleSeed">
/// Seed of the shuffle's own numpy-compatible stream, separate from the weight-initialisation stream so the initial
/// weights do not depend on the batching. Experiments use <see cref="ShuffleSeedFor"/>(seed) = seed + 1 (mod 2³²).
/// </param>
public sealed record TrainingSettings(int Epochs, int LogEvery, int BatchSize = 0, bool Shuffle = false, uint ShuffleSeed = 0)
{
    /// <summary>The divergence bound experiments get unless they say otherwise.</summary>
    public const double DefaultDivergenceFactor = 1e4;

    /// <summary>
    /// Training stops as diverged once a cost exceeds this many times the first epoch's cost (0 turns the bound
    /// off; a non-finite cost always stops it). See <see cref="DivergenceCheck"/>.
    /// </summary>
    public double DivergenceFactor { get; init; } = DefaultDivergenceFactor;

    /// <summary>Stop when the monitored value stops improving and keep the best recorded weights; null: train every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }
    /// <summary>The checkpoint interval experiments get unless they say otherwise (see README: measured cost).</summary>
    public const int DefaultCheckpointEvery = 20000;

    /// <summary>
    /// Hand a checkpoint to the trainer's callback every this many epochs (after the update of every epoch e with
    /// (e + 1) mod CheckpointEvery = 0), besides the one on cancellation; 0 = only that one (no checkpoint is taken at the start or the end).
    /// </summary>
    public int CheckpointEvery { get; init; } = DefaultCheckpointEvery;

    /// <summary>The shuffle seed an experiment with <paramref name="experimentSeed"/> uses: seed + 1, wrapping at 2³².</summary>
    public static uint ShuffleSeedFor(uint experimentSeed) => unchecked(experimentSeed + 1);

    /// <summary>The batch size actually used for <paramref name="examples"/> examples (m for a full batch).</summary>
    public int EffectiveBatchSize(int examples) => BatchSize <= 0 || BatchSize >= examples ? examples : BatchSize;
}
