namespace NnLab.Numerics;

/// <summary>
/// Where a <see cref="NumpyRandomState"/> stands, as numpy's <c>get_state()</c> gives it: the 624 MT19937 words, the
/// position in them, and the cached second Box–Muller normal. <see cref="NumpyRandomState.SetState"/> with it draws
/// exactly what the stream would have drawn next.
/// </summary>
/// <param name="Key">The 624 state words (a copy).</param>
/// <param name="Position">0..624; 624 means the next draw regenerates the words.</param>
/// <param name="HasGauss">Whether a cached normal is waiting.</param>
/// <param name="Gauss">The cached normal (0 when none).</param>
public sealed record RandomStreamState(uint[] Key, int Position, bool HasGauss, double Gauss)
{
    public const int KeyLength = 624;

    /// <summary>Value equality, the words compared one by one and the cached normal bit for bit.</summary>
    public bool Equals(RandomStreamState? other) =>
        other is not null && Key.AsSpan().SequenceEqual(other.Key) && Position == other.Position && HasGauss == other.HasGauss
        && BitConverter.DoubleToInt64Bits(Gauss) == BitConverter.DoubleToInt64Bits(other.Gauss);

    public override int GetHashCode() => HashCode.Combine(Key.Length > 0 ? Key[0] : 0, Position, HasGauss, Gauss);
}
