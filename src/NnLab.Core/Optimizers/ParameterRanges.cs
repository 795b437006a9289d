using System.Numerics;

namespace NnLab.Optimizers;

/// <summary>
/// A model's parameters as one index range, their values taken one parameter after another, so that a step can be
/// split into ranges that cut across parameters (<see cref="Numerics.RangeSplit"/>).
/// </summary>
internal sealed class ParameterRanges
{
    private readonly int[] _starts;

    private ParameterRanges(IEnumerable<int> lengths)
    {
        var starts = new List<int> { 0 };
        foreach (int length in lengths) starts.Add(checked(starts[^1] + length));
        _starts = [.. starts];
    }

    public static ParameterRanges Of<T>(IReadOnlyList<Parameter<T>> parameters) where T : IFloatingPointIeee754<T> =>
        new(parameters.Select(p => p.Value.Length));

    /// <summary>Values in all parameters together.</summary>
    public int Length => _starts[^1];

    /// <summary>The parts of [start, end) in each parameter it touches, in parameter order.</summary>
    public Enumerator Within(int start, int end) => new(_starts, start, end);

    /// <summary>One parameter's part of a range: values [Start, Start + Length) of parameter <c>Index</c>.</summary>
    public readonly record struct Slice(int Index, int Start, int Length);

    /// <summary>Allocation-free enumeration of the slices of a range.</summary>
    public struct Enumerator(int[] starts, int start, int end)
    {
        private int _index = -1;

        public Slice Current { get; private set; }

        public bool MoveNext()
        {
            while (++_index < starts.Length - 1)
            {
                int from = Math.Max(start, starts[_index]), to = Math.Min(end, starts[_index + 1]);
                if (from >= to) continue;
                Current = new Slice(_index, from - starts[_index], to - from);
                return true;
            }
            return false;
        }

        public readonly Enumerator GetEnumerator() => this;
    }
}
