using System.Runtime.InteropServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// One thread's packing buffers, 64-byte aligned (pinned arrays, so the alignment holds). They grow only when a larger
/// block is first needed, so repeated products of the same shapes allocate nothing.
/// </summary>
internal sealed class GemmWorkspace
{
    [ThreadStatic] private static GemmWorkspace? t_current;

    private double[] _a = [];
    private int _aStart;
    private double[] _b = [];
    private int _bStart;
    private int _aLength, _bLength;

    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>An Mr×Nr scratch tile for edge tiles (big enough for every kernel).</summary>
    public double[] Tile { get; } = new double[16 * 16];

    public ref double PackedA(int length)
    {
        if (_aLength < length) (_a, _aStart, _aLength) = Allocate(length);
        return ref _a[_aStart];
    }

    public ref double PackedB(int length)
    {
        if (_bLength < length) (_b, _bStart, _bLength) = Allocate(length);
        return ref _b[_bStart];
    }

    private static (double[] Array, int Start, int Length) Allocate(int length)
    {
        const int alignDoubles = 8; // 64 bytes
        var array = GC.AllocateUninitializedArray<double>(length + alignDoubles, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        int misalignment = (int)(address & 63) / sizeof(double);
        int start = misalignment == 0 ? 0 : alignDoubles - misalignment;
        return (array, start, length);
    }
}
