using System.Numerics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// A register-tile kernel: C(Mr×Nr) ← C₀ + Â·B̂, where Â is a packed A sliver (kc steps of Mr values), B̂ a packed B
/// sliver (kc steps of Nr values), and C₀ is the tile's current contents when <c>accumulate</c> is set, else zero.
/// Every output is one fused multiply–add chain in increasing p, so a product split over k blocks, tiles or threads
/// rounds exactly like a single sequential chain. Implemented by structs so generic callers are specialised per kernel
/// and element type.
/// </summary>
/// <remarks>
/// With <c>finish</c> set, the tile stores its values through its finish type argument (<see cref="ITileFinish"/>):
/// <c>bias</c> is the bias of the tile's first row and <c>other</c> the epilogue's other operand at the tile's first
/// element (laid out as C, <c>ldc</c> apart); either may be a null reference when the finish does not read it. The rows
/// type argument (<see cref="ITileRows"/>) picks the full tile or the short one (ShortMr rows; a packed short sliver
/// has ShortMr values per step).
/// </remarks>
internal interface IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract int Mr { get; }
    static abstract int Nr { get; }

    /// <summary>Rows of the short tile for the last rows of C (Mr when the kernel has none).</summary>
    static abstract int ShortMr { get; }

    static abstract void Run<TF, TR>(nint kc, ref T a, ref T b, ref T c, nint ldc, bool accumulate, bool finish,
        ref T bias, ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows;

    /// <summary>
    /// As <see cref="Run{TF, TR}"/>, with A read where it lies: A(r, p) = a[r·aRow + p·aStep] (a packed sliver has
    /// aRow 1 and aStep Mr).
    /// </summary>
    static abstract void RunInPlace<TF, TR>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc,
        bool accumulate, bool finish, ref T bias, ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows;
}
