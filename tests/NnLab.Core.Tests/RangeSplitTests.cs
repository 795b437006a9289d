using System.Collections.Concurrent;
using System.Numerics;
using NnLab.Costs;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Training;

namespace NnLab.Tests;

/// <summary>
/// Work split over threads by index ranges: the ranges cover every index once, softmax cross-entropy split by examples
/// gives the same bits as on one thread, and the trainer hands the threads to the cost and the optimizer
/// (the optimizers' own split: <see cref="OptimizerStepTests"/>).
/// </summary>
public class RangeSplitTests
{
    private sealed class Recorder : IRangeWork
    {
        public ConcurrentBag<(int Start, int End)> Ranges { get; } = [];
        public void Range(int start, int end) => Ranges.Add((start, end));
    }

    [Theory]
    [InlineData(1797, 2, 256, "0-896 896-1797")]
    [InlineData(511, 2, 256, "0-511")] // too narrow to split
    [InlineData(4096, 1, 256, "0-4096")]
    public void Ranges_cover_every_column_once_in_whole_vectors(int columns, int threads, int min, string expected)
    {
        var recorder = new Recorder();
        RangeSplit.Run(recorder, columns, threads, min);
        if (threads > ThreadsHere()) expected = $"0-{columns}"; // a one-core machine does not split
        Assert.Equal(expected, string.Join(' ', recorder.Ranges.OrderBy(r => r.Start).Select(r => $"{r.Start}-{r.End}")));
    }

    [Fact]
    public void Three_ranges_start_on_multiples_of_sixteen() =>
        Assert.Equal([0, 592, 1184, 1797], Enumerable.Range(0, 4).Select(c => RangeSplit.Start(c, 3, 1797)));

    [Theory]
    [InlineData("float64", false)]
    [InlineData("float64", true)]
    [InlineData("float32", false)]
    [InlineData("float32", true)]
    public void Softmax_cross_entropy_on_two_threads_gives_the_one_thread_bits(string precision, bool classIndices)
    {
        if (precision == "float32") Check<float>(classIndices);
        else Check<double>(classIndices);
    }

    [Fact]
    public void The_trainer_gives_the_cost_and_the_optimizer_the_threads_of_the_network_operations()
    {
        foreach (var (kernels, threads) in new[] { (MatrixKernels.Fast, 2), (MatrixKernels.Fast, 1), (MatrixKernels.Reference, 2) })
        {
            var ops = MatrixOperations.Create<double>(kernels, threads);
            var network = Network<double>.Build([TestModels.Linear(3, new ComponentRef("xavier"))], 2, new NumpyRandomState(1), ops,
                TestModels.Registry);
            var cost = new SoftmaxCrossEntropyCost<double>();
            var optimizer = new AdamOptimizer<double>(new AdamOptions());
            _ = new Trainer<double>(network, cost, optimizer);
            int expected = ops is FastMatrixOperations<double> fast ? fast.Threads : 1;
            Assert.Equal(expected, ((IThreadedCost)cost).Threads);
            Assert.Equal(expected, ((IThreadedOptimizer)optimizer).Threads);
        }
    }

    private static void Check<T>(bool classIndices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(4);
        foreach (int m in new[] { 600, 1797, 4099 })
        {
            var z = new Matrix<T>(10, m);
            for (int i = 0; i < z.Length; i++) z.Data[i] = T.CreateTruncating(3 * random.NextGaussian());
            var y = classIndices ? new Matrix<T>(1, m) : new Matrix<T>(10, m);
            for (int j = 0; j < m; j++)
            {
                int label = (int)(random.NextUniform() * 10);
                if (classIndices) y[0, j] = T.CreateTruncating(label);
                else y[label, j] = T.One;
            }
            var (cost, gradient) = Evaluate(z, y, threads: 1);
            var (split, splitGradient) = Evaluate(z, y, threads: 2);
            Assert.Equal(cost, split);
            Assert.True(gradient.AsSpan().SequenceEqual(splitGradient), $"{typeof(T).Name} m = {m}");
        }
    }

    private static (double Cost, T[] Gradient) Evaluate<T>(Matrix<T> z, Matrix<T> y, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cost = new SoftmaxCrossEntropyCost<T>();
        ((IThreadedCost)cost).Threads = threads;
        var gradient = new Matrix<T>(z.Rows, z.Cols);
        double value = cost.Evaluate(z, y, gradient);
        return (value, gradient.Data);
    }

    private static int ThreadsHere() => FastMatrixOperations<double>.Instance.Threads;
}
