using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Runner.Training;

/// <summary>
/// One training run's live objects: a freshly initialised network, its cost and optimizer, in the experiment's
/// precision (<see cref="ExperimentSession{T}"/>). What leaves a session (parameters, predictions) is float64, which
/// holds every float32 value exactly. <see cref="ExperimentSessions.CreateSession(Experiment)"/> makes one from a checked
/// experiment and its built model.
/// </summary>
public abstract class ExperimentSession : IPredictsOutputs
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

    /// <summary>
    /// The network's outputs for <paramref name="inputs"/> (one example per column) as it stands, probabilities for a
    /// fused-logit cost, as float64: <see cref="Score"/> without a cost, for inputs that have no targets (a report's grid).
    /// </summary>
    public abstract Matrix<double> Predict(Matrix<double> inputs);

    /// <summary>
    /// Where the weight-initialisation stream stood once the network was built (it draws nothing after that); a
    /// checkpoint records it, and a resumed run, which draws the same initial weights again, must arrive at the same.
    /// </summary>
    public RandomStreamState? InitStream { get; init; }

    /// <summary>Whether the optimizer can save its state (<see cref="IStatefulOptimizer{T}"/>): without it a run cannot be resumed.</summary>
    public abstract bool OptimizerSavesState { get; }

    /// <summary>
    /// Trains, from epoch 0 or from <paramref name="resumeFrom"/>, handing checkpoints to <paramref name="checkpoint"/>
    /// (see <see cref="Trainer{T}.Train"/>). Once per session: a second call throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public abstract TrainingResult Train(ITrainingObserver observer, TrainingProgress? progress = null,
        CancellationToken cancellation = default, TrainingCheckpoint? resumeFrom = null, Action<TrainingCheckpoint>? checkpoint = null);
}
