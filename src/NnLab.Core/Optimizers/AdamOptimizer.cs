using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; W ← W − α·m̂/(√v̂ + ε) with bias-corrected
/// m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
/// </summary>
[Register("adam", Description = "Adam with bias correction")]
public sealed class AdamOptimizer<T>(AdamOptions options) : IStatefulOptimizer<T>, IThreadedOptimizer, IRangeWork, ITracedOptimizer<T>, ILaneOptimizer<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>A range split off to another thread is at least this long (~15 µs of one core's work).</summary>
    private const int MinValuesPerThread = 8192;

    private Parameter<T>[] _parameters = []; // an array: the step indexes it per parameter without interface calls
    private ParameterRanges _ranges = ParameterRanges.Of<T>([]);
    private T[][] _first = [];
    private T[][] _second = [];
    private AdamScalars<T> _scalars;

    /// <inheritdoc cref="IThreadedOptimizer.Threads"/>
    int IThreadedOptimizer.Threads { get; set; } = 1;

    public void Initialize(IReadOnlyList<Parameter<T>> parameters)
    {
        (_parameters, _ranges) = ([.. parameters], ParameterRanges.Of(parameters));
        _first = parameters.Select(p => new T[p.Value.Length]).ToArray();
        _second = parameters.Select(p => new T[p.Value.Length]).ToArray();
    }

    public void Step(int step)
    {
        _scalars = ScalarsAt(step);
        if (RangeSplit.Splits(_ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread))
            RangeSplit.Run(this, _ranges.Length, ((IThreadedOptimizer)this).Threads, MinValuesPerThread);
        else
            for (int p = 0; p < _parameters.Length; p++) // on the caller, parameter by parameter (see GradientDescentOptimizer)
                AdamUpdate.Apply<T>(_parameters[p].Value.Data, _first[p], _second[p], _parameters[p].Gradient.Data, _scalars);
    }

    LaneRule ILaneOptimizer<T>.Rule => LaneRule.Adam;

    LaneScalars<T> ILaneOptimizer<T>.ScalarsAt(int step) => new(T.Zero, T.Zero, ScalarsAt(step));

    // The bias corrections change with every step.
    bool ILaneOptimizer<T>.SameScalarsEveryStep => false;

    private AdamScalars<T> ScalarsAt(int step)
    {
        int t = step + 1;
        // Schedules and bias corrections are computed in float64, then rounded once to T.
        return new AdamScalars<T>(
            Beta1: T.CreateTruncating(options.Beta1), Beta2: T.CreateTruncating(options.Beta2),
            Keep1: T.CreateTruncating(1 - options.Beta1), Keep2: T.CreateTruncating(1 - options.Beta2),
            Rate: T.CreateTruncating(options.RateAt(step)),
            Correction1: T.CreateTruncating(1 - Math.Pow(options.Beta1, t)),
            Correction2: T.CreateTruncating(1 - Math.Pow(options.Beta2, t)),
            Epsilon: T.CreateTruncating(options.Epsilon));
    }

    /// <summary>
    /// The moment estimates, <c>first_moment.i</c> and <c>second_moment.i</c> for parameter i. The step count is not
    /// state: the trainer passes it to every step (and the bias corrections are computed from it).
    /// </summary>
    public OptimizerState<T> ExportState()
    {
        var state = new OptimizerState<T>();
        for (int p = 0; p < _parameters.Length; p++)
        {
            var (rows, cols) = (_parameters[p].Value.Rows, _parameters[p].Value.Cols);
            state.Matrices[$"first_moment.{p}"] = new Matrix<T>(rows, cols, _first[p]);
            state.Matrices[$"second_moment.{p}"] = new Matrix<T>(rows, cols, _second[p]);
        }
        return state;
    }

    public void ImportState(OptimizerState<T> state)
    {
        for (int p = 0; p < _parameters.Length; p++)
        {
            var (rows, cols) = (_parameters[p].Value.Rows, _parameters[p].Value.Cols);
            state.CopyTo($"first_moment.{p}", _first[p], rows, cols);
            state.CopyTo($"second_moment.{p}", _second[p], rows, cols);
        }
    }

    void IRangeWork.Range(int start, int end)
    {
        foreach (var (p, from, length) in _ranges.Within(start, end))
            AdamUpdate.Apply<T>(_parameters[p].Value.Data.AsSpan(from, length), _first[p].AsSpan(from, length),
                _second[p].AsSpan(from, length), _parameters[p].Gradient.Data.AsSpan(from, length), _scalars);
    }

    string ITracedOptimizer<T>.UpdateFormula =>
        "m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; {P} ← {P} − α·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t)";

    IReadOnlyList<(string Name, double Value)> ITracedOptimizer<T>.Scalars(int step) =>
    [
        ("α", options.RateAt(step)), ("β1", options.Beta1), ("β2", options.Beta2), ("ε", options.Epsilon), ("t", step + 1),
        ("1−β1^t", 1 - Math.Pow(options.Beta1, step + 1)), ("1−β2^t", 1 - Math.Pow(options.Beta2, step + 1)),
    ];

    IReadOnlyList<(string Name, ReadOnlyMemory<T> Values)> ITracedOptimizer<T>.State(int parameter) =>
        [("m", _first[parameter]), ("v", _second[parameter])];
}
