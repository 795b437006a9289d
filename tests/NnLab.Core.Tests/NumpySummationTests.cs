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
        double[] numpy =
            [-10.863707440606223, -3.29441957137043, 28.696414486002233, -17.744210078335055, 6.227523683862322,
             1.5289727138238995, 10.825519599698332, -4.220096312907807, -3.3656776788302603, 9.494013579497286];
        ReferenceMatrixOperations<double>.Instance.SumRows(a, sums);
        Assert.Equal(numpy, sums.Data);
        FastMatrixOperations<double>.Instance.SumRows(a, sums); // four rows at a time
        Assert.Equal(numpy, sums.Data);
    }

    /// <summary>Four rows summed in step give each row's own sum bit for bit, whatever the row count and length.</summary>
    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void Rows_summed_four_at_a_time_equal_each_row_summed_alone(string precision)
    {
        if (precision == "float32") CheckRows<float>();
        else CheckRows<double>();
    }

    private static void CheckRows<T>() where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new NumpyRandomState(5);
        foreach (int rows in new[] { 1, 3, 4, 5, 8, 9 })
        foreach (int n in new[] { 1, 7, 8, 13, 127, 128, 129, 300, 1797 })
        {
            // Magnitudes from 1e-6 to 1e6, so that a different order of additions would round differently.
            var values = new T[rows * n];
            for (int i = 0; i < values.Length; i++)
                values[i] = T.CreateTruncating(rng.NextGaussian() * Math.Pow(10, 6 * (2 * rng.NextUniform() - 1)));
            var sums = new T[rows];
            NumpySummation.SumRows<T>(values, rows, sums);
            for (int r = 0; r < rows; r++)
                Assert.True(NumpySummation.Sum<T>(values.AsSpan(r * n, n)).Equals(sums[r]), $"{typeof(T).Name} row {r} of {rows}×{n}");
        }
    }
}
