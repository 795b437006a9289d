using NnLab.Registry;

namespace NnLab.Tests;

public class RegistryTests
{
    [Fact]
    public void The_built_in_list_holds_every_registered_class_of_the_core_and_nothing_else()
    {
        // What scanning the assembly finds, as a plugin's assembly is scanned: a new built-in left out of the list fails here.
        var scanned = new ComponentRegistry().RegisterAssembly(typeof(ComponentRegistry).Assembly, ComponentRegistry.BuiltInSource);
        Assert.Equal(scanned.Select(d => d.Implementation).OrderBy(t => t.FullName), BuiltInComponents.Types.OrderBy(t => t.FullName));
        Assert.Equal(BuiltInComponents.Types.Length, BuiltInComponents.Types.Distinct().Count());
        Assert.Equal(scanned.Select(d => (d.Kind, d.Name)).Order(), ComponentRegistry.CreateWithBuiltIns().All.Select(d => (d.Kind, d.Name)).Order());
    }

    [Fact]
    public void Built_ins_register_by_their_attributes()
    {
        var registry = TestModels.Registry;
        Assert.Equal(["leaky_relu", "linear", "relu", "sigmoid", "softmax", "tanh"], registry.Names(ComponentKind.Layer));
        Assert.Equal(["constant", "glorot_normal", "glorot_uniform", "he", "he_normal", "he_uniform", "plain", "uniform", "values", "xavier", "zeros"],
            registry.Names(ComponentKind.Initializer));
        Assert.Equal(["binary_cross_entropy", "binary_cross_entropy_from_logits", "half_squared_error", "mse", "softmax_cross_entropy", "sum_of_squares"],
            registry.Names(ComponentKind.Cost));
        Assert.Equal(["adam", "gradient_descent", "momentum", "sgd"], registry.Names(ComponentKind.Optimizer));
        Assert.Same(registry.Get(ComponentKind.Cost, "mse"), registry.Get(ComponentKind.Cost, "half_squared_error"));
        Assert.All(registry.All, d => Assert.Equal("built-in", d.Source));
    }

    [Fact]
    public void Unknown_names_list_the_known_ones_and_suggest_the_nearest()
    {
        Assert.Equal("unknown layer 'sigmod'; did you mean 'sigmoid'? Known layers: leaky_relu, linear, relu, sigmoid, softmax, tanh.",
            TestModels.Registry.DescribeUnknown(ComponentKind.Layer, "sigmod"));
        Assert.Equal("unknown optimizer 'adamw'; did you mean 'adam'? Known optimizers: adam, gradient_descent, momentum, sgd.",
            TestModels.Registry.DescribeUnknown(ComponentKind.Optimizer, "adamw"));
        Assert.Equal("unknown cost 'hinge'. Known costs: binary_cross_entropy, binary_cross_entropy_from_logits, half_squared_error, mse, softmax_cross_entropy, sum_of_squares.",
            TestModels.Registry.DescribeUnknown(ComponentKind.Cost, "hinge"));
        Assert.Throws<KeyNotFoundException>(() => TestModels.Registry.Get(ComponentKind.Initializer, "xavir"));
    }

    [Fact]
    public void A_name_registered_twice_fails_naming_both_sources()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        var e = Assert.Throws<InvalidOperationException>(() =>
            registry.Register(typeof(AnotherSigmoid), new RegisterAttribute("sigmoid"), "plugins/mine (Mine.dll 1.0.0)"));
        Assert.Equal("The layer name 'sigmoid' is registered twice: by NnLab.Layers.SigmoidLayer<T> (built-in) and by "
            + "NnLab.Tests.RegistryTests+AnotherSigmoid (plugins/mine (Mine.dll 1.0.0)).", e.Message);
    }

    [Theory]
    [InlineData("sigmoid", "sigmod", 1)]
    [InlineData("linear", "lienar", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_counts_edits_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, NameSuggester.Distance(a, b));

    public sealed class AnotherSigmoid : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [];
        public int Build(LayerBuildContext<double> context) => context.InputSize;
        public void Forward(Matrix<double> input, Matrix<double> output) { }
        public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
    }
}
