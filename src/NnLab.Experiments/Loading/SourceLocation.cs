namespace NnLab.Experiments.Loading;

/// <summary>
/// Where an error points. <see cref="Rank"/> and <see cref="Order"/> only sort errors: the experiment file first,
/// then other files (CSV data), then <c>--set</c> arguments in the order given.
/// </summary>
internal readonly record struct SourceLocation(string File, int Line, int Column, int Rank = 0, int Order = 0)
{
    public const int ExperimentFileRank = 0;
    public const int DataFileRank = 1;
    public const int OverrideRank = 2;

    /// <summary>The pseudo file name of command-line overrides.</summary>
    public const string OverrideFile = "--set";

    public static SourceLocation Override(int overrideIndex, int column) =>
        new(OverrideFile, 1, column, OverrideRank, overrideIndex);
}
