using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>
/// The reference kernels give, bit for bit, what the plainest loops give — each element +0, then + a·b in k order,
/// then the bias, then the ReLU or its mask, as separate passes — whatever their vector lanes and side-by-side chains:
/// in both precisions, for shapes below, at and across their vector widths, with signed zeros, NaN and infinities among
/// the values (+0 + −0 is +0: a kernel that started a sum from its first product would differ there).
/// </summary>
public class ReferenceKernelTests
{
    // (rows, depth, columns): tiny, the tutorial's XOR products, around 4 and 8 columns (a double and a float vector)
    // and 16 and 32 (four of them), an empty depth, and larger.
    private static readonly (int N, int K, int M)[] Shapes =
        [(1, 1, 1), (3, 2, 4), (1, 3, 4), (1, 4, 3), (3, 4, 2), (2, 5, 3), (3, 7, 8), (5, 3, 9), (4, 6, 16), (2, 3, 17),
         (3, 2, 32), (6, 9, 37), (2, 0, 5), (17, 33, 70)];

    [Fact]
    public void Float64_products_equal_the_plain_loops() => CheckProducts<double>();

    [Fact]
    public void Float32_products_equal_the_plain_loops() => CheckProducts<float>();

    [Fact]
    public void Float64_fused_forms_equal_the_separate_passes() => CheckFused<double>();

    [Fact]
    public void Float32_fused_forms_equal_the_separate_passes() => CheckFused<float>();

    [Fact]
    public void A_sum_of_negative_zeros_starts_from_positive_zero()
    {
        // −1·0 = −0 in every term: +0 + −0 + −0 = +0, where a sum started from its first term would stay −0.
        var ops = ReferenceMatrixOperations<double>.Instance;
        var (a, b, c) = (Matrix.FromRows([-1, -1]), Matrix.FromRows([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]), new Matrix<double>(1, 5));
        ops.Multiply(a, b, c);
        Assert.All(c.Data, v => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(v)));
        var dot = new Matrix<double>(1, 1);
        ops.MultiplyTransposeB(a, Matrix.FromRows([0, 0]), dot);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(dot[0, 0]));
    }

    private static void CheckProducts<T>() where T : IFloatingPointIeee754<T>
    {
        var ops = ReferenceMatrixOperations<T>.Instance;
        var random = new Random(3);
        foreach (var (n, k, m) in Shapes)
        {
            string what = $"{typeof(T).Name} {n}×{k}·{k}×{m}";
            var (a, b) = (Values<T>(n, k, random), Values<T>(k, m, random));
            var c = new Matrix<T>(n, m);
            ops.Multiply(a, b, c);
            AssertSameBits(PlainProduct(n, k, m, (i, p) => a[i, p], (p, j) => b[p, j]), c, "a·b " + what);

            var at = Values<T>(k, n, random);
            ops.MultiplyTransposeA(at, b, c);
            AssertSameBits(PlainProduct(n, k, m, (i, p) => at[p, i], (p, j) => b[p, j]), c, "aᵀ·b " + what);

            var bt = Values<T>(m, k, random);
            ops.MultiplyTransposeB(a, bt, c);
            AssertSameBits(PlainProduct(n, k, m, (i, p) => a[i, p], (p, j) => bt[j, p]), c, "a·bᵀ " + what);

            var sums = new Matrix<T>(n, 1);
            ops.SumRows(c, sums);
            for (int i = 0; i < n; i++) Assert.Equal(NumpySummation.Sum<T>(c.Row(i)), sums[i, 0]);
        }
    }

    private static void CheckFused<T>() where T : IFloatingPointIeee754<T>
    {
        var ops = (IFusedMatrixOperations<T>)ReferenceMatrixOperations<T>.Instance;
        var random = new Random(4);
        foreach (var (n, k, m) in Shapes)
        foreach (bool withBias in new[] { true, false })
        foreach (var relu in new[] { "separate", "in place", "none" })
        {
            string what = $"{typeof(T).Name} {n}×{k}·{k}×{m} bias {withBias} relu {relu}";
            var (a, b, bias) = (Values<T>(n, k, random), Values<T>(k, m, random), withBias ? Values<T>(n, 1, random) : null);
            var expectedZ = PlainProduct(n, k, m, (i, p) => a[i, p], (p, j) => b[p, j]);
            if (bias is not null)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < m; j++) expectedZ[i, j] += bias[i, 0];
            var expectedA = new Matrix<T>(n, m);
            for (int e = 0; e < expectedZ.Length; e++) expectedA.Data[e] = expectedZ.Data[e] > T.Zero ? expectedZ.Data[e] : T.Zero;

            var z = new Matrix<T>(n, m);
            var act = relu switch { "separate" => new Matrix<T>(n, m), "in place" => z, _ => null };
            ops.MultiplyAddBias(a, b, bias, z, act);
            AssertSameBits(relu == "in place" ? expectedA : expectedZ, z, "z " + what);
            if (act is not null) AssertSameBits(expectedA, act, "relu " + what);
        }
        foreach (var (n, k, m) in Shapes)
        {
            var (at, b, positive) = (Values<T>(k, n, random), Values<T>(k, m, random), Values<T>(n, m, random));
            var expected = PlainProduct(n, k, m, (i, p) => at[p, i], (p, j) => b[p, j]);
            for (int e = 0; e < expected.Length; e++) expected.Data[e] = positive.Data[e] > T.Zero ? expected.Data[e] : T.Zero;
            var c = new Matrix<T>(n, m);
            ops.MultiplyTransposeAWherePositive(at, b, positive, c);
            AssertSameBits(expected, c, $"aᵀ·b where positive {typeof(T).Name} {n}×{k}·{k}×{m}");
        }
    }

    /// <summary>c[i, j] = +0, then + a(i, p)·b(p, j) for p = 0, 1, … : the tutorial's rounding, one element at a time.</summary>
    private static Matrix<T> PlainProduct<T>(int n, int k, int m, Func<int, int, T> a, Func<int, int, T> b) where T : IFloatingPointIeee754<T>
    {
        var c = new Matrix<T>(n, m);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++) s += a(i, p) * b(p, j);
                c[i, j] = s;
            }
        return c;
    }

    /// <summary>Uniform in (−1, 1), with a sprinkling of −0 and +0 (so some products are −0) and a rare NaN or ±∞.</summary>
    private static Matrix<T> Values<T>(int rows, int cols, Random random) where T : IFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(rows, cols);
        for (int i = 0; i < x.Length; i++)
            x.Data[i] = random.Next(300) switch
            {
                < 20 => T.NegativeZero,
                < 30 => T.Zero,
                30 => T.NaN,
                31 => T.PositiveInfinity,
                32 => T.NegativeInfinity,
                _ => T.CreateTruncating(2 * random.NextDouble() - 1),
            };
        return x;
    }

    /// <summary>The same bits, but for NaN, whose payload depends on which operand the JIT puts first.</summary>
    private static void AssertSameBits<T>(Matrix<T> expected, Matrix<T> actual, string what) where T : IFloatingPointIeee754<T>
    {
        for (int e = 0; e < expected.Length; e++)
        {
            var (x, y) = (expected.Data[e], actual.Data[e]);
            Assert.True(T.IsNaN(x) ? T.IsNaN(y) : Bits(x) == Bits(y), $"{what}: element {e} is {y}, expected {x}");
        }
    }

    private static long Bits<T>(T value) where T : IFloatingPointIeee754<T> =>
        value is double d ? BitConverter.DoubleToInt64Bits(d) : BitConverter.SingleToInt32Bits((float)(object)value);
}
