using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>One training run's live objects: a freshly initialised network, its cost and optimizer.</summary>
public sealed class ExperimentSession
{
    public ExperimentSession(Experiment experiment, Network network, ICost cost, IOptimizer optimizer)
    {
        Experiment = experiment;
        Network = network;
        Cost = cost;
        Optimizer = optimizer;
        InitialParameters = network.SnapshotParameters();
    }

    public Experiment Experiment { get; }
    public Network Network { get; }
    public ICost Cost { get; }
    public IOptimizer Optimizer { get; }

    /// <summary>Every layer's parameters as initialised, before any update (weights.json "initial").</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Matrix>> InitialParameters { get; }

    public TrainingResult Train(ITrainingObserver observer, TrainingProgress? progress = null,
        CancellationToken cancellation = default) =>
        new Trainer(Network, Cost, Optimizer).Train(Experiment.Data.Inputs, Experiment.Data.Targets,
            Experiment.Training, observer, progress, cancellation);
}
