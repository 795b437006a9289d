namespace NnLab.Experiments.Sweeps;

/// <summary>One trial of a sweep: a complete, validated experiment and what distinguishes it from its siblings.</summary>
/// <param name="Index">Its position in the sweep's deterministic order, from 0.</param>
/// <param name="Id">The first 16 hex digits of the SHA-256 of its resolved configuration.</param>
/// <param name="Label">Its folder name, e.g. <c>003-learning_rate=0.5</c>.</param>
/// <param name="Parameters">The axis values in axis order, then repeat and seed when the sweep repeats.</param>
/// <param name="Experiment">The experiment the trial runs: the file without its sweep block, with the parameters applied.</param>
public sealed record SweepTrial(int Index, string Id, string Label, IReadOnlyList<SweepParameter> Parameters, Experiment Experiment);
