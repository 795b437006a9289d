using System.Numerics;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// The model an experiment's loader built while checking it: the network with its initial weights, the cost, and where
/// the weight stream stood after drawing them. The first session in the same precision and kernels trains it, so a
/// run builds its model (and runs a plugin layer's constructor, Build and initializers) once.
/// </summary>
internal abstract class BuiltModel(long parameterCount, int outputSize)
{
    public long ParameterCount { get; } = parameterCount;
    public int OutputSize { get; } = outputSize;
}

internal sealed class BuiltModel<T>(Network<T> network, ICost<T> cost, IMatrixOperations<T> operations, RandomStreamState initStream,
    long parameterCount) : BuiltModel(parameterCount, network.OutputSize) where T : IFloatingPointIeee754<T>
{
    public Network<T> Network { get; } = network;
    public ICost<T> Cost { get; } = cost;
    public IMatrixOperations<T> Operations { get; } = operations;
    public RandomStreamState InitStream { get; } = initStream;
}
