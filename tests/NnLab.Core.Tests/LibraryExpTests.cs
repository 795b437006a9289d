using System.Numerics;
using System.Runtime.Intrinsics;
using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>NnLab's exp is the C library's, bit for bit, one value at a time and four in a vector.</summary>
public class LibraryExpTests
{
    /// <summary>x spread over every path: the polynomial's range, both sides of its edges, tiny values and specials.</summary>
    private static double[] Values(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i % 4) switch
            {
                0 => 1040 * random.NextDouble() - 520,                   // both sides of |x| = 512, past overflow at 709.78
                1 => 60 * random.NextDouble() - 30,                      // the sigmoid's working range
                2 => Math.ScaleB(random.NextDouble() + 1, random.Next(-70, 11)) * (random.Next(2) * 2 - 1), // every exponent
                _ => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(Math.ScaleB(1.0, random.Next(-56, 10)))
                                                     + (ulong)random.Next(-3, 4)),  // at the powers of two
            };
        }
        double[] specials = [0, -0.0, 1, -1, 512, -512, 511.99999999999994, 709.782712893384, 709.79, -745.1332191019411,
                             -746, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
                             Math.ScaleB(1, -54), -Math.ScaleB(1, -54), Math.ScaleB(1, -55), Math.Log(2) / 256];
        specials.CopyTo(x, 0);
        return x;
    }

    [Fact]
    public void One_value_has_the_c_library_bits()
    {
        var x = Values(2_000_000, 1);
        int differing = 0;
        foreach (double v in x)
            if (BitConverter.DoubleToInt64Bits(LibraryExp.Exp(v)) != BitConverter.DoubleToInt64Bits(Math.Exp(v))) differing++;
        Assert.Equal(0, differing);
    }

    [Fact]
    public void Four_values_have_the_c_library_bits_whichever_lanes_leave_the_fast_range()
    {
        var x = Values(2_000_000, 2);
        int differing = 0;
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            var e = LibraryExp.Exp(Vector256.Create(x, i));
            for (int k = 0; k < 4; k++)
                if (BitConverter.DoubleToInt64Bits(e[k]) != BitConverter.DoubleToInt64Bits(Math.Exp(x[i + k]))) differing++;
        }
        Assert.Equal(0, differing);
    }

    [Theory]
    [InlineData(1.0, 0x4005BF0A8B145769UL)]          // e
    [InlineData(-0.5, 0x3FE368B2FC6F960AUL)]
    [InlineData(-3.7, 0x3F99511FC6871044UL)]
    [InlineData(20.25, 0x41C290D76D1966A9UL)]
    [InlineData(-300.0, 0x24E245639C3A49F7UL)]
    public void Known_values_have_the_same_bits_on_every_machine(double x, ulong bits)
    {
        Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(LibraryExp.Exp(x)));
        Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(LibraryExp.Exp(Vector256.Create(x))[2]));
    }

    [Fact]
    public void The_table_is_two_to_the_j_over_128_and_its_rounding_error()
    {
        const int precision = 256;
        var one = BigInteger.One << precision;
        var step = one * 2;
        for (int i = 0; i < 7; i++) step = IntegerSquareRoot(step << precision);   // 2^(1/128)
        var power = one;
        for (int j = 0; j < 128; j++, power = (power * step) >> precision)
        {
            double high = RoundToDouble(power, precision);
            var highFixed = new BigInteger(Math.ScaleB(high, 52)) << (precision - 52);
            double tail = RoundToDouble(((power - highFixed) << precision) / highFixed, precision);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(tail), LibraryExp.Table[2 * j]);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(high) - ((ulong)j << 45), LibraryExp.Table[2 * j + 1]);
        }
    }

    private static BigInteger IntegerSquareRoot(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + n / x) >> 1;
            if (next >= x) return x;
            x = next;
        }
    }

    /// <summary>value / 2^fraction rounded to the nearest double, ties to even.</summary>
    private static double RoundToDouble(BigInteger value, int fraction)
    {
        if (value.IsZero) return 0;
        var magnitude = BigInteger.Abs(value);
        int drop = (int)magnitude.GetBitLength() - 53;
        var mantissa = magnitude >> drop;
        var rest = magnitude - (mantissa << drop);
        var half = BigInteger.One << (drop - 1);
        if (rest > half || (rest == half && !mantissa.IsEven)) mantissa++;
        return value.Sign * Math.ScaleB((double)mantissa, drop - fraction);
    }
}
