using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Training;

/// <summary>
/// A copy of a matrix held example by example (m rows of its Rows values), made once per training run so shuffled
/// batches gather whole examples. Split over the threads by examples: each thread transposes its own examples into its
/// own part of the copy, and the system maps that part's pages on that thread too.
/// </summary>
internal sealed class ExampleMajorCopy<T> : IRangeWork where T : IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _source;
    private readonly T[] _copy;

    private ExampleMajorCopy(Matrix<T> source)
    {
        _source = source;
        _copy = GC.AllocateUninitializedArray<T>(source.Data.Length);
    }

    public static T[] Of(Matrix<T> source, int threads)
    {
        var work = new ExampleMajorCopy<T>(source);
        RangeSplit.Run(work, source.Cols, threads, MiniBatches<T>.MinColumnsPerThread(source.Rows));
        return work._copy;
    }

    /// <summary>Examples [start, end), eight rows at a time: eight runs read in order, each example's part written as one run.</summary>
    public void Range(int start, int end)
    {
        int rows = _source.Rows, m = _source.Cols;
        var data = _source.Data;
        for (int r0 = 0; r0 < rows; r0 += 8)
        {
            int count = Math.Min(8, rows - r0);
            for (int j = start; j < end; j++)
                for (int r = r0; r < r0 + count; r++) _copy[j * rows + r] = data[r * m + j];
        }
    }
}
