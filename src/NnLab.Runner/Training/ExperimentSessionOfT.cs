using System.Numerics;
using NnLab.Experiments;
using NnLab.Training;
using NnLab.Training.Lanes;

namespace NnLab.Runner.Training;

/// <summary>A session computing in <typeparamref name="T"/>: the data are converted to it once, up front.</summary>
public sealed class ExperimentSession<T> : ExperimentSession where T : IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _inputs;
    private readonly Matrix<T> _targets;
    private readonly ModelPredictor<T> _predictor;

    public ExperimentSession(Experiment experiment, Network<T> network, ICost<T> cost, IOptimizer<T> optimizer)
        : base(experiment)
    {
        Network = network;
        Cost = cost;
        Optimizer = optimizer;
        _predictor = new ModelPredictor<T>(experiment, network, cost);
        _inputs = As(experiment.Data.Inputs);
        _targets = As(experiment.Data.Targets);
        InitialParameters = SnapshotParameters();
    }

    public Network<T> Network { get; }
    public ICost<T> Cost { get; }
    public IOptimizer<T> Optimizer { get; }

    public override IReadOnlyList<int> Sizes => Network.Sizes;

    public override IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> InitialParameters { get; }

    public override IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> SnapshotParameters() =>
        Network.Layers
            .Select(l => (IReadOnlyDictionary<string, Matrix<double>>)l.Parameters.ToDictionary(p => p.Name, p => Widen(p.Value)))
            .ToList();

    public override bool OptimizerSavesState => Optimizer is IStatefulOptimizer<T>;

    public override TrainingResult Train(ITrainingObserver observer, TrainingProgress? progress = null,
        CancellationToken cancellation = default, TrainingCheckpoint? resumeFrom = null, Action<TrainingCheckpoint>? checkpoint = null)
    {
        // A second call would restart the epoch count, schedules and early stopping on weights and optimizer state that
        // have moved on: neither a fresh run nor a continuation. Refuse it rather than train something no file describes.
        if (Interlocked.Exchange(ref _trained, 1) == 1)
            throw new InvalidOperationException(
                "this session has already trained; Train runs once per session. For another run create a new session " +
                "(experiment.CreateSession()); to continue a run, resume it from its checkpoint (nnlab run --resume, ExperimentRunner.ResumeAsync).");
        return new Trainer<T>(Network, Cost, Optimizer).Train(_inputs, _targets, Experiment.Training, observer, progress, cancellation,
            Experiment.Data.Validation is { } v
                ? new ValidationSet<T>(As(v.Inputs), As(v.Targets), v.Targets, Network.OutputSize, Experiment.PredictionThreshold)
                : null,
            resumeFrom, checkpoint);
    }

    private int _trained;

    /// <summary>The session as a member of a pass that trains it beside others, or null when it needs its own loop.</summary>
    internal LaneMember<T>? ClaimForLanes(ITrainingObserver observer)
    {
        // A validation split is scored per recorded epoch by the one-trial loop only.
        if (Experiment.Data.Validation is not null || Volatile.Read(ref _trained) == 1) return null;
        return new LaneMember<T>(Network, Cost, Optimizer, _inputs, _targets, Experiment.Training, observer);
    }

    /// <summary>Takes the session's one training (see <see cref="Train"/>) for such a pass.</summary>
    internal void MarkTrained()
    {
        if (Interlocked.Exchange(ref _trained, 1) == 1) throw new InvalidOperationException("this session has already trained");
    }

    public override (double Cost, Matrix<double> Outputs) Score(DataSplit split)
    {
        var outputs = Network.Forward(As(split.Inputs));
        double cost = Cost.Evaluate(outputs, As(split.Targets), null);
        return (cost, _predictor.Probabilities(outputs));
    }

    public override Matrix<double> Predict(Matrix<double> inputs) => _predictor.Predict(inputs);

    private static Matrix<T> As(Matrix<double> data) => ModelPredictor<T>.As(data);

    private static Matrix<double> Widen(Matrix<T> values) => values is Matrix<double> same ? same.Clone() : values.ConvertTo<double>();
}
