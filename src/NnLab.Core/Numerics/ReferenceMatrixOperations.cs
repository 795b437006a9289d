using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics;

/// <summary>
/// Straightforward products that add each dot product in index order, without fused multiply-add, so results
/// round as the tutorial's NumPy does on small matrices. The deterministic baseline that faster kernels are tested against.
/// </summary>
/// <remarks>
/// Every output element is one chain: +0, then + a·b for k = 0, 1, … in order, each product rounded, then each sum;
/// the bias is added to the finished sum, and a ReLU (or the ReLU's gradient mask) applied after that, exactly as the
/// separate passes would. Within that order the work is laid out for speed: a·b and aᵀ·b keep the chains of a vector
/// of neighbouring columns in the lanes of a register (each lane does its scalar chain's operations), and a·bᵀ runs
/// four chains side by side, so a tiny network's product is a handful of instructions and a large one is not bound by
/// one chain's latency. The bias and ReLU are applied as each result is stored (they are the same operations).
/// </remarks>
public sealed class ReferenceMatrixOperations<T> : IMatrixOperations<T>, IFusedMatrixOperations<T> where T : IFloatingPointIeee754<T>
{
    public static ReferenceMatrixOperations<T> Instance { get; } = new();

    // Each entry point is compiled fully optimised at its first call, as the loops below: their double instantiations
    // cannot be precompiled (generic math over a framework type), and a short run would spend all its epochs at tier 0.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        SumsOfProducts(a.Data, a.Cols, 1, b.Data, c.Rows, c.Cols, a.Cols, new Plain(c.Data));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyTransposeA(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols), "aᵀ·b", a, b, c);
        SumsOfProducts(a.Data, 1, a.Cols, b.Data, c.Rows, c.Cols, a.Rows, new Plain(c.Data));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IFusedMatrixOperations<T>.MultiplyAddBias(Matrix<T> a, Matrix<T> b, Matrix<T>? bias, Matrix<T> c, Matrix<T>? relu)
    {
        RequireShapes(a.Cols == b.Rows && c.HasShape(a.Rows, b.Cols), "a·b", a, b, c);
        RequireShapes((bias is null || bias.HasShape(c.Rows, 1)) && (relu is null || relu.HasShape(c.Rows, c.Cols)), "a·b + bias", a, b, c);
        if (bias is null && relu is null) SumsOfProducts(a.Data, a.Cols, 1, b.Data, c.Rows, c.Cols, a.Cols, new Plain(c.Data));
        else SumsOfProducts(a.Data, a.Cols, 1, b.Data, c.Rows, c.Cols, a.Cols, new BiasThenRelu(c.Data, bias?.Data, relu?.Data));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IFusedMatrixOperations<T>.MultiplyTransposeAWherePositive(Matrix<T> a, Matrix<T> b, Matrix<T> positive, Matrix<T> c)
    {
        RequireShapes(a.Rows == b.Rows && c.HasShape(a.Cols, b.Cols) && positive.HasShape(c.Rows, c.Cols), "aᵀ·b where positive", a, b, c);
        SumsOfProducts(a.Data, 1, a.Cols, b.Data, c.Rows, c.Cols, a.Rows, new WherePositive(c.Data, positive.Data));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MultiplyTransposeB(Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        RequireShapes(a.Cols == b.Cols && c.HasShape(a.Rows, b.Rows), "a·bᵀ", a, b, c);
        DotProducts(a.Data, b.Data, c.Data, a.Rows, b.Rows, a.Cols);
    }

    /// <summary>Each row's numpy sum (<see cref="NumpySummation.SumRows{T}"/>: the same bits as one row at a time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SumRows(Matrix<T> a, Matrix<T> sums)
    {
        RequireShapes(sums.HasShape(a.Rows, 1), "row sums", a, a, sums);
        NumpySummation.SumRows<T>(a.Data.AsSpan(0, a.Length), a.Rows, sums.Data);
    }

    public T Sum(ReadOnlySpan<T> values) => NumpySummation.Sum(values);

    /// <summary>
    /// out(i, j) = Σ_p A(i, p)·b[p, j] over p = 0 … depth − 1 in order, for the n × m output (b row-major, depth × m),
    /// where A(i, p) = a[i·rowStride + p·depthStride]: a itself (stride depth, 1) or aᵀ (1, n). Columns go a vector's
    /// width at a time (four vectors while they last), each lane one chain; the last columns one chain each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumsOfProducts<TStore>(T[] a, int rowStride, int depthStride, T[] b, int n, int m, int depth, TStore store)
        where TStore : struct, IStore
    {
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref T b0 = ref MemoryMarshal.GetArrayDataReference(b);
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            int w = Vector256<T>.Count;
            for (; j + 4 * w <= m; j += 4 * w)
                for (int i = 0; i < n; i++)
                {
                    ref T ai = ref Unsafe.Add(ref a0, i * rowStride);
                    ref T bj = ref Unsafe.Add(ref b0, j);
                    Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
                    for (int p = 0; p < depth; p++)
                    {
                        var aip = Vector256.Create(Unsafe.Add(ref ai, p * depthStride));
                        ref T bp = ref Unsafe.Add(ref bj, p * m);
                        s0 += aip * Vector256.LoadUnsafe(ref bp);
                        s1 += aip * Vector256.LoadUnsafe(ref bp, (nuint)w);
                        s2 += aip * Vector256.LoadUnsafe(ref bp, (nuint)(2 * w));
                        s3 += aip * Vector256.LoadUnsafe(ref bp, (nuint)(3 * w));
                    }
                    int at = i * m + j;
                    store.Store(s0, i, at);
                    store.Store(s1, i, at + w);
                    store.Store(s2, i, at + 2 * w);
                    store.Store(s3, i, at + 3 * w);
                }
            for (; j + w <= m; j += w)
                for (int i = 0; i < n; i++)
                {
                    ref T ai = ref Unsafe.Add(ref a0, i * rowStride);
                    ref T bj = ref Unsafe.Add(ref b0, j);
                    var s = Vector256<T>.Zero;
                    for (int p = 0; p < depth; p++)
                        s += Vector256.Create(Unsafe.Add(ref ai, p * depthStride)) * Vector256.LoadUnsafe(ref bj, (nuint)(p * m));
                    store.Store(s, i, i * m + j);
                }
        }
        for (; j < m; j++)
            for (int i = 0; i < n; i++)
            {
                ref T ai = ref Unsafe.Add(ref a0, i * rowStride);
                T s = T.Zero;
                for (int p = 0; p < depth; p++) s += Unsafe.Add(ref ai, p * depthStride) * Unsafe.Add(ref b0, p * m + j);
                store.Store(s, i, i * m + j);
            }
    }

    /// <summary>
    /// c[i, j] = Σ_p a[i, p]·b[j, p] over p in order (a: n × depth, b: m × depth, c: n × m): dot products of rows,
    /// four columns of c at a time, so four independent chains share each load of a[i, p].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProducts(T[] a, T[] b, T[] c, int n, int m, int depth)
    {
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref T b0 = ref MemoryMarshal.GetArrayDataReference(b);
        ref T c0 = ref MemoryMarshal.GetArrayDataReference(c);
        for (int i = 0; i < n; i++)
        {
            ref T ai = ref Unsafe.Add(ref a0, i * depth);
            ref T ci = ref Unsafe.Add(ref c0, i * m);
            int j = 0;
            for (; j + 4 <= m; j += 4)
            {
                ref T bj = ref Unsafe.Add(ref b0, j * depth);
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                for (int p = 0; p < depth; p++)
                {
                    T aip = Unsafe.Add(ref ai, p);
                    s0 += aip * Unsafe.Add(ref bj, p);
                    s1 += aip * Unsafe.Add(ref bj, depth + p);
                    s2 += aip * Unsafe.Add(ref bj, 2 * depth + p);
                    s3 += aip * Unsafe.Add(ref bj, 3 * depth + p);
                }
                (Unsafe.Add(ref ci, j), Unsafe.Add(ref ci, j + 1), Unsafe.Add(ref ci, j + 2), Unsafe.Add(ref ci, j + 3)) = (s0, s1, s2, s3);
            }
            for (; j < m; j++)
            {
                ref T bj = ref Unsafe.Add(ref b0, j * depth);
                T s = T.Zero;
                for (int p = 0; p < depth; p++) s += Unsafe.Add(ref ai, p) * Unsafe.Add(ref bj, p);
                Unsafe.Add(ref ci, j) = s;
            }
        }
    }

    /// <summary>How a finished sum of row <c>row</c> is stored at index <c>at</c> of the output: a type argument, so each kind compiles to straight-line stores.</summary>
    private interface IStore
    {
        void Store(Vector256<T> sum, int row, int at);
        void Store(T sum, int row, int at);
    }

    private readonly struct Plain(T[] c) : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<T> sum, int row, int at) => sum.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(c), (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(T sum, int row, int at) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), at) = sum;
    }

    /// <summary>c = sum + bias[row] (when there is a bias); then relu = c &gt; 0 ? c : 0 (when asked; relu may be c itself).</summary>
    private readonly struct BiasThenRelu(T[] c, T[]? bias, T[]? relu) : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<T> sum, int row, int at)
        {
            if (bias is not null) sum += Vector256.Create(bias[row]);
            sum.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(c), (nuint)at);
            if (relu is not null)
                Vector256.ConditionalSelect(Vector256.GreaterThan(sum, Vector256<T>.Zero), sum, Vector256<T>.Zero)
                    .StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(relu), (nuint)at);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(T sum, int row, int at)
        {
            if (bias is not null) sum += bias[row];
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), at) = sum;
            if (relu is not null) Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(relu), at) = sum > T.Zero ? sum : T.Zero;
        }
    }

    /// <summary>c = positive &gt; 0 ? sum : 0, the ReLU's gradient below a product.</summary>
    private readonly struct WherePositive(T[] c, T[] positive) : IStore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<T> sum, int row, int at)
        {
            var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(positive), (nuint)at), Vector256<T>.Zero);
            Vector256.ConditionalSelect(mask, sum, Vector256<T>.Zero).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(c), (nuint)at);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(T sum, int row, int at) =>
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), at) = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(positive), at) > T.Zero ? sum : T.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireShapes(bool ok, string what, Matrix<T> a, Matrix<T> b, Matrix<T> c)
    {
        if (!ok) ThrowShapes(what, a, b, c);
    }

    [DoesNotReturn]
    private static void ThrowShapes(string what, Matrix<T> a, Matrix<T> b, Matrix<T> c) =>
        throw new ArgumentException($"Shapes do not fit {what}: a{a.Shape}, b{b.Shape}, result{c.Shape}.");
}
