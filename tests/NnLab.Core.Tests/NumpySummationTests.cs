using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>np.sum of np.random.seed(3); randn(1000) and its slices, printed by numpy 1.24.2.</summary>
public class NumpySummationTests
{
    private static double[] Values()
    {
        var rng = new NumpyRandomState(3);
        return Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian()).ToArray();
    }

    [Theory]
    [InlineData(1000, 17.284332980834296)]
    [InlineData(7, -0.2567455746160199)]
    [InlineData(100, -10.863707440606223)]
    [InlineData(129, -11.157248597163644)]
    public void Sums_round_exactly_as_numpy(int n, double expected) =>
        Assert.Equal(expected, NumpySummation.Sum(Values().AsSpan(0, n)));

    /// <summary>np.sum(randn(1000).astype(np.float32)[:n]): numpy adds float32 in float32, pairwise.</summary>
    [Theory]
    [InlineData(1000, 17.284334182739258)]
    [InlineData(129, -11.157251358032227)]
    [InlineData(100, -10.86370849609375)]
    [InlineData(13, -0.9527071118354797)]
    [InlineData(7, -0.25674569606781006)]
    public void Float32_sums_round_exactly_as_numpy(int n, double expected)
    {
        var values = Values().Select(v => (float)v).ToArray();
        Assert.Equal((float)expected, NumpySummation.Sum<float>(values.AsSpan(0, n)));
    }

    [Fact]
    public void Row_sums_round_exactly_as_numpy_axis_1()
    {
        var a = new Matrix<double>(10, 100, Values());
        var sums = new Matrix<double>(10, 1);
        ReferenceMatrixOperations<double>.Instance.SumRows(a, sums);
        Assert.Equal(
            [-10.863707440606223, -3.29441957137043, 28.696414486002233, -17.744210078335055, 6.227523683862322,
             1.5289727138238995, 10.825519599698332, -4.220096312907807, -3.3656776788302603, 9.494013579497286],
            sums.Data);
    }
}
