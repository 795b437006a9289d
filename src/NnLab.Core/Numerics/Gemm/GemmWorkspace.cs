using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// One thread's packing buffers for one element type, 64-byte aligned (pinned arrays, so the alignment holds). They
/// grow only when a larger block is first needed, so repeated products of the same shapes allocate nothing.
/// </summary>
internal sealed class GemmWorkspace<T> where T : unmanaged
{
    private const int AlignBytes = 64;

    [ThreadStatic] private static GemmWorkspace<T>? t_current;

    private T[] _a = [];
    private int _aStart;
    private T[] _b = [];
    private int _bStart;
    private int _aLength, _bLength;

    public static GemmWorkspace<T> Current => t_current ??= new GemmWorkspace<T>();

    /// <summary>An Mr×Nr scratch tile for edge tiles, big enough for every kernel (the widest: 6 rows × 2 Vector512).</summary>
    public T[] Tile { get; } = new T[Math.Max(4 * 4, 6 * 2 * Vector512<T>.Count)];

    public ref T PackedA(int length)
    {
        if (_aLength < length) (_a, _aStart, _aLength) = Allocate(length);
        return ref _a[_aStart];
    }

    public ref T PackedB(int length)
    {
        if (_bLength < length) (_b, _bStart, _bLength) = Allocate(length);
        return ref _b[_bStart];
    }

    private static (T[] Array, int Start, int Length) Allocate(int length)
    {
        int alignElements = AlignBytes / Unsafe.SizeOf<T>();
        var array = GC.AllocateUninitializedArray<T>(length + alignElements, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        int misalignment = (int)(address & (AlignBytes - 1)) / Unsafe.SizeOf<T>();
        int start = misalignment == 0 ? 0 : alignElements - misalignment;
        return (array, start, length);
    }
}
