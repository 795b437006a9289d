using System.Numerics;

namespace NnLab.Training.Lanes;

/// <summary>
/// One trial to train in a lane beside others (<see cref="LaneTrainer{T}"/>): its freshly built network, cost and
/// optimizer, its own data, settings and observer. After training the network holds the trial's final weights, as it
/// would after <see cref="Trainer{T}.Train"/>.
/// </summary>
public sealed record LaneMember<T>(Network<T> Network, ICost<T> Cost, IOptimizer<T> Optimizer, Matrix<T> Inputs, Matrix<T> Targets,
    TrainingSettings Settings, ITrainingObserver Observer) where T : IFloatingPointIeee754<T>;
