using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics;

/// <summary>
/// Vectorised element-wise passes for the built-in layers. Each lane computes exactly the scalar expression it
/// replaces (same operations, same order, no fused multiply–add; comparisons select, so NaN and −0 behave as the
/// scalar <c>z &gt; 0 ? … : …</c>), so results are bit-identical to the plain loops — only branch-free and wider.
/// Compiled fully optimised at first call: a short CLI run should not spend its epochs in unoptimised tiers.
/// </summary>
internal static class Elementwise
{
    /// <summary>a = z &gt; 0 ? z : 0</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<double> z, Span<double> a)
    {
        RequireSameLength(z.Length, a.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref double ar = ref MemoryMarshal.GetReference(a);
            for (; i <= z.Length - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), v, Vector256<double>.Zero)
                    .StoreUnsafe(ref ar, (nuint)i);
            }
        }
        for (; i < z.Length; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
    }

    /// <summary>a = z &gt; 0 ? z : α·z</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyRelu(ReadOnlySpan<double> z, double alpha, Span<double> a)
    {
        RequireSameLength(z.Length, a.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref double ar = ref MemoryMarshal.GetReference(a);
            var av = Vector256.Create(alpha);
            for (; i <= z.Length - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref zr, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), v, av * v).StoreUnsafe(ref ar, (nuint)i);
            }
        }
        for (; i < z.Length; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
    }

    /// <summary>dz = z &gt; 0 ? up : slope·up (slope 0 for relu)</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradient(ReadOnlySpan<double> z, ReadOnlySpan<double> up, double slope, Span<double> dz)
    {
        RequireSameLength(z.Length, up.Length);
        RequireSameLength(z.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref double ur = ref MemoryMarshal.GetReference(up);
            ref double dr = ref MemoryMarshal.GetReference(dz);
            var sv = Vector256.Create(slope);
            bool zeroSlope = slope == 0;
            for (; i <= z.Length - 4; i += 4)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref zr, (nuint)i), Vector256<double>.Zero);
                var u = Vector256.LoadUnsafe(ref ur, (nuint)i);
                Vector256.ConditionalSelect(mask, u, zeroSlope ? Vector256<double>.Zero : sv * u).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        if (slope == 0)
            for (; i < z.Length; i++) dz[i] = z[i] > 0 ? up[i] : 0.0;
        else
            for (; i < z.Length; i++) dz[i] = z[i] > 0 ? up[i] : slope * up[i];
    }

    /// <summary>dz = (up · a) · (1 − a), the sigmoid's gradient in the tutorial's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> up, Span<double> dz)
    {
        RequireSameLength(a.Length, up.Length);
        RequireSameLength(a.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double ar = ref MemoryMarshal.GetReference(a);
            ref double ur = ref MemoryMarshal.GetReference(up);
            ref double dr = ref MemoryMarshal.GetReference(dz);
            var one = Vector256.Create(1.0);
            for (; i <= a.Length - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref ar, (nuint)i);
                (Vector256.LoadUnsafe(ref ur, (nuint)i) * v * (one - v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < a.Length; i++) dz[i] = up[i] * a[i] * (1.0 - a[i]);
    }

    /// <summary>dz = up · (1 − a²), the tanh's gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhGradient(ReadOnlySpan<double> a, ReadOnlySpan<double> up, Span<double> dz)
    {
        RequireSameLength(a.Length, up.Length);
        RequireSameLength(a.Length, dz.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double ar = ref MemoryMarshal.GetReference(a);
            ref double ur = ref MemoryMarshal.GetReference(up);
            ref double dr = ref MemoryMarshal.GetReference(dz);
            var one = Vector256.Create(1.0);
            for (; i <= a.Length - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref ar, (nuint)i);
                (Vector256.LoadUnsafe(ref ur, (nuint)i) * (one - v * v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < a.Length; i++) dz[i] = up[i] * (1.0 - a[i] * a[i]);
    }

    /// <summary>Adds b[i] to every element of row i of <paramref name="matrix"/> (the bias of Z = W·X + b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddToRows(Matrix matrix, ReadOnlySpan<double> b)
    {
        RequireSameLength(matrix.Rows, b.Length);
        for (int r = 0; r < matrix.Rows; r++)
        {
            var row = matrix.Row(r);
            double br = b[r];
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref double rr = ref MemoryMarshal.GetReference(row);
                var bv = Vector256.Create(br);
                for (; j <= row.Length - 4; j += 4) (Vector256.LoadUnsafe(ref rr, (nuint)j) + bv).StoreUnsafe(ref rr, (nuint)j);
            }
            for (; j < row.Length; j++) row[j] += br;
        }
    }

    private static void RequireSameLength(int expected, int actual)
    {
        if (expected != actual) throw new ArgumentException($"Spans differ in length: {expected} and {actual}.");
    }
}
