namespace NnLab.Runner;

/// <summary>A finished run: where its files are and what summary.json says.</summary>
public sealed record RunOutcome(RunFolder Folder, RunSummary Summary);
