using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// One training run's live objects: a freshly initialised network, its cost and optimizer, in the experiment's
/// precision (<see cref="ExperimentSession{T}"/>). What leaves a session (parameters, predictions) is float64, which
/// holds every float32 value exactly.
/// </summary>
public abstract class ExperimentSession
{
    private protected ExperimentSession(Experiment experiment) => Experiment = experiment;

    public Experiment Experiment { get; }

    /// <summary>Feature count entering each layer; the last entry is the output size.</summary>
    public abstract IReadOnlyList<int> Sizes { get; }

    /// <summary>Every layer's parameters as initialised, before any update (weights.json "initial").</summary>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> InitialParameters { get; }

    /// <summary>Copies of every layer's parameters as they stand now.</summary>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> SnapshotParameters();

    /// <summary>
    /// The cost of the network as it stands on <paramref name="split"/>, and its outputs (probabilities for a fused-logit
    /// cost) as float64.
    /// </summary>
    public abstract (double Cost, Matrix<double> Outputs) Score(DataSplit split);

    public abstract TrainingResult Train(ITrainingObserver observer, TrainingProgress? progress = null,
        CancellationToken cancellation = default);
}
