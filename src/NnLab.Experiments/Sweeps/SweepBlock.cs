namespace NnLab.Experiments.Sweeps;

/// <summary>The names the <c>sweep:</c> block uses.</summary>
internal static class SweepBlock
{
    public const string Key = "sweep";

    public const string Mode = "mode";
    public const string Parallel = "parallel";
    public const string OnError = "on_error";
    public const string Repeats = "repeats";
    public const string Samples = "samples";
    public const string SamplerSeed = "sampler_seed";
    public const string RankBy = "rank_by";
    public const string Axes = "axes";
    public const string TrialFiles = "trial_files";
    public const string Together = "together";

    public const string Launcher = SweepLauncherReader.Key;

    public static readonly IReadOnlyList<string> Keys = [Mode, Parallel, OnError, Repeats, Samples, SamplerSeed, RankBy, TrialFiles, Together, Axes, Launcher];

    /// <summary>The parameter a trial's repeat number is listed under.</summary>
    public const string RepeatParameter = "repeat";

    /// <summary>The parameter (and key) a repeat's derived seed is listed under.</summary>
    public const string SeedParameter = "seed";

    public static string PathOf(string key) => $"{Key}.{key}";
}
