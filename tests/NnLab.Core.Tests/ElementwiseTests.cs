using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>The vectorised element-wise passes equal the scalar expressions bit for bit (−0 and infinities included; NaN stays NaN).</summary>
public class ElementwiseTests
{
    private static double[] Values(int n, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.NextGaussian();
        if (n > 3) (v[0], v[1], v[2], v[3]) = (double.NaN, -0.0, 0.0, double.NegativeInfinity);
        if (n > 6) (v[5], v[6]) = (double.PositiveInfinity, double.Epsilon);
        return v;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(37)]
    public void Vector_passes_equal_the_scalar_expressions(int n)
    {
        var z = Values(n, 1);
        var up = Values(n, 2);
        var a = Values(n, 3).Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        var result = new double[n];

        Elementwise.Relu(z, result);
        AssertBits(z.Select(v => v > 0 ? v : 0.0), result);
        Elementwise.LeakyRelu(z, 0.01, result);
        AssertBits(z.Select(v => v > 0 ? v : 0.01 * v), result);
        Elementwise.ReluGradient(z, up, 0.0, result);
        AssertBits(z.Select((v, i) => v > 0 ? up[i] : 0.0), result);
        Elementwise.ReluGradient(z, up, 0.2, result);
        AssertBits(z.Select((v, i) => v > 0 ? up[i] : 0.2 * up[i]), result);
        Elementwise.SigmoidGradient(a, up, result);
        AssertBits(a.Select((v, i) => up[i] * v * (1.0 - v)), result);
        Elementwise.TanhGradient(a, up, result);
        AssertBits(a.Select((v, i) => up[i] * (1.0 - v * v)), result);

        var w = (double[])z.Clone();
        Elementwise.SubtractScaled<double>(w, 0.1, up);
        AssertBits(z.Select((v, i) => v - 0.1 * up[i]), w);

        var m = new Matrix<double>(2, n, z.Concat(up).ToArray());
        Elementwise.AddToRows(m, [0.5, -3]);
        AssertBits(z.Select(v => v + 0.5).Concat(up.Select(v => v + -3)), m.Data);
    }

    // Bit patterns, except that every NaN counts as one (the sign and payload of a NaN result are not specified).
    private static void AssertBits(IEnumerable<double> expected, double[] actual) =>
        Assert.Equal(expected.Select(Bits), actual.Select(Bits));

    private static long Bits(double v) => double.IsNaN(v) ? long.MaxValue : BitConverter.DoubleToInt64Bits(v);
}
