using NnLab.Initializers;
using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>Seed-48 draws from shared/reference/numpy-rng.md: W = randn(n_out, n_in) scaled, row-major.</summary>
public class InitializerTests
{
    [Theory]
    [InlineData("plain", 3, 2, new[] { -0.00993631319928452, -0.010634008054805225, -0.006380759157649561, 0.010615886889909679, -0.0015740415138658665, 0.01093728478684133 })]
    [InlineData("xavier", 3, 2, new[] { -0.7026034443207482, -0.751937920674514, -0.4511878069492167, 0.75065656081645, -0.11130154283236932, 0.7733828240543967 })]
    [InlineData("he", 3, 2, new[] { -0.9936313199284519, -1.0634008054805224, -0.638075915764956, 1.0615886889909678, -0.15740415138658664, 1.093728478684133 })]
    [InlineData("xavier", 2, 3, new[] { -0.5736733100359349, -0.6139547413006445, -0.36839330173031437, 0.6129085153575972, -0.09087732917461042, 0.6314644315886441 })]
    [InlineData("he", 2, 3, new[] { -0.8112965754242845, -0.8682631218306364, -0.5209868035944143, 0.8667835349126723, -0.1285199514309782, 0.893025563308878 })]
    [InlineData("xavier", 1, 4, new[] { -0.49681565996422594, -0.5317004027402612, -0.319037957882478, 0.5307943444954839 })]
    [InlineData("he", 1, 4, new[] { -0.7026034443207483, -0.7519379206745141, -0.45118780694921673, 0.7506565608164502 })]
    public void Gaussian_initializers_match_numpy_bit_for_bit(string name, int nOut, int nIn, double[] expected)
    {
        var network = TestModels.Build(nIn, 48, TestModels.Linear(nOut, name));
        var (w, b) = (network.Parameters[0].Value, network.Parameters[1].Value);
        Assert.Equal(expected, w.Data);
        Assert.Equal(new double[nOut], b.Data);
    }

    [Fact]
    public void Xor_second_layer_continues_the_same_stream()
    {
        var network = TestModels.Build(2, 48, TestModels.Linear(3, "xavier"), TestModels.Sigmoid, TestModels.Linear(1, "xavier"));
        Assert.Equal([-1.1979175261364463, 0.40451065623948357, 0.96685306507843], network.Parameters[2].Value.Data);
    }

    [Fact]
    public void Uniform_draws_rand_n_in_by_n_out_and_stores_it_transposed()
    {
        // np.random.seed(1); np.random.rand(3, 4): rows are inputs.
        var network = TestModels.Build(3, 1, TestModels.Linear(4, "uniform", bias: false));
        var w = network.Parameters.Single().Value;
        Assert.Equal((4, 3), (w.Rows, w.Cols));
        Assert.Equal(0.417022004702574, w[0, 0]);
        Assert.Equal(0.7203244934421581, w[1, 0]);
        Assert.Equal(0.14675589081711304, w[0, 1]);
        Assert.Equal(0.6852195003967595, w[3, 2]);
    }

    [Fact]
    public void Explicit_values_fill_rows_and_flat_vectors()
    {
        var w = TestModels.Build(2, 0, TestModels.Linear(1, TestModels.Values([0.1, 0.6]))).Parameters[0].Value;
        Assert.Equal([0.1, 0.6], w.Data);
        var column = new Matrix<double>(2, 1);
        new ValuesInitializer(new ValuesOptions { Values = [[0.5, -0.2]] })
            .Initialize(column, new InitializerContext(2, 1, ParameterRole.Bias, new NumpyRandomState(0)));
        Assert.Equal([0.5, -0.2], column.Data);
    }

    [Fact]
    public void Explicit_values_of_the_wrong_shape_name_both_shapes_and_the_layer()
    {
        var e = Assert.Throws<NnLab.Registry.ComponentException>(() =>
            TestModels.Build(2, 0, TestModels.Linear(3, TestModels.Values([0.1, 0.6]))));
        Assert.Equal("layer 'linear' (built-in): layer 0 failed to build: explicit values are 1×2 but this weight is 3×2 (n_out × n_in)", e.Message);
    }

    [Fact]
    public void Constant_and_zeros()
    {
        var m = new Matrix<double>(2, 2);
        var context = new InitializerContext(2, 2, ParameterRole.Weight, new NumpyRandomState(0));
        new ConstantInitializer(new ConstantOptions { Value = 0.5 }).Initialize(m, context);
        Assert.All(m.Data, v => Assert.Equal(0.5, v));
        new ZerosInitializer().Initialize(m, context);
        Assert.All(m.Data, v => Assert.Equal(0.0, v));
    }
}
