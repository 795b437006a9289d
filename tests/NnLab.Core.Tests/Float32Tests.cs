using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>
/// precision: float32 — every built-in computes in float, agrees with float64 to float's precision, and a run is
/// identical from one time to the next.
/// </summary>
public class Float32Tests
{
    private static Trainer<float> XorTrainer32(IMatrixOperations<float> operations) =>
        new(Network<float>.Build([Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid], 2, new NumpyRandomState(48),
            operations, TestModels.Registry), new HalfSquaredErrorCost<float>(), new GradientDescentOptimizer<float>(new GradientDescentOptions { LearningRate = 1 }));

    private static (TrainingResult Result, CostRecorder Costs) TrainXor32()
    {
        var recorder = new CostRecorder();
        var result = XorTrainer32(ReferenceMatrixOperations<float>.Instance)
            .Train(XorInputs.ConvertTo<float>(), XorTargets.ConvertTo<float>(), new TrainingSettings(5000, 100), recorder);
        return (result, recorder);
    }

    [Fact]
    public void Every_built_in_component_runs_in_both_precisions()
    {
        var builtIns = TestModels.Registry.All.Where(d => d.Source == ComponentRegistry.BuiltInSource).ToList();
        Assert.NotEmpty(builtIns);
        foreach (var descriptor in builtIns)
        {
            Assert.True(descriptor.Supports(typeof(double)), $"{descriptor} float64");
            Assert.True(descriptor.Supports(typeof(float)), $"{descriptor} float32");
        }
    }

    [Fact]
    public void Xor_in_float32_matches_numpy_float32_and_the_float64_tutorial_to_float_precision()
    {
        var (result, costs) = TrainXor32();
        double at4900 = costs.Rows.Single(r => r.Epoch == 4900).Cost;
        // tests/reference/xor_tutorial_float32.py prints 0.0009210179559886456 (BLAS sgemm rounds differently).
        Assert.Equal(0.0009210179559886456, at4900, 0.0009210179559886456 * 2e-6);
        // The tutorial's float64 figure, to float32's ~7 digits after 5000 epochs of rounding.
        Assert.Equal(0.0009210166430616655, at4900, 0.0009210166430616655 * 1e-5);
        Assert.Equal((double)(float)at4900, at4900); // a float cost, widened exactly
        Assert.Equal([0.0, 1, 1, 0], result.Predictions.Data.Select(v => v >= 0.5 ? 1.0 : 0.0));
    }

    [Fact]
    public void Fast_float32_kernels_train_xor_like_the_reference_and_identically_on_one_and_two_threads()
    {
        CostRecorder Train(IMatrixOperations<float> ops)
        {
            var recorder = new CostRecorder();
            XorTrainer32(ops).Train(XorInputs.ConvertTo<float>(), XorTargets.ConvertTo<float>(), new TrainingSettings(5000, 100), recorder);
            return recorder;
        }
        var one = Train(new FastMatrixOperations<float>(1));
        var two = Train(new FastMatrixOperations<float>(2));
        Assert.Equal(one.Rows, two.Rows);
        double reference = TrainXor32().Costs.Rows.Single(r => r.Epoch == 4900).Cost;
        Assert.Equal(reference, one.Rows.Single(r => r.Epoch == 4900).Cost, reference * 2e-6);
    }

    [Fact]
    public void A_float32_run_is_identical_from_run_to_run()
    {
        var (first, firstCosts) = TrainXor32();
        var (second, secondCosts) = TrainXor32();
        Assert.Equal(firstCosts.Rows, secondCosts.Rows);
        Assert.Equal(first.Predictions.Data, second.Predictions.Data);
    }

    [Fact]
    public void Float32_weights_start_as_the_float64_draws_rounded_once()
    {
        var specs = new[] { Linear(3, "xavier"), Sigmoid };
        var w64 = Network<double>.Build(specs, 2, new NumpyRandomState(48), ReferenceMatrixOperations<double>.Instance, TestModels.Registry).Parameters[0].Value;
        var w32 = Network<float>.Build(specs, 2, new NumpyRandomState(48), ReferenceMatrixOperations<float>.Instance, TestModels.Registry).Parameters[0].Value;
        Assert.Equal(w64.Data.Select(v => (float)v), w32.Data);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky_relu")]
    [InlineData("softmax")]
    public void Activations_agree_with_float64_within_a_few_float_ulps(string name)
    {
        var random = new NumpyRandomState(7);
        // 5 × 13: odd sizes, so the vectorised passes also run their scalar tails.
        var z = RandomMatrix(random, 5, 13);
        var up = RandomMatrix(random, 5, 13);
        var (a64, g64) = Run<double>(name, z, up);
        var (a32, g32) = Run<float>(name, z.ConvertTo<float>(), up.ConvertTo<float>());
        for (int i = 0; i < z.Length; i++)
        {
            Assert.True(Math.Abs(a32.Data[i] - a64.Data[i]) <= 1e-6 * (1 + Math.Abs(a64.Data[i])), $"{name} output {i}: {a32.Data[i]} vs {a64.Data[i]}");
            Assert.True(Math.Abs(g32.Data[i] - g64.Data[i]) <= 1e-6 * (1 + Math.Abs(g64.Data[i])), $"{name} gradient {i}: {g32.Data[i]} vs {g64.Data[i]}");
        }
    }

    [Fact]
    public void Costs_agree_with_float64_within_float_precision()
    {
        var random = new NumpyRandomState(11);
        var logits = RandomMatrix(random, 4, 9);
        var oneHot = new Matrix<double>(4, 9);
        for (int j = 0; j < 9; j++) oneHot[j % 4, j] = 1;
        var probabilities = new Matrix<double>(4, 9);
        for (int i = 0; i < logits.Length; i++) probabilities.Data[i] = 1 / (1 + Math.Exp(-logits.Data[i]));
        foreach (var (name, predictions) in new[]
                 {
                     ("half_squared_error", logits), ("sum_of_squares", logits), ("binary_cross_entropy", probabilities),
                     ("binary_cross_entropy_from_logits", logits), ("softmax_cross_entropy", logits),
                 })
        {
            var descriptor = TestModels.Registry.Get(ComponentKind.Cost, name);
            var g64 = new Matrix<double>(4, 9);
            var g32 = new Matrix<float>(4, 9);
            double c64 = descriptor.Create<ICost<double>>(null).Evaluate(predictions, oneHot, g64);
            double c32 = descriptor.Create<ICost<float>>(null).Evaluate(predictions.ConvertTo<float>(), oneHot.ConvertTo<float>(), g32);
            Assert.True(Math.Abs(c32 - c64) <= 2e-6 * Math.Abs(c64), $"{name}: {c32} vs {c64}");
            for (int i = 0; i < g64.Length; i++)
                Assert.True(Math.Abs(g32.Data[i] - g64.Data[i]) <= 2e-6 * (1e-3 + Math.Abs(g64.Data[i])), $"{name} gradient {i}: {g32.Data[i]} vs {g64.Data[i]}");
        }
    }

    [Theory]
    [InlineData(false, 0, false)]
    [InlineData(false, 3, true)]
    [InlineData(true, 0, false)]
    [InlineData(true, 1, true)]
    public void Float32_training_allocates_nothing_per_epoch(bool fast, int batchSize, bool shuffle)
    {
        var (x, y) = (XorInputs.ConvertTo<float>(), XorTargets.ConvertTo<float>());
        IMatrixOperations<float> ops = fast ? FastMatrixOperations<float>.Instance : ReferenceMatrixOperations<float>.Instance;
        long Allocated(int epochs)
        {
            var trainer = XorTrainer32(ops);
            var settings = new TrainingSettings(epochs, int.MaxValue, batchSize, shuffle, ShuffleSeed: 3);
            trainer.Train(x, y, settings with { Epochs = 2 }, new CostRecorder());
            return AllocationMeter.BytesAllocatedBy(() => trainer.Train(x, y, settings, new CostRecorder()));
        }
        Assert.Equal(Allocated(10), Allocated(2010));
    }

    private static Matrix<double> RandomMatrix(IRandomSource random, int rows, int cols) =>
        Diagnostics.GradientChecker.RandomMatrix(rows, cols, random);

    private static (Matrix<T> Output, Matrix<T> InputGradient) Run<T>(string name, Matrix<T> z, Matrix<T> up)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var descriptor = TestModels.Registry.Get(ComponentKind.Layer, name);
        var layer = descriptor.Create<ILayer<T>>(descriptor.CreateDefaultOptions());
        var output = new Matrix<T>(z.Rows, z.Cols);
        var gradient = new Matrix<T>(z.Rows, z.Cols);
        layer.Forward(z, output);
        layer.Backward(z, output, up, gradient);
        return (output, gradient);
    }
}
