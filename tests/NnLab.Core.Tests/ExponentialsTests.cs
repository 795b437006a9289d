using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>The softmax's exponentials: the C library's exp in float64 (as NumPy), a vector exp within 2 ULP in float32.</summary>
public class ExponentialsTests
{
    private static readonly double[] Specials = [0, -0.0, 1e-30, -700, -1e4, 88, double.NegativeInfinity, double.NaN];

    private static double[] Logits(int n)
    {
        var random = new NumpyRandomState(3);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 6 * random.NextGaussian();
        Specials.CopyTo(x, 0);
        return x;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(1797)]
    public void Float64_is_the_c_library_exp_bit_for_bit(int n)
    {
        var x = Logits(n);
        var shift = x.Select((_, j) => j % 3 == 0 ? 0.0 : 1.5).ToArray();
        var result = new double[n];
        Exponentials.ExpShifted<double>(x, shift, result);
        for (int j = 0; j < n; j++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Exp(x[j] - shift[j])), BitConverter.DoubleToInt64Bits(result[j]));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(1797)]
    public void Float32_is_within_two_ulps_of_the_correctly_rounded_exp(int n)
    {
        var x = Logits(n).Select(v => (float)v).ToArray();
        var shift = x.Select((_, j) => j % 3 == 0 ? 0f : 1.5f).ToArray();
        var result = new float[n];
        Exponentials.ExpShifted<float>(x, shift, result);
        for (int j = 0; j < n; j++)
        {
            float difference = x[j] - shift[j];
            float expected = (float)Math.Exp(difference); // the double exp rounded once: correctly rounded here
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(result[j]), $"exp({x[j]} - {shift[j]}) = {result[j]}, expected NaN");
                continue;
            }
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(result[j]));
            Assert.True(ulps <= 2, $"exp({x[j]} - {shift[j]}): {result[j]:R} against {expected:R} ({ulps} ulps)");
        }
    }
}
