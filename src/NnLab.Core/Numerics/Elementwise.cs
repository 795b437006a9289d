using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics;

/// <summary>
/// Vectorised element-wise passes for the built-in layers. Each lane computes exactly the scalar expression it
/// replaces (same operations, same order, no fused multiply–add; comparisons select, so NaN and −0 behave as the
/// scalar <c>z &gt; 0 ? … : …</c>), so results are bit-identical to the plain loops — only branch-free and wider.
/// Generic over the element type: the JIT compiles one specialised copy each for double and float.
/// Compiled fully optimised at first call: a short CLI run should not spend its epochs in unoptimised tiers.
/// </summary>
internal static class Elementwise
{
    /// <summary>a = z &gt; 0 ? z : 0</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu<T>(ReadOnlySpan<T> z, Span<T> a) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(z.Length, a.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T zr = ref MemoryMarshal.GetReference(z);
            ref T ar = ref MemoryMarshal.GetReference(a);
            for (; i <= z.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<T>.Zero), v, Vector256<T>.Zero)
                    .StoreUnsafe(ref ar, (nuint)i);
            }
        }
        for (; i < z.Length; i++) a[i] = z[i] > T.Zero ? z[i] : T.Zero;
    }

    /// <summary>a = z &gt; 0 ? z : α·z</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyRelu<T>(ReadOnlySpan<T> z, T alpha, Span<T> a) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(z.Length, a.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T zr = ref MemoryMarshal.GetReference(z);
            ref T ar = ref MemoryMarshal.GetReference(a);
            var av = Vector256.Create(alpha);
            for (; i <= z.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<T>.Zero), v, av * v).StoreUnsafe(ref ar, (nuint)i);
            }
        }
        for (; i < z.Length; i++) a[i] = z[i] > T.Zero ? z[i] : alpha * z[i];
    }

    /// <summary>dz = z &gt; 0 ? up : slope·up (slope 0 for relu)</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradient<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> up, T slope, Span<T> dz) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(z.Length, up.Length);
        RequireSameLength(z.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T zr = ref MemoryMarshal.GetReference(z);
            ref T ur = ref MemoryMarshal.GetReference(up);
            ref T dr = ref MemoryMarshal.GetReference(dz);
            var sv = Vector256.Create(slope);
            bool zeroSlope = slope == T.Zero;
            for (; i <= z.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref zr, (nuint)i), Vector256<T>.Zero);
                var u = Vector256.LoadUnsafe(ref ur, (nuint)i);
                Vector256.ConditionalSelect(mask, u, zeroSlope ? Vector256<T>.Zero : sv * u).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (slope == T.Zero)
            for (; i < z.Length; i++) dz[i] = z[i] > T.Zero ? up[i] : T.Zero;
        else
            for (; i < z.Length; i++) dz[i] = z[i] > T.Zero ? up[i] : slope * up[i];
    }

    /// <summary>
    /// a = 1 / (1 + e^−z). float64 takes <see cref="LibraryExp"/> four values at a time (the C library's bits); float32
    /// calls the C library's expf per value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> a) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(z.Length, a.Length);
        int i = 0;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(z));
            ref double ar = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(a));
            var one = Vector256.Create(1.0);
            for (; i <= z.Length - 4; i += 4)
                (one / (one + LibraryExp.Exp(-Vector256.LoadUnsafe(ref zr, (nuint)i)))).StoreUnsafe(ref ar, (nuint)i);
        }
        for (; i < z.Length; i++) a[i] = T.One / (T.One + LibraryMath.Exp(-z[i]));
    }

    /// <summary>dz = (up · a) · (1 − a), the sigmoid's gradient in the tutorial's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> up, Span<T> dz) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(a.Length, up.Length);
        RequireSameLength(a.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T ur = ref MemoryMarshal.GetReference(up);
            ref T dr = ref MemoryMarshal.GetReference(dz);
            var one = Vector256.Create(T.One);
            for (; i <= a.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref ar, (nuint)i);
                (Vector256.LoadUnsafe(ref ur, (nuint)i) * v * (one - v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < a.Length; i++) dz[i] = up[i] * a[i] * (T.One - a[i]);
    }

    /// <summary>dz = up · (1 − a²), the tanh's gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> up, Span<T> dz) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(a.Length, up.Length);
        RequireSameLength(a.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T ur = ref MemoryMarshal.GetReference(up);
            ref T dr = ref MemoryMarshal.GetReference(dz);
            var one = Vector256.Create(T.One);
            for (; i <= a.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref ar, (nuint)i);
                (Vector256.LoadUnsafe(ref ur, (nuint)i) * (one - v * v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < a.Length; i++) dz[i] = up[i] * (T.One - a[i] * a[i]);
    }

    /// <summary>Adds b[i] to every element of row i of <paramref name="matrix"/> (the bias of Z = W·X + b).</summary>
    public static void AddToRows<T>(Matrix<T> matrix, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(matrix.Rows, b.Length);
        for (int r = 0; r < matrix.Rows; r++) AddScalar(matrix.Row(r), b[r]);
    }

    /// <summary>values += x, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScalar<T>(Span<T> values, T x) where T : IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T vr = ref MemoryMarshal.GetReference(values);
            var xv = Vector256.Create(x);
            for (; j <= values.Length - Vector256<T>.Count; j += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref vr, (nuint)j) + xv).StoreUnsafe(ref vr, (nuint)j);
        }
        for (; j < values.Length; j++) values[j] += x;
    }

    /// <summary>acc = max(acc, x), element by element; NaN propagates as in <c>np.maximum</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Max<T>(Span<T> acc, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(acc.Length, x.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T ar = ref MemoryMarshal.GetReference(acc);
            ref T xr = ref MemoryMarshal.GetReference(x);
            for (; i <= acc.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                Vector256.Max(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref ar, (nuint)i);
        }
        for (; i < acc.Length; i++) acc[i] = T.Max(acc[i], x[i]);
    }

    /// <summary>acc = acc + x, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(Span<T> acc, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(acc.Length, x.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T ar = ref MemoryMarshal.GetReference(acc);
            ref T xr = ref MemoryMarshal.GetReference(x);
            for (; i <= acc.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref ar, (nuint)i) + Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref ar, (nuint)i);
        }
        for (; i < acc.Length; i++) acc[i] += x[i];
    }

    /// <summary>w = w − rate·g, element by element (a multiply, then a subtraction: no fused multiply–add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SubtractScaled<T>(Span<T> w, T rate, ReadOnlySpan<T> g) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(w.Length, g.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T gr = ref MemoryMarshal.GetReference(g);
            var rv = Vector256.Create(rate);
            for (; i <= w.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref wr, (nuint)i) - rv * Vector256.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref wr, (nuint)i);
        }
        for (; i < w.Length; i++) w[i] -= rate * g[i];
    }

    /// <summary>
    /// z += x, then a = z &gt; 0 ? z : 0, in one pass (bias then ReLU, as <see cref="AddScalar{T}"/> and
    /// <see cref="Relu{T}"/> compute them); <paramref name="a"/> may be <paramref name="z"/> itself, and then only
    /// the ReLU's output is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScalarRelu<T>(Span<T> z, T x, Span<T> a) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(z.Length, a.Length);
        bool inPlace = Unsafe.AreSame(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(a));
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T zr = ref MemoryMarshal.GetReference(z);
            ref T ar = ref MemoryMarshal.GetReference(a);
            var xv = Vector256.Create(x);
            for (; i <= z.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i) + xv;
                if (!inPlace) v.StoreUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<T>.Zero), v, Vector256<T>.Zero).StoreUnsafe(ref ar, (nuint)i);
            }
        }
        for (; i < z.Length; i++)
        {
            T v = z[i] + x;
            z[i] = v;
            a[i] = v > T.Zero ? v : T.Zero;
        }
    }

    /// <summary>terms = y · (lse − z), softmax cross-entropy's per-logit terms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CrossEntropyTerms<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> lse, ReadOnlySpan<T> z, Span<T> terms)
        where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(y.Length, lse.Length);
        RequireSameLength(y.Length, z.Length);
        RequireSameLength(y.Length, terms.Length);
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T yr = ref MemoryMarshal.GetReference(y);
            ref T lr = ref MemoryMarshal.GetReference(lse);
            ref T zr = ref MemoryMarshal.GetReference(z);
            ref T tr = ref MemoryMarshal.GetReference(terms);
            for (; j <= y.Length - Vector256<T>.Count; j += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref yr, (nuint)j) * (Vector256.LoadUnsafe(ref lr, (nuint)j) - Vector256.LoadUnsafe(ref zr, (nuint)j)))
                    .StoreUnsafe(ref tr, (nuint)j);
        }
        for (; j < y.Length; j++) terms[j] = y[j] * (lse[j] - z[j]);
    }

    /// <summary>e = (e / s − y) / count: softmax cross-entropy's gradient from the exponentials e and their column sums s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxGradient<T>(Span<T> e, ReadOnlySpan<T> s, ReadOnlySpan<T> y, T count) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(e.Length, s.Length);
        RequireSameLength(e.Length, y.Length);
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T er = ref MemoryMarshal.GetReference(e);
            ref T sr = ref MemoryMarshal.GetReference(s);
            ref T yr = ref MemoryMarshal.GetReference(y);
            var cv = Vector256.Create(count);
            for (; j <= e.Length - Vector256<T>.Count; j += Vector256<T>.Count)
                ((Vector256.LoadUnsafe(ref er, (nuint)j) / Vector256.LoadUnsafe(ref sr, (nuint)j) - Vector256.LoadUnsafe(ref yr, (nuint)j)) / cv)
                    .StoreUnsafe(ref er, (nuint)j);
        }
        for (; j < e.Length; j++) e[j] = (e[j] / s[j] - y[j]) / count;
    }

    /// <summary>indicator = x == value ? 1 : 0, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Indicator<T>(ReadOnlySpan<T> x, T value, Span<T> indicator) where T : IFloatingPointIeee754<T>
    {
        RequireSameLength(x.Length, indicator.Length);
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T ir = ref MemoryMarshal.GetReference(indicator);
            var vv = Vector256.Create(value);
            var one = Vector256.Create(T.One);
            for (; j <= x.Length - Vector256<T>.Count; j += Vector256<T>.Count)
                Vector256.ConditionalSelect(Vector256.Equals(Vector256.LoadUnsafe(ref xr, (nuint)j), vv), one, Vector256<T>.Zero)
                    .StoreUnsafe(ref ir, (nuint)j);
        }
        for (; j < x.Length; j++) indicator[j] = x[j] == value ? T.One : T.Zero;
    }

    // The check inlines into each pass; the throw, with its message, stays out of line (a pass of a tiny network's
    // 4 to 12 values otherwise spent as long calling the check as computing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireSameLength(int expected, int actual)
    {
        if (expected != actual) ThrowDifferentLengths(expected, actual);
    }

    [DoesNotReturn]
    private static void ThrowDifferentLengths(int expected, int actual) =>
        throw new ArgumentException($"Spans differ in length: {expected} and {actual}.");
}
