using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace NnLab.Runner.Checkpoints;

/// <summary>
/// NumPy's <c>.npy</c> format, version 1.0, for the arrays a checkpoint holds: float64 (<c>&lt;f8</c>), float32
/// (<c>&lt;f4</c>) and uint32 (<c>&lt;u4</c>, a random stream's words), little-endian, C order. The values are stored
/// as their bytes, so they read back bit for bit, here or with <c>np.load</c>.
/// </summary>
internal static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    public static void Write(Stream stream, Array values, params int[] shape)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints are written on little-endian machines");
        string shapeText = shape.Length == 1
            ? $"({shape[0]},)"
            : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        string header = $"{{'descr': '{Descr(values)}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Magic (8 bytes), header length (2), header padded with spaces and ended by '\n' to a multiple of 64 bytes.
        int total = (Magic.Length + 2 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - Magic.Length - 2 - 1) + "\n";
        Span<byte> prefix = stackalloc byte[Magic.Length + 2];
        Magic.CopyTo(prefix);
        prefix[8] = (byte)(header.Length & 0xff);
        prefix[9] = (byte)(header.Length >> 8);
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(Bytes(values));
    }

    /// <summary>Reads an array written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static (Array Values, int[] Shape) Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[Magic.Length + 2];
        stream.ReadExactly(prefix);
        if (!prefix[..Magic.Length].SequenceEqual(Magic)) throw new InvalidDataException("not a version 1.0 .npy file");
        var header = new byte[prefix[8] | (prefix[9] << 8)];
        stream.ReadExactly(header);
        string text = Encoding.ASCII.GetString(header);
        var match = HeaderPattern().Match(text);
        if (!match.Success) throw new InvalidDataException($"unsupported .npy header {text.Trim()}");
        int[] shape = match.Groups["shape"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        int count = shape.Aggregate(1, (a, d) => checked(a * d));
        Array values = match.Groups["descr"].Value switch
        {
            "<f8" => new double[count],
            "<f4" => new float[count],
            "<u4" => new uint[count],
            var other => throw new InvalidDataException($"unsupported .npy type {other}"),
        };
        stream.ReadExactly(Bytes(values));
        if (stream.ReadByte() != -1) throw new InvalidDataException("the .npy file is longer than its shape says");
        return (values, shape);
    }

    private static string Descr(Array values) => values switch
    {
        double[] => "<f8",
        float[] => "<f4",
        uint[] => "<u4",
        _ => throw new ArgumentException($"cannot store {values.GetType().Name} in a checkpoint"),
    };

    private static Span<byte> Bytes(Array values) => values switch
    {
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
        uint[] u => MemoryMarshal.AsBytes(u.AsSpan()),
        _ => throw new ArgumentException($"cannot store {values.GetType().Name} in a checkpoint"),
    };

    [GeneratedRegex(@"^\{'descr': '(?<descr><[a-z]\d)', 'fortran_order': False, 'shape': \((?<shape>[\d, ]*)\), \}\s*$")]
    private static partial Regex HeaderPattern();
}
