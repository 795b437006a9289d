using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// v ← μ·v − α·dW; W ← W + v (classical), or W ← W + μ·v − α·dW (Nesterov, in the form Keras and PyTorch use).
/// </summary>
[Register("momentum", Description = "v = mu*v - lr*dW; W += v (nesterov: W += mu*v - lr*dW)")]
public sealed class MomentumOptimizer<T>(MomentumOptions options) : IStatefulOptimizer<T>, IThreadedOptimizer, IRangeWork, ITracedOptimizer<T>, ILaneOptimizer<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A range split off to another thread is at least this long (~15 µs of one core's work).</summary>
    private const int MinValuesPerThread = 32768;

    private Parameter<T>[] _parameters = []; // an array: the step indexes it per parameter without interface calls
    private ParameterRanges _ranges = ParameterRanges.Of<T>([]);
    private T[][] _velocities = [];
    private T _rate = T.Zero, _mu = T.Zero;

    /// <inheritdoc cref="IThreadedOptimizer.Threads"/>
    int IThreadedOptimizer.Threads { get; set; } = 1;

    public void Initialize(IReadOnlyList<Parameter<T>> parameters)
    {
        (_parameters, _ranges) = ([.. parameters], ParameterRanges.Of(parameters));
        _velocities = parameters.Select(p => new T[p.Value.Length]).ToArray();
    }

    public void Step(int step)
    {
        (_rate, _mu) = (T.CreateTruncating(options.RateAt(step)), T.CreateTruncating(options.Momentum));
        if (RangeSplit.Splits(_ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread))
            RangeSplit.Run(this, _ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread);
        else
            for (int p = 0; p < _parameters.Length; p++) // on the caller, parameter by parameter (see GradientDescentOptimizer)
                MomentumUpdate.Apply<T>(_parameters[p].Value.Data, _velocities[p], _parameters[p].Gradient.Data, _mu, _rate, options.Nesterov);
    }

    LaneRule ILaneOptimizer<T>.Rule => options.Nesterov ? LaneRule.Nesterov : LaneRule.Momentum;

    LaneScalars<T> ILaneOptimizer<T>.ScalarsAt(int step) => new(T.CreateTruncating(options.RateAt(step)), T.CreateTruncating(options.Momentum));

    bool ILaneOptimizer<T>.SameScalarsEveryStep => options.Decay == LearningRateDecay.None;

    /// <summary>The velocities, <c>velocity.i</c> for parameter i (its shape).</summary>
    public OptimizerState<T> ExportState()
    {
        var state = new OptimizerState<T>();
        for (int p = 0; p < _parameters.Length; p++)
            state.Matrices[$"velocity.{p}"] = new Matrix<T>(_parameters[p].Value.Rows, _parameters[p].Value.Cols, _velocities[p]);
        return state;
    }

    public void ImportState(OptimizerState<T> state)
    {
        for (int p = 0; p < _parameters.Length; p++)
            state.CopyTo($"velocity.{p}", _velocities[p], _parameters[p].Value.Rows, _parameters[p].Value.Cols);
    }

    void IRangeWork.Range(int start, int end)
    {
        foreach (var (p, from, length) in _ranges.Within(start, end))
            MomentumUpdate.Apply<T>(_parameters[p].Value.Data.AsSpan(from, length), _velocities[p].AsSpan(from, length),
                _parameters[p].Gradient.Data.AsSpan(from, length), _mu, _rate, options.Nesterov);
    }

    string ITracedOptimizer<T>.UpdateFormula => options.Nesterov
        ? "v ← μ·v − α·∂Cost/∂{P}; {P} ← {P} + μ·v − α·∂Cost/∂{P}"
        : "v ← μ·v − α·∂Cost/∂{P}; {P} ← {P} + v";

    IReadOnlyList<(string Name, double Value)> ITracedOptimizer<T>.Scalars(int step) =>
        [("α", options.RateAt(step)), ("μ", options.Momentum)];

    IReadOnlyList<(string Name, ReadOnlyMemory<T> Values)> ITracedOptimizer<T>.State(int parameter) =>
        [("v", _velocities[parameter])];
}
