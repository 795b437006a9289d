using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>trials.json: the sweep's definition hash and settings, and every trial's record.</summary>
/// <param name="Format">The manifest's format version, for readers.</param>
/// <param name="Name">The experiment's name.</param>
/// <param name="SourceFile">The sweep file as given on the command line.</param>
/// <param name="DefinitionHash">SHA-256 of the expanded trials; resume refuses a folder whose hash differs.</param>
/// <param name="Mode">grid, zip or random.</param>
/// <param name="Repeats">Runs per combination.</param>
/// <param name="OnError">continue or stop.</param>
/// <param name="RankBy">What trials and groups are ranked by.</param>
/// <param name="ParameterNames">The parameter names every trial has, in order (the CSV columns).</param>
/// <param name="Overrides">The --set overrides of the sweep, applied to every trial.</param>
/// <param name="Status">running while trials run, then how the sweep ended.</param>
/// <param name="UpdatedUtc">When the file was last written.</param>
/// <param name="Trials">Every trial in order.</param>
public sealed record SweepManifest(
    int Format,
    string Name,
    string SourceFile,
    string DefinitionHash,
    SweepMode Mode,
    int Repeats,
    SweepErrorPolicy OnError,
    SweepRankBy RankBy,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<string> Overrides,
    SweepStatus Status,
    DateTime UpdatedUtc,
    IReadOnlyList<TrialRecord> Trials)
{
    public const int CurrentFormat = 1;

    /// <summary>
    /// The folder the sweep file was read from (absolute): relative data files are found from it when a worker loads
    /// the sweep again from sweep.yaml. Null in sweeps written before workers existed.
    /// </summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Why the sweep failed (status <c>failed</c>): a full disk, a trial that ended the process; null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>What each trial writes (<c>lean</c> or <c>full</c>).</summary>
    public SweepTrialFiles TrialFiles { get; init; } = SweepTrialFiles.Full;

    /// <summary>Whether the trials have a validation split (summary.csv's validation columns); null when unknown (older sweeps).</summary>
    public bool? ValidationSplit { get; init; }

    /// <summary>Whether the trials have a test split (summary.csv's test columns); null when unknown (older sweeps).</summary>
    public bool? TestSplit { get; init; }

    /// <summary>The held-out splits the summaries have columns for: as recorded, else as the trials' numbers show.</summary>
    public SweepSplits Splits => new(
        ValidationSplit ?? Trials.Any(t => t.ValidationCost is not null),
        TestSplit ?? Trials.Any(t => t.TestCost is not null));
}
