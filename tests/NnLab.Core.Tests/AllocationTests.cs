using NnLab.Costs;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

public class AllocationTests
{
    private sealed class NullObserver : ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost) { }
    }

    [Fact]
    public void Training_allocates_nothing_per_epoch()
    {
        long Allocated(int epochs)
        {
            var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);
            var trainer = new Trainer(network, new HalfSquaredErrorCost(), GradientDescent(1));
            var settings = new TrainingSettings(epochs, int.MaxValue);
            var (x, y, observer) = (XorInputs, XorTargets, new NullObserver());
            trainer.Train(x, y, new TrainingSettings(2, int.MaxValue), observer); // warm up the JIT and buffers
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Train(x, y, settings, observer);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long few = Allocated(10);
        long many = Allocated(2010);
        Assert.Equal(few, many);
    }
}
