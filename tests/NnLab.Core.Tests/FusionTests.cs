using System.Numerics;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Numerics.Gemm;
using NnLab.Training;

namespace NnLab.Tests;

/// <summary>
/// The element-wise work fused into the products (bias, a ReLU above, the ReLU's gradient below) gives, bit for bit,
/// what the separate passes give: on every GEMM path, in both precisions, and through whole networks trained with
/// fusion on and off.
/// </summary>
public class FusionTests
{
    // (m, k, n): small-loop sizes, a single partial tile, shapes across several k slices, row blocks and column
    // panels of the tiny blocking (an epilogue applied before the last k slice would be visible), the unpacked path for
    // few rows across its column blocks, and split products.
    private static readonly (int M, int K, int N)[] Shapes =
        [(1, 1, 1), (3, 2, 4), (5, 9, 7), (13, 31, 29), (3, 19, 2100), (25, 24, 23), (61, 300, 7), (97, 120, 131), (40, 300, 700)];

    private static readonly GemmBlocking TinyBlocks = new(Kc: 7, Mc: 12, Nc: 40);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Bias_and_relu_in_the_product_equal_the_separate_passes_on_every_path(string precision)
    {
        if (precision == "float32") CheckBiasRelu<float>();
        else CheckBiasRelu<double>();
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void The_relu_gradient_in_the_transposed_product_equals_the_separate_pass_on_every_path(string precision)
    {
        if (precision == "float32") CheckWherePositive<float>();
        else CheckWherePositive<double>();
    }

    [Fact]
    public void An_empty_inner_dimension_still_adds_the_bias_and_applies_the_relu()
    {
        var z = new double[] { double.NaN, double.NaN, double.NaN, double.NaN };
        var a = new double[4];
        var epilogue = new GemmEpilogue<double>(GemmEpilogueKind.AddRowBias, [1.5, -2], a);
        FastGemm<double>.Multiply([], [], z, 2, 2, 0, 1, GemmKernels.Best, GemmPath.Auto, epilogue);
        Assert.Equal([1.5, 1.5, -2, -2], z);
        Assert.Equal([1.5, 1.5, 0, 0], a);
    }

    [Theory]
    [InlineData("fast", 1)]
    [InlineData("fast", 2)]
    [InlineData("reference", 1)]
    public void Networks_train_to_the_same_bits_with_relus_fused_or_not(string kernels, int threads)
    {
        Assert.True(MatrixOperations.TryParse(kernels, out var choice));
        var ops = MatrixOperations.Create<double>(choice, threads);
        // A ReLU first (nothing to fuse below it), between linear layers (fused both ways: its input is never stored),
        // before a layer that does not fuse (its input is kept for its own backward pass), and last (fused above only).
        var relu = TestModels.Spec(ComponentKind.Layer, "relu");
        var tanh = TestModels.Spec(ComponentKind.Layer, "tanh");
        var he = new ComponentRef("he");
        var layers = new[]
        {
            relu, TestModels.Linear(40, he), relu, TestModels.Linear(30, he), relu, tanh, TestModels.Linear(20, he), relu,
            TestModels.Linear(10, he), relu,
        };
        var (x, y) = Data(inputs: 20, examples: 150);

        (double[] Costs, double[][] Weights) Train(bool fuse)
        {
            var network = Network<double>.Build(layers, 20, new NumpyRandomState(5), ops, TestModels.Registry);
            network.FuseRelu = fuse;
            var cost = new SoftmaxCrossEntropyCost<double>();
            var optimizer = TestModels.GradientDescent(0.05);
            optimizer.Initialize(network.Parameters);
            var costs = Enumerable.Range(0, 8).Select(_ => TestModels.Step(network, cost, optimizer, x, y)).ToArray();
            return (costs, network.Parameters.Select(p => p.Value.Data.ToArray()).ToArray());
        }

        var (fusedCosts, fusedWeights) = Train(fuse: true);
        var (plainCosts, plainWeights) = Train(fuse: false);
        Assert.Equal(plainCosts, fusedCosts);
        Assert.True(plainCosts[^1] < plainCosts[0], "the network should learn, or the comparison proves little");
        for (int p = 0; p < plainWeights.Length; p++) Assert.Equal(plainWeights[p], fusedWeights[p]);
    }

    [Fact]
    public void Operations_that_do_not_fuse_get_separate_passes_with_the_same_results()
    {
        var fast = (IFusedMatrixOperations<double>)MatrixOperations.Create<double>(MatrixKernels.Fast, 1);
        var unfused = UnfusedMatrixOperations<double>.Over(new ProductsOnly(fast));
        Assert.IsType<UnfusedMatrixOperations<double>>(unfused);
        Assert.Same(fast, UnfusedMatrixOperations<double>.Over(fast));

        var random = new Random(2);
        var (w, x, bias) = (Random(7, 5, random), Random(5, 9, random), Random(7, 1, random));
        var (z1, a1, z2, a2) = (new Matrix<double>(7, 9), new Matrix<double>(7, 9), new Matrix<double>(7, 9), new Matrix<double>(7, 9));
        fast.MultiplyAddBias(w, x, bias, z1, a1);
        unfused.MultiplyAddBias(w, x, bias, z2, a2);
        Assert.Equal(z2.Data, z1.Data);
        Assert.Equal(a2.Data, a1.Data);
        Assert.Contains(0.0, a1.Data); // some outputs were negative: the ReLU did something

        var (up, d1, d2) = (Random(7, 9, random), new Matrix<double>(5, 9), new Matrix<double>(5, 9));
        var mask = Random(5, 9, random);
        fast.MultiplyTransposeAWherePositive(w, up, mask, d1);
        unfused.MultiplyTransposeAWherePositive(w, up, mask, d2);
        Assert.Equal(d2.Data, d1.Data);
        Assert.Contains(0.0, d1.Data);
    }

    private static void CheckBiasRelu<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(11);
        foreach (var (m, k, n) in Shapes)
        foreach (bool withBias in new[] { true, false })
        foreach (var relu in new[] { "separate", "in place", "none" })
        {
            if (!withBias && relu == "none") continue; // no epilogue at all
            var (a, b, bias) = (Values<T>(m * k, random), Values<T>(k * n, random), withBias ? Values<T>(m, random) : null);
            var expectedZ = new T[m * n];
            FastGemm<T>.Multiply(a, b, expectedZ, m, n, k, 1);
            if (bias is not null) Elementwise.AddToRows(new Matrix<T>(m, n, expectedZ), bias);
            var expectedA = new T[m * n];
            Elementwise.Relu<T>(expectedZ, expectedA);
            // In place, the ReLU's output replaces the pre-activation: only the ReLU's output is left.
            if (relu == "in place") expectedZ = expectedA;
            string what = $"{typeof(T).Name} {m}×{k}·{k}×{n} bias {withBias} relu {relu}";

            foreach (var (name, run) in Paths<T>())
            {
                var z = Filled<T>(m * n);
                var act = relu switch { "separate" => Filled<T>(m * n), "in place" => z, _ => null };
                var problem = GemmProblem<T>.Multiply(a, b, z, m, n, k) with
                {
                    Epilogue = new GemmEpilogue<T>(GemmEpilogueKind.AddRowBias, bias, act),
                };
                run(problem);
                Assert.True(expectedZ.AsSpan().SequenceEqual(z), $"z {name} {what}");
                if (act is not null) Assert.True(expectedA.AsSpan().SequenceEqual(act), $"relu {name} {what}");
            }
        }
    }

    private static void CheckWherePositive<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(12);
        foreach (var (m, k, n) in Shapes)
        {
            var (a, b, mask) = (Values<T>(k * m, random), Values<T>(k * n, random), Values<T>(m * n, random));
            mask[0] = T.Zero; // not positive: masked
            var expected = new T[m * n];
            FastGemm<T>.MultiplyTransposeA(a, b, expected, m, n, k, 1);
            Elementwise.ReluGradient<T>(mask, expected, T.Zero, expected);

            foreach (var (name, run) in Paths<T>())
            {
                var c = Filled<T>(m * n);
                var problem = GemmProblem<T>.MultiplyTransposeA(a, b, c, m, n, k) with
                {
                    Epilogue = new GemmEpilogue<T>(GemmEpilogueKind.WherePositive, null, mask),
                };
                run(problem);
                Assert.True(expected.AsSpan().SequenceEqual(c), $"{typeof(T).Name} {name} {m}×{k}·{k}×{n}");
            }
        }
    }

    /// <summary>
    /// Every way a product runs: small loops, blocked, blocked with tiny blocks (in every register tile, each of which
    /// applies the epilogue as it stores), split over 2 threads, automatic.
    /// </summary>
    private static IEnumerable<(string Name, Action<GemmProblem<T>> Run)> Paths<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return ("small", p => Through(p, GemmPath.Small, 1));
        yield return ("blocked", p => Through(p, GemmPath.Blocked, 1));
        foreach (var kernel in Enum.GetValues<GemmKernel>())
            yield return ($"tiny blocks {kernel}", p => GemmKernels<T>.RunBlocked(p, kernel, TinyBlocks));
        yield return ("parallel", p => Through(p, GemmPath.Parallel, 2));
        yield return ("auto", p => Through(p, GemmPath.Auto, 2));
    }

    // The FastGemm entry points for the two forms that carry an epilogue, with the problem's operands.
    private static void Through<T>(GemmProblem<T> p, GemmPath path, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (p.AColStride == 1)
            FastGemm<T>.Multiply(p.A, p.B, p.C, p.M, p.N, p.K, threads, GemmKernels.Best, path, p.Epilogue);
        else
            FastGemm<T>.MultiplyTransposeA(p.A, p.B, p.C, p.M, p.N, p.K, threads, GemmKernels.Best, path, p.Epilogue);
    }

    private static T[] Values<T>(int length, Random random) where T : IFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return x;
    }

    private static T[] Filled<T>(int length) where T : IFloatingPointIeee754<T>
    {
        var x = new T[length];
        x.AsSpan().Fill(T.NaN); // every element must be written
        return x;
    }

    private static Matrix<double> Random(int rows, int cols, Random random) => new(rows, cols, Values<double>(rows * cols, random));

    private static (Matrix<double> X, Matrix<double> Y) Data(int inputs, int examples)
    {
        var random = new Random(8);
        var x = Random(inputs, examples, random);
        var y = new Matrix<double>(1, examples);
        for (int j = 0; j < examples; j++) y.Data[j] = j % 10;
        return (x, y);
    }

    /// <summary>Products only, as a host-supplied implementation might be.</summary>
    private sealed class ProductsOnly(IMatrixOperations<double> inner) : IMatrixOperations<double>
    {
        public void Multiply(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.Multiply(a, b, c);
        public void MultiplyTransposeB(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.MultiplyTransposeB(a, b, c);
        public void MultiplyTransposeA(Matrix<double> a, Matrix<double> b, Matrix<double> c) => inner.MultiplyTransposeA(a, b, c);
        public void SumRows(Matrix<double> a, Matrix<double> sums) => inner.SumRows(a, sums);
        public double Sum(ReadOnlySpan<double> values) => inner.Sum(values);
    }
}
