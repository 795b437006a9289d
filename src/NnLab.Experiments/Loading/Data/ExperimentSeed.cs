namespace NnLab.Experiments.Loading;

/// <summary>
/// The experiment's <c>seed</c> as the data section reads it, noting whether it did: data read without it (inline rows,
/// a file, a generator or split with a seed of its own) are the same whatever the experiment's seed is.
/// </summary>
internal sealed class ExperimentSeed(uint value)
{
    /// <summary>Whether <see cref="Value"/> was read.</summary>
    public bool Used { get; private set; }

    public uint Value
    {
        get
        {
            Used = true;
            return value;
        }
    }
}
