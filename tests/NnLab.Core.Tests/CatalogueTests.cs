using NnLab.Costs;
using NnLab.Layers;
using NnLab.Metrics;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;

namespace NnLab.Tests;

/// <summary>Each built-in against values worked out by hand.</summary>
public class CatalogueTests
{
    private static Matrix<double> Forward(ILayer<double> layer, Matrix<double> input)
    {
        var output = new Matrix<double>(input.Rows, input.Cols);
        layer.Forward(input, output);
        return output;
    }

    private static Matrix<double> InputGradient(ILayer<double> layer, Matrix<double> input, Matrix<double> upstream)
    {
        var output = Forward(layer, input);
        var gradient = new Matrix<double>(input.Rows, input.Cols);
        layer.Backward(input, output, upstream, gradient);
        return gradient;
    }

    [Fact]
    public void Tanh_relu_and_leaky_relu()
    {
        var z = Matrix.FromRows([-2, 0, 0.5]);
        var ones = Matrix.FromRows([1, 1, 1]);
        Assert.Equal([Math.Tanh(-2), 0, Math.Tanh(0.5)], Forward(new TanhLayer<double>(), z).Data);
        Assert.Equal([1 - Math.Tanh(-2) * Math.Tanh(-2), 1, 1 - Math.Tanh(0.5) * Math.Tanh(0.5)], InputGradient(new TanhLayer<double>(), z, ones).Data);
        Assert.Equal([0, 0, 0.5], Forward(new ReluLayer<double>(), z).Data);
        Assert.Equal([0, 0, 1], InputGradient(new ReluLayer<double>(), z, ones).Data);
        var leaky = new LeakyReluLayer<double>(new LeakyReluOptions { Alpha = 0.1 });
        Assert.Equal([-0.2, 0, 0.5], Forward(leaky, z).Data);
        Assert.Equal([0.1, 0.1, 1], InputGradient(leaky, z, ones).Data);
    }

    [Fact]
    public void Softmax_normalises_each_column_and_stays_finite_for_huge_logits()
    {
        var a = Forward(new SoftmaxLayer<double>(), Matrix.FromRows([0, 1000, -1000], [Math.Log(3), -1000, 1000]));
        Assert.Equal(0.25, a[0, 0], 1e-15);
        Assert.Equal(0.75, a[1, 0], 1e-15);
        Assert.Equal([1.0, 0.0], [a[0, 1], a[1, 1]]);
        Assert.Equal([0.0, 1.0], [a[0, 2], a[1, 2]]);
    }

    [Fact]
    public void Binary_cross_entropy_on_probabilities_is_clipped_like_keras()
    {
        var cost = new BinaryCrossEntropyCost<double>();
        // −½[log 0.8 + log(1 − 0.4)]
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, cost.Evaluate(Matrix.FromRows([0.8, 0.4]), Matrix.FromRows([1, 0]), null), 1e-15);
        var gradient = new Matrix<double>(1, 2);
        double saturated = cost.Evaluate(Matrix.FromRows([0.0, 1.0]), Matrix.FromRows([1, 0]), gradient);
        Assert.Equal(-Math.Log(1e-7), saturated, 1e-9);
        Assert.Equal([0.0, 0.0], gradient.Data);
    }

    [Fact]
    public void Binary_cross_entropy_from_logits_is_stable_to_1e3()
    {
        var cost = new BinaryCrossEntropyFromLogitsCost<double>();
        var gradient = new Matrix<double>(1, 4);
        double c = cost.Evaluate(Matrix.FromRows([1000, -1000, 1000, 0]), Matrix.FromRows([1, 0, 0, 1]), gradient);
        // terms: 0, 0, 1000, log 2; mean over 4 examples
        Assert.Equal((1000 + Math.Log(2)) / 4, c, 1e-12);
        Assert.Equal([0.0, 0.0, 0.25, -0.125], gradient.Data);
        var probabilities = new Matrix<double>(1, 4);
        cost.ToProbabilities(Matrix.FromRows([1000, -1000, 0, Math.Log(3)]), probabilities);
        Assert.Equal([1.0, 0.0, 0.5, 0.75], probabilities.Data.Select(v => Math.Round(v, 15)));
    }

    [Fact]
    public void Softmax_cross_entropy_takes_one_hot_or_class_indices_and_stays_finite()
    {
        var cost = new SoftmaxCrossEntropyCost<double>();
        var logits = Matrix.FromRows([0, 1000], [Math.Log(3), -1000]);
        double oneHot = cost.Evaluate(logits, Matrix.FromRows([0, 0], [1, 1]), null);
        double indices = cost.Evaluate(logits, Matrix.FromRows([1, 1]), null);
        // example 1: −log 0.75; example 2: 2000
        Assert.Equal((-Math.Log(0.75) + 2000) / 2, oneHot, 1e-12);
        Assert.Equal(oneHot, indices);
        Assert.Null(cost.ValidateTargets(2, Matrix.FromRows([1, 0])));
        Assert.Equal("class-index targets must be whole numbers from 0 to 1, got 2", cost.ValidateTargets(2, Matrix.FromRows([2, 0])));
        Assert.Equal("model outputs 2 values per example but data has 3 target columns",
            ((ICost<double>)new HalfSquaredErrorCost<double>()).ValidateTargets(2, new Matrix<double>(3, 1)));
    }

    [Fact]
    public void Momentum_nesterov_and_adam_take_their_textbook_first_steps()
    {
        double After(IOptimizer<double> optimizer, int steps)
        {
            var p = new Parameter<double>("w", Matrix.FromRows([1.0]));
            optimizer.Initialize([p]);
            for (int t = 0; t < steps; t++)
            {
                p.Gradient.Data[0] = 0.5;
                optimizer.Step(t);
            }
            return p.Value.Data[0];
        }

        var classical = new MomentumOptimizer<double>(new MomentumOptions { LearningRate = 0.1, Momentum = 0.9 });
        Assert.Equal(1 - 0.05 - (0.045 + 0.05), After(classical, 2), 1e-15); // v1 = −0.05, v2 = −0.095
        var nesterov = new MomentumOptimizer<double>(new MomentumOptions { LearningRate = 0.1, Momentum = 0.9, Nesterov = true });
        Assert.Equal(1 + (0.9 * -0.05 - 0.05), After(nesterov, 1), 1e-15);
        // Adam's first step is −α·sign(g) (up to ε).
        Assert.Equal(1 - 0.01, After(new AdamOptimizer<double>(new AdamOptions { LearningRate = 0.01 }), 1), 1e-9);
        Assert.Equal(1 - 0.03, After(new AdamOptimizer<double>(new AdamOptions { LearningRate = 0.01 }), 3), 1e-9);
    }

    [Theory]
    [InlineData(LearningRateDecay.None, 2500, 0.8)]
    [InlineData(LearningRateDecay.Step, 2500, 0.2)]
    [InlineData(LearningRateDecay.Exponential, 1500, 0.28284271247461906)] // 0.8·0.5^1.5
    public void Learning_rate_schedules(LearningRateDecay decay, int step, double expected)
    {
        var options = new GradientDescentOptions { LearningRate = 0.8, Decay = decay, DecayRate = 0.5, DecaySteps = 1000 };
        Assert.Equal(expected, options.RateAt(step), 1e-12);
    }

    [Theory]
    [InlineData("glorot_uniform", 0.5, true)]   // limit √(6/(20+28)) = √0.125
    [InlineData("he_uniform", 0.3, true)]       // limit √(6/20)
    [InlineData("glorot_normal", 0.5, false)]
    [InlineData("he_normal", 0.3, false)]
    public void Keras_initializers_respect_their_bounds(string name, double limitSquared, bool uniform)
    {
        var w = new Matrix<double>(28, 20);
        var init = TestModels.Registry.Get(ComponentKind.Initializer, name).Create<IInitializer>(null);
        init.Initialize(w, new InitializerContext(28, 20, ParameterRole.Weight, new NumpyRandomState(48)));
        double bound = uniform
            ? Math.Sqrt(limitSquared == 0.5 ? 6.0 / 48 : 6.0 / 20)
            : 2 * Math.Sqrt(limitSquared == 0.5 ? 2.0 / 48 : 2.0 / 20) / 0.87962566103423978;
        Assert.All(w.Data, v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(w.Data.Max() > bound * 0.8, "draws should reach near the bound");
        Assert.Equal(0, w.Data.Average(), 0.1);
    }

    [Fact]
    public void Accuracy_for_binary_multiclass_and_regression_targets()
    {
        Assert.Equal(0.75, Classification.Accuracy(Matrix.FromRows([0.2, 0.6, 0.5, 0.9]), Matrix.FromRows([0, 1, 0, 1]), 0.5));
        var scores = Matrix.FromRows([0.1, 0.7], [0.8, 0.2], [0.1, 0.1]);
        Assert.Equal(0.5, Classification.Accuracy(scores, Matrix.FromRows([1, 1]), 0.5));
        Assert.Equal(1.0, Classification.Accuracy(scores, Matrix.FromRows([0, 1], [1, 0], [0, 0]), 0.5));
        Assert.Null(Classification.Accuracy(Matrix.FromRows([0.2, 0.6]), Matrix.FromRows([0.3, 1.7]), 0.5));
    }
}
