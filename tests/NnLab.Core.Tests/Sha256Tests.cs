using NnLab.Hashing;

namespace NnLab.Tests;

/// <summary>The managed SHA-256 gives the platform's digests, whole or appended in pieces, below and above its limit.</summary>
public sealed class Sha256Tests
{
    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Known_digests_of_the_standard_examples()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.HexOf(""));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.HexOf("abc"));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            Sha256.HexOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    [Fact]
    public void Every_length_around_the_block_and_padding_boundaries_matches_the_platform()
    {
        for (int length = 0; length <= 300; length++)
        {
            var data = Bytes(length, length);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Appending_in_pieces_gives_the_digest_of_the_whole_and_the_hasher_starts_over(int piece)
    {
        var data = Bytes(5_000, piece);
        using var hash = Sha256.Create(data.Length);
        for (int round = 0; round < 2; round++)
        {
            for (int at = 0; at < data.Length; at += piece) hash.Append(data.AsSpan(at, Math.Min(piece, data.Length - at)));
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), hash.GetHashAndReset());
        }
    }

    [Fact]
    public void Inputs_above_the_managed_limit_go_to_the_platform_with_the_same_digest()
    {
        var data = Bytes((int)Sha256.ManagedLimit + 1, 3);
        var expected = System.Security.Cryptography.SHA256.HashData(data);
        Assert.Equal(expected, Sha256.HashData(data));
        using var hash = Sha256.Create(data.Length);
        hash.Append(data);
        Assert.Equal(expected, hash.GetHashAndReset());
    }
}
