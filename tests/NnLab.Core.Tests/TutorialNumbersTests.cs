using NnLab.Costs;
using NnLab.Numerics;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>
/// The numbers "Nothing but NumPy" prints. Its worked examples round intermediate results to three decimals, so
/// they hold to 1e-3; its coded XOR run is reproduced to 1e-12.
/// </summary>
public class TutorialNumbersTests
{
    private const double Printed = 1e-3;

    [Fact]
    public void Or_worked_example_two_steps()
    {
        var network = Build(2, 0, Linear(1, Values([0.1, 0.6])), Sigmoid);
        var (w, b) = (network.Parameters[0], network.Parameters[1]);
        var optimizer = GradientDescent(1);
        optimizer.Initialize(network.Parameters);

        double cost0 = Step(network, HalfSquaredError, optimizer, XorInputs, OrTargets);
        Assert.Equal(0.089, cost0, Printed);
        AssertClose([-0.048, -0.038], w.Gradient.Data, Printed);
        AssertClose([-0.037], b.Gradient.Data, Printed);
        AssertClose([0.148, 0.638], w.Value.Data, Printed);

        double cost1 = Step(network, HalfSquaredError, optimizer, XorInputs, OrTargets);
        Assert.Equal(0.084, cost1, Printed);
        AssertClose([-0.044, -0.035], w.Gradient.Data, Printed);
        AssertClose([-0.031], b.Gradient.Data, Printed);
    }

    [Fact]
    public void Xor_2_3_1_worked_example_two_steps()
    {
        var network = Build(2, 0,
            Linear(3, Values([0.1, 0.6], [0.2, 0.4], [0.3, 0.7])), Sigmoid, Linear(1, Values([0.1, 0.4, 0.9])), Sigmoid);
        var p = network.Parameters; // W1, b1, W2, b2
        var optimizer = GradientDescent(1);
        optimizer.Initialize(p);

        Assert.Equal(0.145, Step(network, HalfSquaredError, optimizer, XorInputs, XorTargets), Printed);
        AssertClose([0.024, 0.023, 0.025], p[2].Gradient.Data, Printed);
        AssertClose([0.041], p[3].Gradient.Data, Printed);
        AssertClose([0.001, 0.001, 0.001, 0.002, 0.002, 0.003], p[0].Gradient.Data, Printed);
        // The tutorial sums dZ1 values it has already rounded to 3 decimals, which moves db1 by up to 1.1e-3.
        AssertClose([0.002, 0.004, 0.007], p[1].Gradient.Data, 1.5e-3);
        AssertClose([0.076, 0.377, 0.875], p[2].Value.Data, Printed);

        Step(network, HalfSquaredError, optimizer, XorInputs, XorTargets);
        AssertClose([0.023, 0.022, 0.024], p[2].Gradient.Data, Printed);
        AssertClose([0.039], p[3].Gradient.Data, Printed);
        AssertClose([0, 0, 0.001, 0.002, 0.002, 0.003], p[0].Gradient.Data, Printed);
        AssertClose([0.001, 0.003, 0.007], p[1].Gradient.Data, Printed);
    }

    [Fact]
    public void Xor_feature_cross_worked_example()
    {
        var inputs = Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1]);
        var network = Build(3, 0, Linear(1, Values([0.1, 0.6, 0.2])), Sigmoid);
        var optimizer = GradientDescent(1);
        optimizer.Initialize(network.Parameters);
        Step(network, HalfSquaredError, optimizer, inputs, XorTargets);
        AssertClose([0.007, 0.016, 0.037], network.Parameters[0].Gradient.Data, Printed);
        AssertClose([0.093, 0.584, 0.163], network.Parameters[0].Value.Data, Printed);
    }

    [Fact]
    public void Xor_coded_example_reproduces_the_printed_costs_and_predictions()
    {
        var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);
        var recorder = new CostRecorder();
        var result = new Trainer<double>(network, new HalfSquaredErrorCost<double>(), GradientDescent(1))
            .Train(XorInputs, XorTargets, new TrainingSettings(5000, 100), recorder);

        var printed = new Dictionary<int, double>
        {
            [4600] = 0.001018305488651183,
            [4700] = 0.000983783942124411,
            [4800] = 0.0009514180100050973,
            [4900] = 0.0009210166430616655,
        };
        foreach (var (epoch, cost) in printed)
            Assert.Equal(cost, recorder.Rows.Single(r => r.Epoch == epoch).Cost, cost * 1e-12);
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(5000, result.EpochsCompleted);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 100).Append(4999), recorder.Rows.Select(r => r.Epoch));
        Assert.Equal([0.0, 1, 1, 0], result.Predictions.Data.Select(v => v >= 0.5 ? 1.0 : 0.0));
    }

    [Fact]
    public void Xor_coded_example_with_the_fast_kernels_stays_within_1e_12_of_the_printed_costs()
    {
        // The fast kernels fuse each multiply–add (one rounding instead of two); over 5000 epochs the costs still agree.
        var network = Network<double>.Build([Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid], 2, new NumpyRandomState(48),
            FastMatrixOperations<double>.Instance, TestModels.Registry);
        var recorder = new CostRecorder();
        new Trainer<double>(network, new HalfSquaredErrorCost<double>(), GradientDescent(1))
            .Train(XorInputs, XorTargets, new TrainingSettings(5000, 100), recorder);
        foreach (var (epoch, cost) in new[] { (4600, 0.001018305488651183), (4900, 0.0009210166430616655) })
            Assert.Equal(cost, recorder.Rows.Single(r => r.Epoch == epoch).Cost, cost * 1e-12);
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]} ± {tolerance}, got {actual[i]}");
    }
}
