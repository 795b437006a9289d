using NnLab.Numerics;

namespace NnLab.Tests;

/// <summary>Test vectors from shared/reference/numpy-rng.md and numpy 1.24.2 itself.</summary>
public class NumpyRandomStateTests
{
    [Fact]
    public void Seed_uses_init_genrand()
    {
        var rng = new NumpyRandomState(48);
        Assert.Equal([48u, 1097450225u, 4238104754u, 1845278424u], rng.State[..4].ToArray());
        Assert.Equal(302763909u, rng.State[623]);
        Assert.Equal(624, rng.Position);
    }

    [Theory]
    [InlineData(48u, new uint[] { 75120128, 1831733811, 3829278033, 1144485316, 1223469403 })]
    [InlineData(1u, new uint[] { 1791095845, 4282876139, 3093770124, 4005303368, 491263 })]
    public void First_tempered_outputs_match_numpy(uint seed, uint[] expected)
    {
        var rng = new NumpyRandomState(seed);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => rng.NextUInt32()));
    }

    [Fact]
    public void Rand_matches_numpy_bit_for_bit()
    {
        var rng = new NumpyRandomState(48);
        Assert.Equal([0.01749027093115263, 0.8915732671802584, 0.2848611674739183], Draw(rng.NextUniform, 3));
        rng.Seed(1);
        Assert.Equal(
            [0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977,
             0.14675589081711304, 0.0923385947687978, 0.1862602113776709, 0.34556072704304774,
             0.39676747423066994, 0.538816734003357, 0.4191945144032948, 0.6852195003967595],
            Draw(rng.NextUniform, 12));
    }

    [Fact]
    public void Randn_of_seed_48_skips_the_rejected_first_pair_and_returns_x2_first()
    {
        var rng = new NumpyRandomState(48);
        var expected = new[]
        {
            "-0x1.fcbd3e8ebf7ecp-1", "-0x1.103b09021432ep+0", "-0x1.46b1e2ed26c70p-1",
            "0x1.0fc446bd050c8p+0", "-0x1.425d1b93ae206p-3", "0x1.17fe96eea6f59p+0",
        }.Select(ParseHexDouble);
        Assert.Equal(expected, Draw(rng.NextGaussian, 6));
    }

    [Fact]
    public void Randn_of_seed_0()
    {
        var rng = new NumpyRandomState(0);
        Assert.Equal([1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675],
            Draw(rng.NextGaussian, 5));
    }

    [Fact]
    public void The_cached_normal_carries_over_and_reseeding_clears_it()
    {
        var rng = new NumpyRandomState(48);
        Draw(rng.NextGaussian, 3);
        Assert.Equal(1.0615886889909678, rng.NextGaussian()); // 4th value: the cache of pair 2
        rng.Seed(48);
        Assert.Equal(-0.9936313199284519, rng.NextGaussian());
    }

    [Fact]
    public void Permutation_matches_numpy()
    {
        Assert.Equal([7, 5, 2, 6, 9, 8, 4, 1, 3, 0], new NumpyRandomState(48).Permutation(10));
        int[] expected150 =
        [
            96, 73, 134, 41, 70, 116, 19, 138, 33, 89, 137, 36, 20, 126, 87, 56, 11, 62, 72, 120, 8, 147, 77, 86, 129, 4, 31,
            136, 132, 88, 110, 69, 148, 39, 53, 103, 127, 78, 38, 99, 79, 71, 111, 149, 84, 121, 117, 5, 40, 125, 44, 75, 24,
            48, 10, 101, 29, 139, 9, 106, 97, 109, 63, 130, 82, 119, 140, 17, 95, 80, 146, 102, 90, 93, 141, 128, 68, 55, 59,
            105, 76, 98, 113, 74, 65, 94, 52, 23, 1, 83, 57, 14, 43, 123, 107, 32, 15, 112, 3, 67, 145, 50, 35, 7, 100, 122,
            61, 2, 115, 26, 85, 12, 124, 54, 22, 114, 13, 108, 37, 16, 47, 142, 133, 49, 131, 42, 45, 144, 60, 27, 118, 143,
            25, 21, 135, 18, 66, 30, 104, 58, 28, 46, 6, 92, 34, 64, 91, 81, 51, 0,
        ];
        Assert.Equal(expected150, new NumpyRandomState(48).Permutation(150));
    }

    [Fact]
    public void Normal_and_uniform_match_numpy()
    {
        // np.random.RandomState(48).normal(3.0, 0.25, size=5); RandomState(1).uniform(-10, 10, size=5)
        var rng = new NumpyRandomState(48);
        Assert.Equal([2.751592170017887, 2.7341497986298693, 2.840481021058761, 3.265397172247742, 2.9606489621533534],
            Draw(() => rng.Normal(3.0, 0.25), 5));
        rng.Seed(1);
        Assert.Equal([-1.6595599059485195, 4.4064898688431615, -9.997712503653101, -3.9533485473632046, -7.064882183657739],
            Draw(() => rng.Uniform(-10, 10), 5));
    }

    [Fact]
    public void Normal_with_zero_scale_still_draws_as_numpy_does()
    {
        // RandomState(0): normal(0.0, 0.0, size=3) then random_sample() -> 0.4236547993389047, as after standard_normal(3)
        var rng = new NumpyRandomState(0);
        Assert.Equal([0.0, 0.0, 0.0], Draw(() => rng.Normal(0.0, 0.0), 3));
        Assert.Equal(0.4236547993389047, rng.NextUniform());
    }

    [Fact]
    public void Shuffle_matches_numpys_one_dimensional_shuffle()
    {
        // a = np.arange(10); RandomState(48).shuffle(a) -> the same order as permutation(10), and the next
        // randint(0, 2**31 - 1) is 1989993762 after either; shuffling one element draws nothing.
        var rng = new NumpyRandomState(48);
        int[] a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        rng.Shuffle(a);
        Assert.Equal([7, 5, 2, 6, 9, 8, 4, 1, 3, 0], a);
        Assert.Equal(1989993762u, rng.NextBounded(2147483646));
        rng.Seed(7);
        rng.Shuffle(new int[1]);
        Assert.Equal(0.07630828937395717, rng.NextUniform());
    }

    private static double[] Draw(Func<double> next, int n) => Enumerable.Range(0, n).Select(_ => next()).ToArray();

    /// <summary>Parses Python's float.hex() form, e.g. -0x1.fcbd3e8ebf7ecp-1.</summary>
    internal static double ParseHexDouble(string text)
    {
        bool negative = text.StartsWith('-');
        var body = text.TrimStart('-')[2..];
        int p = body.IndexOf('p');
        var mantissa = body[..p].Split('.');
        long fraction = Convert.ToInt64(mantissa[1], 16);
        double value = (long.Parse(mantissa[0]) + fraction / Math.Pow(2, 4 * mantissa[1].Length)) * Math.Pow(2, int.Parse(body[(p + 1)..]));
        return negative ? -value : value;
    }
}
