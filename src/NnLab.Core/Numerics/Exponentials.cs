using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NnLab.Numerics;

/// <summary>e^(x − shift) over a span, the softmax's exponentials.</summary>
/// <remarks>
/// float64 takes the C library's exp per element (<see cref="LibraryExp"/>, its bits), as NumPy does on a CPU without
/// AVX-512, so float64 costs agree with a NumPy script to the last digit. float32 results never matched NumPy's bits
/// (NumPy has its own SIMD float exp), so floats take TensorPrimitives' vector exp: within 2 ULP of the correctly
/// rounded value (2M logits in [−25, 5]: 43% exact, 53% 1 ULP, 4% 2 ULP), 4-5× faster than the C library's expf
/// (10×1797 logits: 105 → 23 µs).
/// </remarks>
internal static class Exponentials
{
    /// <summary>result = e^(x − shift), element by element; the subtraction is exact IEEE arithmetic either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpShifted<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> shift, Span<T> result) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var xf = As<T, float>(x);
            var rf = As<T, float>(result);
            TensorPrimitives.Subtract(xf, As<T, float>(shift), rf);
            TensorPrimitives.Exp(rf, rf);
            return;
        }
        for (int j = 0; j < x.Length; j++) result[j] = LibraryMath.Exp(x[j] - shift[j]);
    }

    private static Span<TTo> As<TFrom, TTo>(Span<TFrom> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
