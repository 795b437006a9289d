using NnLab.Costs;
using NnLab.Diagnostics;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Tests;

public class GradientCheckTests
{
    private const double Threshold = 1e-6;

    public static TheoryData<string> LayerNames => new(TestModels.Registry.All
        .Where(d => d.Kind == ComponentKind.Layer && d.Source == ComponentRegistry.BuiltInSource).Select(d => d.Name));

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Every_built_in_layer_agrees_with_finite_differences(string name)
    {
        var descriptor = TestModels.Registry.Get(ComponentKind.Layer, name);
        var options = descriptor.CreateDefaultOptions();
        if (options is Layers.LinearOptions linear) (linear.Units, linear.Init) = (3, "he");
        var network = Network(descriptor, options, inputSize: 4);
        var random = new NumpyRandomState(7);
        var input = GradientChecker.RandomMatrix(4, 5, random);

        var result = GradientChecker.CheckLayer(name, network.Layers[0], network.OutputSize, input, random);
        Assert.True(result.Passes(Threshold), $"{name}: {string.Join(", ", result.MaxRelativeErrors)}");
    }

    public static TheoryData<string> CostNames => new(TestModels.Registry.All
        .Where(d => d.Kind == ComponentKind.Cost && d.Source == ComponentRegistry.BuiltInSource).Select(d => d.Name));

    [Theory]
    [MemberData(nameof(CostNames))]
    public void Every_built_in_cost_agrees_with_finite_differences(string name)
    {
        var cost = TestModels.Registry.Get(ComponentKind.Cost, name).Create<ICost<double>>(null);
        var random = new NumpyRandomState(11);
        var predictions = GradientChecker.RandomMatrix(3, 5, random);
        if (name == "binary_cross_entropy") // probabilities, away from the clip
            for (int i = 0; i < predictions.Length; i++) predictions.Data[i] = 0.1 + 0.8 / (1 + Math.Exp(-predictions.Data[i]));
        var targets = new Matrix<double>(3, 5);
        for (int j = 0; j < 5; j++) targets[(j * 2) % 3, j] = 1; // one-hot, also valid 0/1 labels
        var result = GradientChecker.CheckCost(name, cost, predictions, targets);
        Assert.True(result.Passes(Threshold), $"{name}: {result.MaxRelativeError}");
    }

    [Fact]
    public void A_wrong_backward_is_caught()
    {
        var random = new NumpyRandomState(3);
        var result = GradientChecker.CheckLayer("broken", new HalfGradientSigmoid(), 2,
            GradientChecker.RandomMatrix(2, 3, random), random);
        Assert.False(result.Passes(1e-2));
        Assert.Equal(1.0 / 3, result.MaxRelativeErrors["input"], 1e-6);
    }

    [Fact]
    public void Costs_match_hand_computed_values()
    {
        var predictions = Matrix.FromRows([0.5, 0.25]);
        var targets = Matrix.FromRows([1, 0]);
        var gradient = new Matrix<double>(1, 2);
        // 1/(2·2)·(0.25 + 0.0625) = 0.078125; gradient −(y − ŷ)/m = [−0.25, 0.125]
        Assert.Equal(0.078125, new HalfSquaredErrorCost<double>().Evaluate(predictions, targets, gradient));
        Assert.Equal([-0.25, 0.125], gradient.Data);
        // Σ(y − ŷ)² = 0.3125; gradient −2(y − ŷ) = [−1, 0.5]
        Assert.Equal(0.3125, new SumOfSquaresCost<double>().Evaluate(predictions, targets, gradient));
        Assert.Equal([-1.0, 0.5], gradient.Data);
    }

    [Fact]
    public void Sigmoid_matches_hand_computed_values()
    {
        var network = TestModels.Build(1, 0, TestModels.Sigmoid);
        var output = network.Forward(Matrix.FromRows([0, Math.Log(3)]));
        Assert.Equal([0.5, 0.75], output.Data);
    }

    private static Training.Network<double> Network(ComponentDescriptor descriptor, object? options, int inputSize) =>
        TestModels.Build(inputSize, 5, new ComponentSpec(descriptor, options));

    /// <summary>A sigmoid whose backward forgets a factor: the checker must flag it.</summary>
    private sealed class HalfGradientSigmoid : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [];
        public int Build(LayerBuildContext<double> context) => context.InputSize;
        public void Forward(Matrix<double> input, Matrix<double> output)
        {
            for (int i = 0; i < input.Length; i++) output.Data[i] = 1 / (1 + Math.Exp(-input.Data[i]));
        }
        public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
        {
            for (int i = 0; i < input.Length; i++)
                inputGradient!.Data[i] = 0.5 * outputGradient.Data[i] * output.Data[i] * (1 - output.Data[i]);
        }
    }
}
