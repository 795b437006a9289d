namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The seed of repeat r of a combination: the experiment's seed + 1000·r (mod 2³²). Repeat 0 keeps the file's own
/// seed, so it reproduces <c>nnlab run</c>; the step of 1000 keeps repeats away from the small neighbouring seeds
/// people pick by hand.
/// </summary>
public static class RepeatSeeds
{
    public const uint Step = 1000;

    public static uint For(uint experimentSeed, int repeat) => unchecked(experimentSeed + Step * (uint)repeat);
}
