using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NnLab.Numerics;
using NnLab.Numerics.Gemm;

namespace NnLab.Training.Lanes;

/// <summary>
/// The training arithmetic over arrays whose every element is a vector of lanes, one lane per trial. Each lane
/// performs exactly the operations, in exactly the order, that the one-trial path performs on that element: the
/// products' one multiply–add chain over k from zero, fused for the fast kernels (<see cref="FastGemm{T}"/>), a
/// multiply then an add for the reference ones (<see cref="Numerics.ReferenceMatrixOperations{T}"/>); numpy's pairwise sums
/// (<see cref="Numerics.NumpySummation"/>), and the element-wise passes' expressions. Division, square root, addition
/// and multiplication are correctly rounded lane by lane; float64's exp is <see cref="Numerics.LibraryExp"/>, which the
/// one-trial path calls too, and tanh (and float32's exp) the C library's, lane by lane. A lane's bits are therefore
/// those of its trial trained alone. Every method is compiled fully optimised at
/// first call: a pass runs one long loop, which the runtime's first tiers would run unvectorised for a long while.
/// </summary>
internal static class LaneMath<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int BlockSize = 128;

    /// <summary>Z (u×m) = W (u×n) · X (n×m) + b, each element one multiply–add chain over n from zero, then the bias added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Linear<TRounding>(ReadOnlySpan<Vector256<T>> w, ReadOnlySpan<Vector256<T>> b, ReadOnlySpan<Vector256<T>> x,
        Span<Vector256<T>> z, int u, int n, int m) where TRounding : IProductRounding<T>
    {
        for (int i = 0; i < u; i++)
        {
            var wRow = w.Slice(i * n, n);
            var zRow = z.Slice(i * m, m);
            for (int j = 0; j < m; j++)
            {
                var acc = Vector256<T>.Zero;
                for (int p = 0; p < n; p++) acc = TRounding.MulAdd(wRow[p], x[p * m + j], acc);
                zRow[j] = b.IsEmpty ? acc : acc + b[i];
            }
        }
    }

    /// <summary>dW (u×n) = dZ (u×m) · Xᵀ: each element one FMA chain over the examples from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient<TRounding>(ReadOnlySpan<Vector256<T>> dz, ReadOnlySpan<Vector256<T>> x, Span<Vector256<T>> dw,
        int u, int n, int m) where TRounding : IProductRounding<T>
    {
        for (int i = 0; i < u; i++)
        {
            var dzRow = dz.Slice(i * m, m);
            for (int p = 0; p < n; p++)
            {
                var xRow = x.Slice(p * m, m);
                var acc = Vector256<T>.Zero;
                for (int j = 0; j < m; j++) acc = TRounding.MulAdd(dzRow[j], xRow[j], acc);
                dw[i * n + p] = acc;
            }
        }
    }

    /// <summary>dX (n×m) = Wᵀ · dZ: each element one FMA chain over the units from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputGradient<TRounding>(ReadOnlySpan<Vector256<T>> w, ReadOnlySpan<Vector256<T>> dz, Span<Vector256<T>> dx,
        int u, int n, int m) where TRounding : IProductRounding<T>
    {
        for (int p = 0; p < n; p++)
            for (int j = 0; j < m; j++)
            {
                var acc = Vector256<T>.Zero;
                for (int i = 0; i < u; i++) acc = TRounding.MulAdd(w[i * n + p], dz[i * m + j], acc);
                dx[p * m + j] = acc;
            }
    }

    /// <summary>sums[i] = the pairwise sum of row i of the rows × (values / rows) block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumRows(ReadOnlySpan<Vector256<T>> values, int rows, Span<Vector256<T>> sums)
    {
        int n = values.Length / rows;
        for (int i = 0; i < rows; i++) sums[i] = Sum(values.Slice(i * n, n));
    }

    /// <summary>numpy's pairwise sum, lane by lane (see <see cref="Numerics.NumpySummation.Sum{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector256<T> Sum(ReadOnlySpan<Vector256<T>> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            var res = Vector256.Create(T.NegativeZero);
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= BlockSize) return Block(a);
        int half = n / 2 - n / 2 % 8;
        return Sum(a[..half]) + Sum(a[half..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<T> Block(ReadOnlySpan<Vector256<T>> a)
    {
        int n = a.Length, end = n - n % 8;
        Vector256<T> r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
        for (int i = 8; i < end; i += 8)
        {
            r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
            r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
        }
        var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for (int i = end; i < n; i++) res += a[i];
        return res;
    }

    /// <summary>a = 1 / (1 + e^−z): float64's exponentials four lanes at once (<see cref="LibraryExp"/>), float32's lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid(ReadOnlySpan<Vector256<T>> z, Span<Vector256<T>> a)
    {
        if (typeof(T) == typeof(double))
        {
            Elementwise.Sigmoid(MemoryMarshal.Cast<Vector256<T>, double>(z), MemoryMarshal.Cast<Vector256<T>, double>(a));
            return;
        }
        var zs = MemoryMarshal.Cast<Vector256<T>, T>(z);
        var es = MemoryMarshal.Cast<Vector256<T>, T>(a);
        for (int i = 0; i < zs.Length; i++) es[i] = LibraryMath.Exp(-zs[i]);
        var one = Vector256.Create(T.One);
        for (int i = 0; i < a.Length; i++) a[i] = one / (one + a[i]);
    }

    /// <summary>a = tanh(z), lane by lane (the C library's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tanh(ReadOnlySpan<Vector256<T>> z, Span<Vector256<T>> a)
    {
        var zs = MemoryMarshal.Cast<Vector256<T>, T>(z);
        var As = MemoryMarshal.Cast<Vector256<T>, T>(a);
        for (int i = 0; i < zs.Length; i++) As[i] = LibraryMath.Tanh(zs[i]);
    }

    /// <summary>a = z &gt; 0 ? z : 0</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<Vector256<T>> z, Span<Vector256<T>> a)
    {
        for (int i = 0; i < z.Length; i++) a[i] = Vector256.ConditionalSelect(Vector256.GreaterThan(z[i], Vector256<T>.Zero), z[i], Vector256<T>.Zero);
    }

    /// <summary>dz = z &gt; 0 ? up : 0</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradient(ReadOnlySpan<Vector256<T>> z, ReadOnlySpan<Vector256<T>> up, Span<Vector256<T>> dz)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = Vector256.ConditionalSelect(Vector256.GreaterThan(z[i], Vector256<T>.Zero), up[i], Vector256<T>.Zero);
    }

    /// <summary>dz = (up · a) · (1 − a)</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidGradient(ReadOnlySpan<Vector256<T>> a, ReadOnlySpan<Vector256<T>> up, Span<Vector256<T>> dz)
    {
        var one = Vector256.Create(T.One);
        for (int i = 0; i < a.Length; i++) dz[i] = up[i] * a[i] * (one - a[i]);
    }

    /// <summary>dz = up · (1 − a²)</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhGradient(ReadOnlySpan<Vector256<T>> a, ReadOnlySpan<Vector256<T>> up, Span<Vector256<T>> dz)
    {
        var one = Vector256.Create(T.One);
        for (int i = 0; i < a.Length; i++) dz[i] = up[i] * (one - a[i] * a[i]);
    }

    /// <summary>w = w − rate·g (a multiply, then a subtraction)</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GradientDescent(Span<Vector256<T>> w, ReadOnlySpan<Vector256<T>> g, Vector256<T> rate)
    {
        for (int i = 0; i < w.Length; i++) w[i] -= rate * g[i];
    }

    /// <summary>v ← μ·v − α·g; w ← w + v, or w ← w + (μ·v − α·g) with the new v (Nesterov).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Momentum(Span<Vector256<T>> w, Span<Vector256<T>> v, ReadOnlySpan<Vector256<T>> g, Vector256<T> mu,
        Vector256<T> rate, bool nesterov)
    {
        for (int i = 0; i < w.Length; i++)
        {
            var vi = mu * v[i] - rate * g[i];
            v[i] = vi;
            w[i] += nesterov ? mu * vi - rate * g[i] : vi;
        }
    }

    /// <summary>m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g·g; w ← w − α·(m/c1) / (√(v/c2) + ε).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<Vector256<T>> w, Span<Vector256<T>> m, Span<Vector256<T>> v, ReadOnlySpan<Vector256<T>> g,
        in AdamVectors s)
    {
        for (int i = 0; i < w.Length; i++)
        {
            var gi = g[i];
            var mi = s.Beta1 * m[i] + s.Keep1 * gi;
            var vi = s.Beta2 * v[i] + s.Keep2 * gi * gi;
            (m[i], v[i]) = (mi, vi);
            w[i] -= s.Rate * (mi / s.Correction1) / (Vector256.Sqrt(vi / s.Correction2) + s.Epsilon);
        }
    }

    /// <summary>One Adam step's scalars, lane by lane.</summary>
    public struct AdamVectors
    {
        public Vector256<T> Beta1, Beta2, Keep1, Keep2, Rate, Correction1, Correction2, Epsilon;
    }
}
