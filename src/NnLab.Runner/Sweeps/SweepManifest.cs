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
}
