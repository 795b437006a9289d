using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Optimizers;

/// <summary>One Adam step's scalars, already rounded to the element type.</summary>
internal readonly record struct AdamScalars<T>(T Beta1, T Beta2, T Keep1, T Keep2, T Rate, T Correction1, T Correction2, T Epsilon);

/// <summary>
/// The Adam update over a run of values, vectorised: each lane computes exactly the scalar expressions (same
/// operations, same order, no fused multiply–add; division and square root are correctly rounded in both), so the
/// bits are those of the plain loop. The divisions and the square root are most of a step's time: 4 lanes of doubles
/// (8 of floats) per instruction instead of one.
/// </summary>
internal static class AdamUpdate
{
    /// <summary>m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g·g; w ← w − α·(m/c1) / (√(v/c2) + ε).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T>(Span<T> w, Span<T> m, Span<T> v, ReadOnlySpan<T> g, in AdamScalars<T> s)
        where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T vr = ref MemoryMarshal.GetReference(v);
            ref T gr = ref MemoryMarshal.GetReference(g);
            Vector256<T> b1 = Vector256.Create(s.Beta1), b2 = Vector256.Create(s.Beta2);
            Vector256<T> keep1 = Vector256.Create(s.Keep1), keep2 = Vector256.Create(s.Keep2);
            Vector256<T> rate = Vector256.Create(s.Rate), eps = Vector256.Create(s.Epsilon);
            Vector256<T> c1 = Vector256.Create(s.Correction1), c2 = Vector256.Create(s.Correction2);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var mi = b1 * Vector256.LoadUnsafe(ref mr, (nuint)i) + keep1 * gi;
                var vi = b2 * Vector256.LoadUnsafe(ref vr, (nuint)i) + keep2 * gi * gi;
                mi.StoreUnsafe(ref mr, (nuint)i);
                vi.StoreUnsafe(ref vr, (nuint)i);
                var step = rate * (mi / c1) / (Vector256.Sqrt(vi / c2) + eps);
                (Vector256.LoadUnsafe(ref wr, (nuint)i) - step).StoreUnsafe(ref wr, (nuint)i);
            }
        }
        for (; i < w.Length; i++)
        {
            m[i] = s.Beta1 * m[i] + s.Keep1 * g[i];
            v[i] = s.Beta2 * v[i] + s.Keep2 * g[i] * g[i];
            w[i] -= s.Rate * (m[i] / s.Correction1) / (T.Sqrt(v[i] / s.Correction2) + s.Epsilon);
        }
    }
}
