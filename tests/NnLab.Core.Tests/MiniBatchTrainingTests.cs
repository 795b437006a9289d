using NnLab.Costs;
using NnLab.Numerics;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

public class MiniBatchTrainingTests
{
    private static (TrainingResult Result, CostRecorder Costs, Network<double> Network) Xor(TrainingSettings settings)
    {
        var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);
        var recorder = new CostRecorder();
        var result = new Trainer<double>(network, new HalfSquaredErrorCost<double>(), GradientDescent(1))
            .Train(XorInputs, XorTargets, settings, recorder);
        return (result, recorder, network);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(1000, true)]
    public void A_full_batch_setting_reproduces_the_full_batch_run_bit_for_bit(int batchSize, bool shuffle)
    {
        var baseline = Xor(new TrainingSettings(5000, 100));
        var run = Xor(new TrainingSettings(5000, 100, batchSize, shuffle, ShuffleSeed: 49));
        Assert.Equal(baseline.Costs.Rows, run.Costs.Rows);
        Assert.Equal(0.0009210166430616655, run.Costs.Rows.Single(r => r.Epoch == 4900).Cost, 0.0009210166430616655 * 1e-12);
        Assert.Equal(baseline.Result.Predictions.Data, run.Result.Predictions.Data);
    }

    [Fact]
    public void Shuffled_batches_of_three_match_numpy()
    {
        // tests/reference/xor_minibatch.py: permutation(4) per epoch from RandomState(48 + 1), batches of 3 and 1.
        var (result, costs, _) = Xor(new TrainingSettings(1000, 1, 3, true, TrainingSettings.ShuffleSeedFor(48)));
        var printed = new Dictionary<int, double>
        {
            [0] = 0.13251571923348615,
            [1] = 0.1339984193361898,
            [100] = 0.12217258001162748,
            [999] = 0.007417669144789092,
        };
        foreach (var (epoch, cost) in printed)
            Assert.Equal(cost, costs.Rows[epoch].Cost, cost * 1e-12);
        Assert.Equal(TrainingStatus.Completed, result.Status);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Small_batches_train_xor_deterministically(int batchSize, bool shuffle)
    {
        var settings = new TrainingSettings(1500, 1, batchSize, shuffle, ShuffleSeed: 49);
        var first = Xor(settings);
        var second = Xor(settings);
        Assert.Equal(first.Costs.Rows, second.Costs.Rows);
        Assert.Equal(first.Result.Predictions.Data, second.Result.Predictions.Data);
        Assert.True(first.Result.FinalCost < 0.2 * first.Costs.Rows[0].Cost,
            $"cost {first.Costs.Rows[0].Cost} → {first.Result.FinalCost}");
    }

    [Fact]
    public void Each_epoch_steps_through_the_batches_as_a_hand_written_loop_does()
    {
        // Batches of 3 over XOR's 4 examples (3 + 1), shuffled with permutation(4) from RandomState(7) per epoch.
        const int epochs = 5;
        var (_, costs, trained) = Xor(new TrainingSettings(epochs, 1, 3, true, ShuffleSeed: 7));

        var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);
        var optimizer = GradientDescent(1);
        optimizer.Initialize(network.Parameters);
        var cost = new HalfSquaredErrorCost<double>();
        var random = new NumpyRandomState(7);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var order = random.Permutation(4);
            double weighted = 0;
            foreach (var columns in new[] { order[..3], order[3..] })
            {
                var x = Columns(XorInputs, columns);
                var y = Columns(XorTargets, columns);
                weighted += Step(network, cost, optimizer, x, y) * columns.Length;
            }
            Assert.Equal(weighted / 4, costs.Rows[epoch].Cost);
        }
        for (int p = 0; p < network.Parameters.Count; p++)
            Assert.Equal(network.Parameters[p].Value.Data, trained.Parameters[p].Value.Data);
    }

    [Theory]
    [InlineData(20, true, 37, 5, 1)]
    [InlineData(8, true, 37, 5, 1)]
    [InlineData(37, true, 37, 5, 1)]
    [InlineData(20, false, 37, 5, 1)]
    [InlineData(128, true, 300, 600, 2)] // the copy and the batches of 128 split over two threads
    [InlineData(124, true, 300, 600, 2)] // a batch that is not whole groups of eight examples
    [InlineData(128, false, 300, 600, 2)]
    public void Each_batch_holds_the_columns_of_its_part_of_the_epoch_order(int batchSize, bool shuffle, int m, int rows, int threads)
    {
        // 37 examples of 5 values (and 2 targets): batches of 20 are 8 + 8 + 4 and 8 + 8 + 1 examples, gathered from
        // the copy held example by example when shuffling.
        var x = new Matrix<double>(rows, m);
        var y = new Matrix<double>(2, m);
        for (int i = 0; i < x.Length; i++) x.Data[i] = 1000 + i;
        for (int i = 0; i < y.Length; i++) y.Data[i] = -i;
        var batches = new MiniBatches<double>(x, y, batchSize, shuffle, seed: 3, threads);
        var random = new NumpyRandomState(3);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            batches.StartEpoch();
            var order = shuffle ? random.Permutation(m) : Enumerable.Range(0, m).ToArray();
            for (int b = 0; b < batches.Count; b++)
            {
                var columns = order.Skip(b * batchSize).Take(batchSize).ToArray();
                var (bx, by) = batches.Gather(b);
                Assert.Equal(Columns(x, columns).Data, bx.Data);
                Assert.Equal(Columns(y, columns).Data, by.Data);
            }
        }
    }

    [Fact]
    public void The_optimizer_counts_updates_not_epochs()
    {
        var steps = new List<int>();
        var network = Build(2, 48, Linear(1, "xavier"), Sigmoid);
        new Trainer<double>(network, new HalfSquaredErrorCost<double>(), new StepRecorder(steps))
            .Train(XorInputs, XorTargets, new TrainingSettings(3, 1, BatchSize: 3), new CostRecorder());
        Assert.Equal([0, 1, 2, 3, 4, 5], steps);
    }

    private static Matrix<double> Columns(Matrix<double> source, int[] columns)
    {
        var result = new Matrix<double>(source.Rows, columns.Length);
        for (int r = 0; r < source.Rows; r++)
            for (int j = 0; j < columns.Length; j++) result[r, j] = source[r, columns[j]];
        return result;
    }

    private sealed class StepRecorder(List<int> steps) : IOptimizer<double>
    {
        public void Initialize(IReadOnlyList<Parameter<double>> parameters) { }
        public void Step(int step) => steps.Add(step);
    }
}
