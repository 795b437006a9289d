using System.Numerics;
using NnLab.Costs;
using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Tests;

/// <summary>
/// Small networks train through <see cref="SmallNetworkPass{T}"/>, one loop per pass instead of the layers' calls,
/// and end with exactly the layers' bits: every recorded cost, every weight and the predictions, on both kernels and
/// in both precisions, full batch and mini-batches (batches of sizes around the vector widths, a shorter last batch),
/// for every layer the pass computes in the places the layers treat specially (a ReLU first, between two linear
/// layers, last; a linear layer without bias; logits into a fused cost).
/// </summary>
public class SmallNetworkPassTests
{
    private static ComponentSpec Layer(string name) => TestModels.Spec(ComponentKind.Layer, name);

    private static readonly (string Name, int Inputs, ComponentSpec[] Layers, string Cost)[] Models =
    [
        ("tutorial xor", 2, [TestModels.Linear(3, "xavier"), Layer("sigmoid"), TestModels.Linear(1, "xavier"), Layer("sigmoid")], "half_squared_error"),
        ("relu first, relu between, tanh, no bias", 5,
            [Layer("relu"), TestModels.Linear(6, "he"), Layer("relu"), TestModels.Linear(4, "he"), Layer("tanh"),
             TestModels.Linear(2, "xavier", bias: false), Layer("sigmoid")], "half_squared_error"),
        ("relu last", 3, [TestModels.Linear(5, "he"), Layer("tanh"), TestModels.Linear(2, "he"), Layer("relu")], "half_squared_error"),
        ("logits", 4, [TestModels.Linear(7, "he"), Layer("relu"), TestModels.Linear(3, "xavier")], "softmax_cross_entropy"),
        ("binary logits", 3, [TestModels.Linear(4, "xavier"), Layer("sigmoid"), TestModels.Linear(1, "xavier")], "binary_cross_entropy_from_logits"),
    ];

    public static TheoryData<string, string, int, int> Cases()
    {
        var cases = new TheoryData<string, string, int, int>();
        foreach (var kernels in new[] { "reference", "fast" })
        foreach (var precision in new[] { "float64", "float32" })
        foreach (var (examples, batch) in new[] { (4, 0), (7, 0), (13, 0), (21, 8), (19, 5) })
            cases.Add(kernels, precision, examples, batch);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Small_networks_train_to_the_layers_bits(string kernels, string precision, int examples, int batchSize)
    {
        foreach (var model in Models)
        {
            if (precision == "float32") Compare<float>(model, kernels, examples, batchSize);
            else Compare<double>(model, kernels, examples, batchSize);
        }
    }

    [Fact]
    public void Layers_the_pass_does_not_compute_and_large_batches_keep_the_layers()
    {
        var ops = ReferenceMatrixOperations<double>.Instance;
        Assert.True(Build<double>([TestModels.Linear(3, "xavier"), Layer("sigmoid")], 2, ops).RunsSmall(4));
        Assert.False(Build<double>([TestModels.Linear(3, "xavier"), Layer("leaky_relu")], 2, ops).RunsSmall(4));
        Assert.False(Build<double>([TestModels.Linear(3, "xavier"), Layer("softmax")], 2, ops).RunsSmall(4));
        // Products this large (64·64·16 multiply–adds) go to the kernels, which block and split them.
        var wide = Build<double>([TestModels.Linear(64, "he"), Layer("relu")], 64, ops);
        Assert.True(wide.RunsSmall(4));
        Assert.False(wide.RunsSmall(16));
        // Products supplied by a host: their rounding is not known.
        Assert.False(Build<double>([TestModels.Linear(3, "xavier")], 2, new ProductsOf(ops)).RunsSmall(4));
    }

    [Fact]
    public void Input_of_the_wrong_size_is_refused_by_the_layers_as_before()
    {
        var network = Build<double>([TestModels.Linear(3, "xavier"), Layer("sigmoid")], 2, ReferenceMatrixOperations<double>.Instance);
        var error = Assert.Throws<ComponentException>(() => network.Forward(new Matrix<double>(3, 4)));
        Assert.Contains("layer 0 forward pass", error.Message);
    }

    private static void Compare<T>((string Name, int Inputs, ComponentSpec[] Layers, string Cost) model, string kernels, int examples,
        int batchSize) where T : IFloatingPointIeee754<T>
    {
        Assert.True(MatrixOperations.TryParse(kernels, out var choice));
        var ops = MatrixOperations.Create<T>(choice, 1);
        var (x, y) = Data<T>(model.Inputs, examples, LastUnits(model.Layers));
        string what = $"{model.Name}, {kernels} {typeof(T).Name}, {examples} examples, batch {batchSize}";

        (List<(int, double)> Costs, T[][] Weights, TrainingResult Result) Train(bool small)
        {
            var network = Build<T>(model.Layers, model.Inputs, ops);
            network.UseSmallPass = small;
            int batch = batchSize == 0 ? examples : batchSize;
            Assert.True(network.RunsSmall(batch) == small, $"small pass {(small ? "not " : "")}used: {what}");
            var cost = TestModels.Registry.Get(ComponentKind.Cost, model.Cost).Create<ICost<T>>(null);
            var trainer = new Trainer<T>(network, cost, new NnLab.Optimizers.GradientDescentOptimizer<T>(new() { LearningRate = 0.5 }));
            var recorder = new CostRecorder();
            var settings = new TrainingSettings(40, 1, batchSize, Shuffle: batchSize > 0, ShuffleSeed: 3);
            var result = trainer.Train(x, y, settings, recorder);
            return (recorder.Rows, network.Parameters.Select(p => p.Value.Data.ToArray()).ToArray(), result);
        }

        var (smallCosts, smallWeights, smallResult) = Train(small: true);
        var (layerCosts, layerWeights, layerResult) = Train(small: false);
        Assert.True(layerCosts.SequenceEqual(smallCosts), $"costs differ: {what}");
        for (int p = 0; p < layerWeights.Length; p++) Assert.True(layerWeights[p].AsSpan().SequenceEqual(smallWeights[p]), $"parameter {p} differs: {what}");
        Assert.True(layerResult.Predictions.Data.AsSpan().SequenceEqual(smallResult.Predictions.Data) && layerResult.FinalCost.Equals(smallResult.FinalCost), $"predictions differ: {what}");
        Assert.True(layerCosts[^1].Item2 < layerCosts[0].Item2, $"the network should learn, or the comparison proves little: {what}");
    }

    private static int LastUnits(ComponentSpec[] layers) =>
        ((NnLab.Layers.LinearOptions)layers.Last(l => l.Descriptor.Name == "linear").Options!).Units;

    private static Network<T> Build<T>(IReadOnlyList<ComponentSpec> layers, int inputs, IMatrixOperations<T> ops) where T : IFloatingPointIeee754<T> =>
        Network<T>.Build(layers, inputs, new NumpyRandomState(11), ops, TestModels.Registry);

    /// <summary>Inputs in (−1, 1) with some exact zeros; targets 0 or 1 (one-hot for three outputs: the softmax's classes).</summary>
    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int inputs, int examples, int outputs) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(inputs * 100 + examples);
        var x = new Matrix<T>(inputs, examples);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.Next(8) == 0 ? T.Zero : T.CreateTruncating(2 * random.NextDouble() - 1);
        var y = new Matrix<T>(outputs, examples);
        for (int j = 0; j < examples; j++)
            if (outputs == 3) y[j % 3, j] = T.One;
            else for (int o = 0; o < outputs; o++) y[o, j] = T.CreateTruncating(random.Next(2));
        return (x, y);
    }

    /// <summary>The built-in products behind a type NnLab does not know.</summary>
    private sealed class ProductsOf(IMatrixOperations<double> inner) : IMatrixOperations<double>
    {
        public void Multiply(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.Multiply(a, b, c);
        public void MultiplyTransposeB(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.MultiplyTransposeB(a, b, c);
        public void MultiplyTransposeA(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.MultiplyTransposeA(a, b, c);
        public void SumRows(Matrix<double> a, Matrix<double> sums) => inner.SumRows(a, sums);
        public double Sum(ReadOnlySpan<double> values) => inner.Sum(values);
    }
}
