namespace NnLab.Experiments.Sweeps;

/// <summary>
/// One trial of a sweep: a validated experiment and what distinguishes it from its siblings. A sweep of up to
/// <see cref="SweepLoader.HeldExperiments"/> trials holds each trial's experiment; a larger one keeps a few numbers
/// per trial (<see cref="LeanTrials"/>), makes the trial when it is asked for, derives its label and parameters and
/// loads its experiment again from the sweep's file, so a sweep's memory does not grow with its trials times their
/// configuration.
/// </summary>
public sealed class SweepTrial
{
    private readonly Experiment? _experiment;
    private readonly LeanTrials? _source;
    private string? _label;
    private IReadOnlyList<SweepParameter>? _parameters;

    /// <summary>A trial that holds its experiment.</summary>
    public SweepTrial(int index, string id, string label, IReadOnlyList<SweepParameter> parameters, Experiment experiment)
        : this(index, id, experiment.Data, experiment.TogetherKey)
    {
        _experiment = experiment;
        _label = label;
        _parameters = parameters;
    }

    /// <summary>A trial of <paramref name="source"/>, which derives its label and parameters and loads its experiment each time it is asked for.</summary>
    internal SweepTrial(int index, string id, ExperimentData data, string? togetherKey, LeanTrials source)
        : this(index, id, data, togetherKey) => _source = source;

    private SweepTrial(int index, string id, ExperimentData data, string? togetherKey)
    {
        Index = index;
        Id = id;
        Data = data;
        TogetherKey = togetherKey;
    }

    /// <summary>Its position in the sweep's deterministic order, from 0.</summary>
    public int Index { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of its resolved configuration.</summary>
    public string Id { get; }

    /// <summary>Its folder name, e.g. <c>003-learning_rate=0.5</c>.</summary>
    public string Label => _label ??= _source!.Label(Index);

    /// <summary>The axis values in axis order, then repeat and seed when the sweep repeats.</summary>
    public IReadOnlyList<SweepParameter> Parameters => _parameters ??= _source!.Parameters(Index);

    /// <summary>The data it trains on, as validated when the sweep was loaded (shared by the trials that load the same).</summary>
    public ExperimentData Data { get; }

    /// <summary>Its experiment's <see cref="Experiment.TogetherKey"/>: trials with equal keys may train side by side.</summary>
    public string? TogetherKey { get; }

    /// <summary>Whether it holds its experiment (else each <see cref="Experiment"/> loads it again).</summary>
    public bool HoldsExperiment => _experiment is not null;

    /// <summary>
    /// The experiment the trial runs: the file without its sweep block, with the parameters applied. When the trial
    /// does not hold it, each call loads it again (a fraction of a millisecond for a small model): take it once per use.
    /// </summary>
    public Experiment Experiment => _experiment ?? _source!.Load(Index);
}
