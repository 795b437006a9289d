using NnLab.Numerics;

namespace NnLab.Training;

/// <summary>
/// Everything a trainer needs to continue a run exactly where it stood after <see cref="NextEpoch"/> epochs: the
/// parameters, the optimizer's state, the shuffle stream's position and the divergence check's reference, as named
/// arrays and scalars so that more can be added (early stopping's best weights, say) without changing the format.
/// </summary>
/// <remarks>
/// Array names: <c>layer{i}.{parameter}</c> for the network's parameters (<c>layer0.W</c>), <c>optimizer.{name}</c>
/// for the optimizer's matrices (<see cref="OptimizerState{T}"/>); scalar names <c>optimizer.{name}</c> likewise.
/// Other names are free for other state. A checkpoint the trainer hands out may share its arrays with the live
/// network and optimizer: it is valid until the callback returns.
/// </remarks>
public sealed class TrainingCheckpoint
{
    public const string LayerPrefix = "layer";
    public const string OptimizerPrefix = "optimizer.";

    /// <summary>The epoch to continue from: epochs 0..NextEpoch−1 have run (their updates applied).</summary>
    public required int NextEpoch { get; init; }

    /// <summary>The cost of epoch NextEpoch − 1 (NaN when no epoch ran), the result's last-epoch cost if no epoch follows.</summary>
    public required double LastCost { get; init; }

    /// <summary>The first epoch's cost as the divergence check holds it; null before the first epoch.</summary>
    public double? DivergenceFirstCost { get; init; }

    /// <summary>The shuffle stream's position (shuffled mini-batches only), so the next epoch's order is the same.</summary>
    public RandomStreamState? Shuffle { get; init; }

    /// <summary>
    /// Whether the optimizer's state is included: false when it does not implement <see cref="IStatefulOptimizer{T}"/>,
    /// and such a checkpoint cannot be resumed.
    /// </summary>
    public required bool HasOptimizerState { get; init; }

    /// <summary>The element type of every array (double or float: the run's precision).</summary>
    public required Type ElementType { get; init; }

    public Dictionary<string, CheckpointArray> Arrays { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>The name of parameter <paramref name="name"/> of layer <paramref name="layer"/>: <c>layer0.W</c>.</summary>
    public static string ParameterName(int layer, string name) => $"{LayerPrefix}{layer}.{name}";
}

/// <summary>A named array of a checkpoint: row-major values, a <c>double[]</c> or <c>float[]</c> of Rows·Cols.</summary>
public sealed record CheckpointArray(int Rows, int Cols, Array Values)
{
    public static CheckpointArray Of<T>(Matrix<T> matrix) where T : System.Numerics.IFloatingPointIeee754<T> =>
        new(matrix.Rows, matrix.Cols, matrix.Data);

    /// <summary>The values as a matrix of <typeparamref name="T"/> (sharing them); throws when the element type differs.</summary>
    public Matrix<T> As<T>() where T : System.Numerics.IFloatingPointIeee754<T> =>
        Values is T[] data
            ? new Matrix<T>(Rows, Cols, data)
            : throw new ArgumentException($"checkpoint array holds {Values.GetType().GetElementType()?.Name}, expected {typeof(T).Name}");
}
