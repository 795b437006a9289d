namespace NnLab.Experiments.Sweeps;

/// <summary>A validated sweep: its settings and every trial, expanded in a deterministic order, each already checked.</summary>
public sealed class Sweep
{
    /// <summary>The experiment's name (after --set); it names the sweeps/&lt;name&gt;/ folder.</summary>
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    /// <summary>The file as written, sweep block included (sweep.yaml).</summary>
    public required string SourceText { get; init; }

    public required SweepSettings Settings { get; init; }

    /// <summary>The parameter names every trial has, in order: the axis paths, then "repeat" and "seed" when repeating.</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>
    /// Every trial in order. A sweep of more than <see cref="SweepLoader.HeldExperiments"/> trials makes each one when
    /// it is asked for, a new object each time: compare trials by <see cref="SweepTrial.Index"/>, and take one once
    /// per use rather than copying them all into a list (that would hold what the sweep is built not to).
    /// </summary>
    public required IReadOnlyList<SweepTrial> Trials { get; init; }

    /// <summary>
    /// SHA-256 of the trials' numbers, labels and ids: equal exactly when the same configurations would run into
    /// the same folders. Resume compares it.
    /// </summary>
    public required string DefinitionHash { get; init; }

    /// <summary>The --set overrides applied to every trial.</summary>
    public required IReadOnlyList<ConfigOverride> Overrides { get; init; }
}
