using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Training;

/// <summary>
/// Gathers mini-batches of columns (examples) into buffers allocated once: one pair for the full batch size and one
/// for the last, partial batch. Each epoch's order is the identity or, when shuffling, a fresh numpy-style permutation
/// from the shuffle stream. Nothing is allocated after construction.
/// </summary>
internal sealed class MiniBatches<T> where T : IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _inputs;
    private readonly Matrix<T> _targets;
    private readonly int[] _order;
    private readonly NumpyRandomState? _random;
    private readonly (Matrix<T> X, Matrix<T> Y) _full;
    private readonly (Matrix<T> X, Matrix<T> Y) _last;

    public MiniBatches(Matrix<T> inputs, Matrix<T> targets, int batchSize, bool shuffle, uint seed)
    {
        _inputs = inputs;
        _targets = targets;
        int m = inputs.Cols;
        BatchSize = batchSize;
        Count = (m + batchSize - 1) / batchSize;
        _order = new int[m];
        for (int i = 0; i < m; i++) _order[i] = i;
        _random = shuffle ? new NumpyRandomState(seed) : null;
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

    /// <summary>Fills and returns the buffers of batch <paramref name="index"/> of the current epoch.</summary>
    public (Matrix<T> X, Matrix<T> Y) Gather(int index)
    {
        var batch = index == Count - 1 ? _last : _full;
        int start = index * BatchSize;
        Gather(_inputs, batch.X, start);
        Gather(_targets, batch.Y, start);
        return batch;
    }

    private void Gather(Matrix<T> source, Matrix<T> destination, int start)
    {
        int width = destination.Cols;
        if (_random is null)
        {
            for (int r = 0; r < source.Rows; r++)
                source.Data.AsSpan(r * source.Cols + start, width).CopyTo(destination.Data.AsSpan(r * width, width));
            return;
        }
        var order = _order.AsSpan(start, width);
        for (int r = 0; r < source.Rows; r++)
        {
            var from = source.Data.AsSpan(r * source.Cols, source.Cols);
            var to = destination.Data.AsSpan(r * width, width);
            for (int j = 0; j < to.Length; j++) to[j] = from[order[j]];
        }
    }
}
