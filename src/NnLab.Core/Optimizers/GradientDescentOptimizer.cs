using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Optimizers;

/// <summary>W ← W − α·dW for every parameter, as the tutorial's update_params.</summary>
[Register("gradient_descent", Aliases = ["sgd"], Description = "W = W - learning_rate * dW")]
public sealed class GradientDescentOptimizer<T>(GradientDescentOptions options) : IStatefulOptimizer<T>, IThreadedOptimizer, IRangeWork, ITracedOptimizer<T>, ILaneOptimizer<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A range split off to another thread is at least this long (~15 µs of one core's work).</summary>
    private const int MinValuesPerThread = 65536;

    private Parameter<T>[] _parameters = []; // an array: the step indexes it per parameter without interface calls
    private ParameterRanges _ranges = ParameterRanges.Of<T>([]);
    private T _rate = T.Zero;

    /// <inheritdoc cref="IThreadedOptimizer.Threads"/>
    int IThreadedOptimizer.Threads { get; set; } = 1;

    public void Initialize(IReadOnlyList<Parameter<T>> parameters) =>
        (_parameters, _ranges) = ([.. parameters], ParameterRanges.Of(parameters));

    public void Step(int step)
    {
        _rate = T.CreateTruncating(options.RateAt(step));
        if (RangeSplit.Splits(_ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread))
            RangeSplit.Run(this, _ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread);
        else
            // On the caller, parameter by parameter: a small model's step is then a few short passes, not a walk
            // through ranges that cross parameters.
            foreach (var p in _parameters) Elementwise.SubtractScaled<T>(p.Value.Data, _rate, p.Gradient.Data);
    }

    LaneRule ILaneOptimizer<T>.Rule => LaneRule.GradientDescent;

    LaneScalars<T> ILaneOptimizer<T>.ScalarsAt(int step) => new(T.CreateTruncating(options.RateAt(step)));

    bool ILaneOptimizer<T>.SameScalarsEveryStep => options.Decay == LearningRateDecay.None;

    /// <summary>Plain gradient descent carries nothing between steps: its state is empty.</summary>
    public OptimizerState<T> ExportState() => new();

    public void ImportState(OptimizerState<T> state) { }

    void IRangeWork.Range(int start, int end)
    {
        foreach (var (p, from, length) in _ranges.Within(start, end))
            Elementwise.SubtractScaled<T>(_parameters[p].Value.Data.AsSpan(from, length), _rate,
                _parameters[p].Gradient.Data.AsSpan(from, length));
    }

    string ITracedOptimizer<T>.UpdateFormula => "{P} ← {P} − α·∂Cost/∂{P}";

    IReadOnlyList<(string Name, double Value)> ITracedOptimizer<T>.Scalars(int step) => [("α", options.RateAt(step))];

    IReadOnlyList<(string Name, ReadOnlyMemory<T> Values)> ITracedOptimizer<T>.State(int parameter) => [];
}
