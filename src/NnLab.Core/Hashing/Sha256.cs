using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace NnLab.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4), computed here in managed code for the kilobytes a command hashes on its way (a run's data for
/// summary.json, a folder's name): the platform's implementation would first load the system's cryptography library
/// (OpenSSL), which costs a short run more than hashing its data does. Inputs of more than <see cref="ManagedLimit"/>
/// bytes go to the platform's implementation, which is several times faster per byte. Both give the same digest.
/// </summary>
public sealed class Sha256 : IDisposable
{
    /// <summary>Inputs up to this many bytes are hashed here; larger ones (when known in advance) by the platform.</summary>
    public const long ManagedLimit = 1 << 20;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _pending = new byte[64];
    private int _pendingLength;
    private long _length;
    // The platform's hasher for a large input. Typed loosely and touched only in methods of its own, so that hashing
    // small inputs does not even load System.Security.Cryptography.dll.
    private readonly IDisposable? _platform;

    private Sha256(bool platform)
    {
        if (platform) _platform = CreatePlatform();
        else Reset();
    }

    /// <summary>A hasher for about <paramref name="expectedLength"/> bytes: managed up to <see cref="ManagedLimit"/>, the platform's above.</summary>
    public static Sha256 Create(long expectedLength = 0) => new(expectedLength > ManagedLimit);

    /// <summary>The digest of <paramref name="data"/>.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        if (data.Length > ManagedLimit) return PlatformHashData(data);
        var hash = new Sha256(platform: false);
        hash.Append(data);
        return hash.GetHashAndReset();
    }

    /// <summary>The digest of <paramref name="text"/>'s UTF-8 bytes, as lower-case hex.</summary>
    public static string HexOf(string text) => Convert.ToHexStringLower(HashData(Encoding.UTF8.GetBytes(text)));

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_platform is not null)
        {
            PlatformAppend(_platform, data);
            return;
        }
        _length += data.Length;
        if (_pendingLength > 0)
        {
            int take = Math.Min(64 - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < 64) return;
            Compress(_pending);
            _pendingLength = 0;
        }
        for (; data.Length >= 64; data = data[64..]) Compress(data[..64]);
        data.CopyTo(_pending);
        _pendingLength = data.Length;
    }

    /// <summary>The digest of everything appended since creation or the last call; the hasher starts over.</summary>
    public byte[] GetHashAndReset()
    {
        if (_platform is not null) return PlatformHash(_platform);
        long bits = _length * 8;
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        _pending.AsSpan(0, _pendingLength).CopyTo(tail);
        tail[_pendingLength] = 0x80;
        int tailLength = _pendingLength < 56 ? 64 : 128;
        BinaryPrimitives.WriteInt64BigEndian(tail[(tailLength - 8)..], bits);
        Compress(tail[..64]);
        if (tailLength == 128) Compress(tail[64..]);
        var digest = new byte[32];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * i), _state[i]);
        Reset();
        return digest;
    }

    public void Dispose() => _platform?.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IDisposable CreatePlatform() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PlatformAppend(IDisposable hash, ReadOnlySpan<byte> data) => ((IncrementalHash)hash).AppendData(data);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] PlatformHash(IDisposable hash) => ((IncrementalHash)hash).GetHashAndReset();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] PlatformHashData(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    private void Reset()
    {
        _state[0] = 0x6a09e667; _state[1] = 0xbb67ae85; _state[2] = 0x3c6ef372; _state[3] = 0xa54ff53a;
        _state[4] = 0x510e527f; _state[5] = 0x9b05688c; _state[6] = 0x1f83d9ab; _state[7] = 0x5be0cd19;
        _pendingLength = 0;
        _length = 0;
    }

    /// <summary>Folds one 64-byte block into the state.</summary>
    private void Compress(ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (int t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        for (int t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = _state[0], b = _state[1], c = _state[2], d = _state[3], e = _state[4], f = _state[5], g = _state[6], h = _state[7];
        for (int t = 0; t < 64; t++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint choose = (e & f) ^ (~e & g);
            uint t1 = h + sum1 + choose + RoundConstants[t] + w[t];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint majority = (a & b) ^ (a & c) ^ (b & c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + sum0 + majority;
        }
        _state[0] += a; _state[1] += b; _state[2] += c; _state[3] += d;
        _state[4] += e; _state[5] += f; _state[6] += g; _state[7] += h;
    }
}
