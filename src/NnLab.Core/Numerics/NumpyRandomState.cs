namespace NnLab.Numerics;

/// <summary>
/// numpy's legacy <c>RandomState</c> stream (MT19937 seeded by init_genrand, 53-bit doubles, polar Box–Muller
/// with the second value cached across calls), so <c>seed: 48</c> draws exactly what <c>np.random.seed(48)</c> draws.
/// </summary>
public sealed class NumpyRandomState : IRandomSource
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _position;
    private bool _hasGauss;
    private double _gauss;

    public NumpyRandomState(uint seed) => Seed(seed);

    /// <summary>As <c>np.random.seed(seed)</c>: init_genrand, and the Gaussian cache cleared.</summary>
    public void Seed(uint seed)
    {
        _mt[0] = seed;
        for (uint i = 1; i < N; i++)
            _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + i);
        _position = N;
        _hasGauss = false;
        _gauss = 0.0;
    }

    /// <summary>The next tempered 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_position >= N) Regenerate();
        uint y = _mt[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    public double NextUniform()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double cached = _gauss;
            _gauss = 0.0;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextUniform() - 1.0;
            x2 = 2.0 * NextUniform() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>
    /// As <c>normal(loc, scale)</c> for one value: <c>loc + scale·standard_normal()</c> (numpy's legacy_normal), one
    /// <see cref="NextGaussian"/> consumed even when <paramref name="scale"/> is 0.
    /// </summary>
    public double Normal(double loc, double scale) => loc + scale * NextGaussian();

    /// <summary>
    /// As <c>uniform(low, high)</c> for one value: <c>low + (high − low)·random_sample()</c>, the range computed once
    /// as numpy does; one <see cref="NextUniform"/> consumed.
    /// </summary>
    public double Uniform(double low, double high) => low + (high - low) * NextUniform();

    public uint NextBounded(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        do value = NextUInt32() & mask; while (value > max);
        return value;
    }

    /// <summary>As <c>np.random.permutation(n)</c>.</summary>
    public int[] Permutation(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        Shuffle(a);
        return a;
    }

    /// <summary>
    /// In-place Fisher–Yates in numpy's legacy order (from the end): <c>RandomState.shuffle</c> of a 1-D array, which
    /// draws exactly what <c>permutation</c> draws (one bounded draw per i = n−1 down to 1; none for n ≤ 1).
    /// </summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i >= 1; i--)
        {
            int j = (int)NextBounded((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Where the stream stands (a copy), as numpy's <c>get_state()</c>.</summary>
    public RandomStreamState GetState() => new((uint[])_mt.Clone(), _position, _hasGauss, _gauss);

    /// <summary>Puts the stream where <paramref name="state"/> says, as numpy's <c>set_state()</c>.</summary>
    public void SetState(RandomStreamState state)
    {
        if (state.Key.Length != N) throw new ArgumentException($"a stream state has {N} words, got {state.Key.Length}", nameof(state));
        if (state.Position is < 0 or > N) throw new ArgumentException($"a stream position is 0..{N}, got {state.Position}", nameof(state));
        state.Key.CopyTo(_mt, 0);
        _position = state.Position;
        (_hasGauss, _gauss) = (state.HasGauss, state.HasGauss ? state.Gauss : 0.0);
    }

    /// <summary>The internal state words, for tests against numpy's <c>get_state()</c>.</summary>
    internal ReadOnlySpan<uint> State => _mt;

    internal int Position => _position;

    private void Regenerate()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }
        _position = 0;
    }
}
