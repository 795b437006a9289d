using System.Numerics;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// The model an experiment's loader built while checking it: the network with its initial weights, the cost, and where
/// the weight stream stood after drawing them. The first session in the same precision and kernels trains it, so a
/// run builds its model (and runs a plugin layer's constructor, Build and initializers) once. An experiment hands it out
/// through <see cref="Experiment.TakeModel{T}"/>; training it is the runner's (NnLab.Runner's sessions).
/// </summary>
public abstract class BuiltModel
{
    private protected BuiltModel(long parameterCount, int outputSize)
    {
        ParameterCount = parameterCount;
        OutputSize = outputSize;
    }

    /// <summary>Parameter values (weights and biases) the model holds (0 when not known: a model rebuilt for an experiment made in code).</summary>
    public long ParameterCount { get; }

    /// <summary>Values the model outputs per example.</summary>
    public int OutputSize { get; }
}

/// <summary>A <see cref="BuiltModel"/> computing in <typeparamref name="T"/> with <see cref="Operations"/>.</summary>
public sealed class BuiltModel<T>(Network<T> network, ICost<T> cost, IMatrixOperations<T> operations, RandomStreamState initStream,
    long parameterCount) : BuiltModel(parameterCount, network.OutputSize) where T : IFloatingPointIeee754<T>
{
    /// <summary>The network with its initial weights.</summary>
    public Network<T> Network { get; } = network;
    public ICost<T> Cost { get; } = cost;
    public IMatrixOperations<T> Operations { get; } = operations;

    /// <summary>Where the weight-initialisation stream stood once the network was built (it draws nothing after that).</summary>
    public RandomStreamState InitStream { get; } = initStream;
}
