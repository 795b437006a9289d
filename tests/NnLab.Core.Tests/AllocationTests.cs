using NnLab.Costs;
using NnLab.Numerics;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

public class AllocationTests
{
    private sealed class NullObserver : ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost) { }
    }

    /// <summary>Bytes the calling thread allocates training <paramref name="epochs"/> epochs after a warm-up run.</summary>
    private static long Allocated(Func<Trainer<double>> createTrainer, Matrix<double> x, Matrix<double> y, int epochs, int batchSize, bool shuffle)
    {
        var trainer = createTrainer();
        var observer = new NullObserver();
        var settings = new TrainingSettings(epochs, int.MaxValue, batchSize, shuffle, ShuffleSeed: 3);
        trainer.Train(x, y, settings with { Epochs = 2 }, observer); // warm up the JIT and buffers
        return AllocationMeter.BytesAllocatedBy(() => trainer.Train(x, y, settings, observer));
    }

    private static Trainer<double> XorTrainer(IMatrixOperations<double> operations) =>
        new(Network<double>.Build([Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid], 2, new NumpyRandomState(48),
            operations, TestModels.Registry), new HalfSquaredErrorCost<double>(), GradientDescent(1));

    [Theory]
    [InlineData(false, 0, false)]
    [InlineData(false, 3, false)]
    [InlineData(false, 3, true)]
    [InlineData(true, 0, false)]
    [InlineData(true, 1, true)]
    public void Xor_training_allocates_nothing_per_epoch(bool fast, int batchSize, bool shuffle)
    {
        IMatrixOperations<double> ops = fast ? FastMatrixOperations<double>.Instance : ReferenceMatrixOperations<double>.Instance;
        long few = Allocated(() => XorTrainer(ops), XorInputs, XorTargets, 10, batchSize, shuffle);
        long many = Allocated(() => XorTrainer(ops), XorInputs, XorTargets, 2010, batchSize, shuffle);
        Assert.Equal(few, many);
    }

    [Fact]
    public void Threaded_fast_kernels_with_shuffled_mini_batches_allocate_nothing_per_epoch()
    {
        // 64 → 96 relu → 10 softmax cross-entropy, 200 examples in batches of 64 (+ 8): 96×64·64×64 is split over threads.
        var random = new NumpyRandomState(21);
        var x = new Matrix<double>(64, 200);
        var y = new Matrix<double>(10, 200);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.NextGaussian();
        for (int j = 0; j < 200; j++) y[j % 10, j] = 1;
        Trainer<double> Create() => new(
            Network<double>.Build([Linear(96, "he"), Spec(ComponentKind.Layer, "relu"), Linear(10, "he")], 64, new NumpyRandomState(1),
                FastMatrixOperations<double>.Instance, TestModels.Registry),
            new SoftmaxCrossEntropyCost<double>(), GradientDescent(0.1));
        Assert.Equal(Allocated(Create, x, y, 2, 64, true), Allocated(Create, x, y, 12, 64, true));
    }
}

/// <summary>
/// Bytes the calling thread allocates running an action, as the fewest over a few runs. One window can be off by a
/// few KB through no allocation of the action's own: GC.GetAllocatedBytesForCurrentThread miscounts when a collection
/// happens meanwhile (even one that other threads set off, as other test classes running in parallel do), and a
/// full-solution test run under heavy load has shown a one-off excess without a collection too (the runtime's own work,
/// presumably). Such noise comes once; an allocation the action really makes shows in every run, so the fewest still
/// catches it.
/// </summary>
internal static class AllocationMeter
{
    public static long BytesAllocatedBy(Action action)
    {
        const int cleanRunsWanted = 3, maxRuns = 10;
        long fewestClean = long.MaxValue, fewest = long.MaxValue;
        for (int run = 0, clean = 0; run < maxRuns && clean < cleanRunsWanted; run++)
        {
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            fewest = Math.Min(fewest, bytes);
            if (GC.CollectionCount(0) != collections) continue;
            fewestClean = Math.Min(fewestClean, bytes);
            clean++;
        }
        return fewestClean != long.MaxValue ? fewestClean : fewest;
    }
}
