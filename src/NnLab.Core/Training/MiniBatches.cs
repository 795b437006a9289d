using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Training;

/// <summary>
/// Gathers mini-batches of columns (examples) into buffers allocated once: one pair for the full batch size and one
/// for the last, partial batch. Each epoch's order is the identity or, when shuffling, a fresh numpy-style permutation
/// from the shuffle stream. Nothing is allocated after construction.
/// </summary>
/// <remarks>
/// Shuffled batches are gathered from a copy of the data with each example's values contiguous, made once here.
/// Gathering columns where they lie reads a whole cache line for each value: the wide bench's 784 × 8192 float64
/// inputs (51 MB) took 0.8-0.9 ms a batch of 128, 50-58 ms an epoch (a tenth of a float32 epoch); from the copy,
/// 0.11 ms and 7 ms. Making the copy takes about 50 ms once (28 of them the system mapping the new 51 MB), and it
/// doubles the memory the training data takes. On 2+ threads both the copy and each large batch's gather are split by
/// examples (<see cref="RangeSplit"/>); where each value lands does not depend on the split.
/// </remarks>
internal sealed class MiniBatches<T> : IRangeWork where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// A range of examples handed to another thread holds at least this many values (~15 µs of copying): a wide
    /// batch of 128 × 784 splits in two, digits' 64 × 64 does not.
    /// </summary>
    private const int MinValuesPerThread = 32768;

    private readonly Matrix<T> _inputs;
    private readonly Matrix<T> _targets;
    private readonly T[]? _inputsByExample;
    private readonly T[]? _targetsByExample;
    private readonly int[] _order;
    private readonly NumpyRandomState? _random;
    private readonly (Matrix<T> X, Matrix<T> Y) _full;
    private readonly (Matrix<T> X, Matrix<T> Y) _last;
    private readonly int _threads;
    private (Matrix<T> X, Matrix<T> Y) _gathering;
    private int _gatheringStart;

    public MiniBatches(Matrix<T> inputs, Matrix<T> targets, int batchSize, bool shuffle, uint seed, int threads = 1)
    {
        _inputs = inputs;
        _targets = targets;
        _threads = threads;
        int m = inputs.Cols;
        BatchSize = batchSize;
        Count = (m + batchSize - 1) / batchSize;
        _order = new int[m];
        for (int i = 0; i < m; i++) _order[i] = i;
        _random = shuffle ? new NumpyRandomState(seed) : null;
        if (shuffle)
            (_inputsByExample, _targetsByExample) = (ExampleMajorCopy<T>.Of(inputs, threads), ExampleMajorCopy<T>.Of(targets, threads));
        _full = (new Matrix<T>(inputs.Rows, batchSize), new Matrix<T>(targets.Rows, batchSize));
        int rest = m - (Count - 1) * batchSize;
        _last = rest == batchSize ? _full : (new Matrix<T>(inputs.Rows, rest), new Matrix<T>(targets.Rows, rest));
    }

    public int BatchSize { get; }

    /// <summary>Batches per epoch.</summary>
    public int Count { get; }

    /// <summary>Draws the next epoch's order (as <c>permutation(m)</c>: the identity, shuffled) when shuffling.</summary>
    public void StartEpoch()
    {
        if (_random is null) return;
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _random.Shuffle(_order);
    }

    /// <summary>The shuffle stream's position (null without shuffling): restoring it makes the next epoch's order the same.</summary>
    public RandomStreamState? ShuffleState => _random?.GetState();

    public void RestoreShuffle(RandomStreamState? state)
    {
        if (_random is null) return;
        _random.SetState(state ?? throw new ArgumentException("a shuffled run's checkpoint has no shuffle stream position"));
    }

    /// <summary>Fills and returns the buffers of batch <paramref name="index"/> of the current epoch.</summary>
    public (Matrix<T> X, Matrix<T> Y) Gather(int index)
    {
        var batch = index == Count - 1 ? _last : _full;
        int start = index * BatchSize;
        if (_inputsByExample is null)
        {
            CopyColumns(_inputs, batch.X, start);
            CopyColumns(_targets, batch.Y, start);
            return batch;
        }
        (_gathering, _gatheringStart) = (batch, start);
        RangeSplit.Run(this, batch.X.Cols, _threads, MinColumnsPerThread(_inputs.Rows + _targets.Rows));
        return batch;
    }

    /// <summary>Examples [from, to) of the batch being gathered, inputs and targets.</summary>
    void IRangeWork.Range(int from, int to)
    {
        var order = _order.AsSpan(_gatheringStart + from, to - from);
        GatherColumns(_inputs.Rows, _inputsByExample!, order, _gathering.X, from);
        GatherColumns(_targets.Rows, _targetsByExample!, order, _gathering.Y, from);
    }

    internal static int MinColumnsPerThread(int rows) => Math.Max(1, MinValuesPerThread / rows);

    /// <summary>In epoch order without shuffling, a batch is a block of columns: each row's part copied whole.</summary>
    private static void CopyColumns(Matrix<T> source, Matrix<T> destination, int start)
    {
        int width = destination.Cols;
        for (int r = 0; r < source.Rows; r++)
            source.Data.AsSpan(r * source.Cols + start, width).CopyTo(destination.Data.AsSpan(r * width, width));
    }

    /// <summary>
    /// Writes the examples <paramref name="order"/> names into columns <paramref name="first"/>.. of the batch, eight
    /// examples at a time: eight runs read in order, each row of the batch written eight values at once.
    /// </summary>
    private static void GatherColumns(int rows, T[] byExample, ReadOnlySpan<int> order, Matrix<T> destination, int first)
    {
        const int Examples = 8;
        int width = destination.Cols;
        var to = destination.Data;
        Span<int> from = stackalloc int[Examples];
        for (int q0 = 0; q0 < order.Length; q0 += Examples)
        {
            int count = Math.Min(Examples, order.Length - q0);
            for (int q = 0; q < count; q++) from[q] = order[q0 + q] * rows;
            int j0 = first + q0;
            if (count == Examples)
            {
                for (int r = 0, at = j0; r < rows; r++, at += width)
                {
                    to[at] = byExample[from[0] + r]; to[at + 1] = byExample[from[1] + r];
                    to[at + 2] = byExample[from[2] + r]; to[at + 3] = byExample[from[3] + r];
                    to[at + 4] = byExample[from[4] + r]; to[at + 5] = byExample[from[5] + r];
                    to[at + 6] = byExample[from[6] + r]; to[at + 7] = byExample[from[7] + r];
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                    for (int q = 0; q < count; q++) to[r * width + j0 + q] = byExample[from[q] + r];
            }
        }
    }
}
