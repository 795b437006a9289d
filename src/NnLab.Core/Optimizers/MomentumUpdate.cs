using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Optimizers;

/// <summary>
/// The momentum update over a run of values, vectorised: each lane computes exactly the scalar expressions (same
/// operations, same order, no fused multiply–add), so the bits are those of the plain loop.
/// </summary>
internal static class MomentumUpdate
{
    /// <summary>v ← μ·v − α·g; w ← w + v, or w ← w + (μ·v − α·g) with the new v (Nesterov).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T>(Span<T> w, Span<T> v, ReadOnlySpan<T> g, T mu, T rate, bool nesterov)
        where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T gr = ref MemoryMarshal.GetReference(g);
            Vector256<T> muv = Vector256.Create(mu), ratev = Vector256.Create(rate);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var vi = muv * Vector256.LoadUnsafe(ref vr, (nuint)i) - ratev * gi;
                vi.StoreUnsafe(ref vr, (nuint)i);
                var step = nesterov ? muv * vi - ratev * gi : vi;
                (Vector256.LoadUnsafe(ref wr, (nuint)i) + step).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            v[i] = mu * v[i] - rate * g[i];
            w[i] += nesterov ? mu * v[i] - rate * g[i] : v[i];
        }
    }
}
