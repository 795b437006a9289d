using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Numerics.Gemm;

namespace NnLab.Training;

/// <summary>
/// The forward and backward passes of a small network of built-in layers (linear, sigmoid, tanh, ReLU) as one loop
/// each, over the network's own buffers and parameters: what the layers compute, element for element and bit for bit,
/// without their per-layer calls, interface dispatch, shape checks and spans. For networks this small those were most
/// of an epoch: the tutorial's XOR (2-3-1, 4 examples) makes 16 exp calls an epoch and ~30 calls into layers, kernels
/// and element-wise passes around them, each costing about as much as the arithmetic it wrapped.
/// </summary>
/// <remarks>
/// Rounding is the layers' own. Products are one multiply–add chain per element over k from zero — fused on the fast
/// kernels (<see cref="FusedArithmetic"/>), a multiply then an add on the reference kernels — with the bias added to the
/// finished chain; the examples of a batch sit in a vector's lanes, each lane doing its example's scalar chain. Bias
/// gradients are numpy's sums, activations and their gradients the layers' expressions (the C library's exp and tanh,
/// value by value). Larger networks keep the layers: there the per-call costs vanish against the products, which the
/// fast kernels block for the cache and split over threads.
/// </remarks>
internal sealed class SmallNetworkPass<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The most multiply–adds one linear layer may take for a batch (units · inputs · examples): ~10 µs of products.</summary>
    internal const int MaxLayerProducts = 32768;

    /// <summary>
    /// The most values one activation may hold for a batch: larger ones are split over threads by the layers
    /// (<see cref="ActivationLayer{T}"/>), which this pass does not do.
    /// </summary>
    internal const int MaxActivationValues = 4096;

    private enum StepKind { Linear, Sigmoid, Tanh, Relu }

    /// <summary>Layer i: what it computes, its input and output sizes.</summary>
    private readonly record struct Step(StepKind Kind, int In, int Out);

    private readonly Step[] _steps;
    private readonly T[]?[] _weights, _biases, _weightGradients, _biasGradients; // per layer; null where it has none
    private readonly bool _fused;
    private readonly int _maxProductsPerExample, _maxValuesPerExample;

    private SmallNetworkPass(Step[] steps, IReadOnlyList<ILayer<T>> layers, bool fused)
    {
        _steps = steps;
        _fused = fused;
        _weights = new T[]?[steps.Length];
        _biases = new T[]?[steps.Length];
        _weightGradients = new T[]?[steps.Length];
        _biasGradients = new T[]?[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            var parameters = layers[i].Parameters;
            if (parameters.Count > 0) (_weights[i], _weightGradients[i]) = (parameters[0].Value.Data, parameters[0].Gradient.Data);
            if (parameters.Count > 1) (_biases[i], _biasGradients[i]) = (parameters[1].Value.Data, parameters[1].Gradient.Data);
            _maxValuesPerExample = Math.Max(_maxValuesPerExample, steps[i].Out);
            if (steps[i].Kind == StepKind.Linear) _maxProductsPerExample = Math.Max(_maxProductsPerExample, steps[i].In * steps[i].Out);
        }
    }

    /// <summary>
    /// The pass for <paramref name="network"/>, or null when it has a layer this pass does not compute, or products
    /// other than the built-in kernels (whose rounding it repeats).
    /// </summary>
    public static SmallNetworkPass<T>? TryCreate(Network<T> network, IMatrixOperations<T>? operations)
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported) return null;
        if (ProductRounding.IsFused(operations) is not { } fused) return null;
        var steps = new Step[network.Layers.Count];
        for (int i = 0; i < steps.Length; i++)
        {
            var layer = network.Layers[i];
            StepKind? kind = layer switch
            {
                LinearLayer<T> => StepKind.Linear,
                SigmoidLayer<T> => StepKind.Sigmoid,
                TanhLayer<T> => StepKind.Tanh,
                ReluLayer<T> => StepKind.Relu,
                _ => null,
            };
            if (kind is null) return null;
            steps[i] = new Step(kind.Value, network.Sizes[i], network.Sizes[i + 1]);
        }
        return new SmallNetworkPass<T>(steps, network.Layers, fused);
    }

    /// <summary>Whether a batch of <paramref name="examples"/> is small enough for this pass.</summary>
    public bool Fits(int examples) =>
        (long)_maxProductsPerExample * examples <= MaxLayerProducts && (long)_maxValuesPerExample * examples <= MaxActivationValues;

    /// <summary>Every layer forward: a[i + 1] from a[i], for a batch of <paramref name="m"/> examples in a[0].</summary>
    public void Forward(Matrix<T>[] a, int m)
    {
        if (_fused) Forward<FusedRounding<T>>(a, m);
        else Forward<SeparateRounding<T>>(a, m);
    }

    /// <summary>Every layer backward from the gradient in g[^1]: the parameters' gradients and g[i] for i ≥ 1.</summary>
    public void Backward(Matrix<T>[] a, Matrix<T>[] g, int m)
    {
        if (_fused) Backward<FusedRounding<T>>(a, g, m);
        else Backward<SeparateRounding<T>>(a, g, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward<TRounding>(Matrix<T>[] a, int m) where TRounding : IProductRounding<T>
    {
        for (int i = 0; i < _steps.Length; i++)
        {
            var (x, y) = (a[i].Data, a[i + 1].Data);
            int length = _steps[i].Out * m;
            switch (_steps[i].Kind)
            {
                case StepKind.Linear:
                    Linear<TRounding>(_weights[i]!, _biases[i], x, y, _steps[i].Out, _steps[i].In, m);
                    break;
                case StepKind.Sigmoid:
                    Elementwise.Sigmoid<T>(x.AsSpan(0, length), y.AsSpan(0, length));
                    break;
                case StepKind.Tanh:
                    for (int e = 0; e < length; e++) y[e] = LibraryMath.Tanh(x[e]);
                    break;
                default:
                    Elementwise.Relu<T>(x.AsSpan(0, length), y.AsSpan(0, length));
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward<TRounding>(Matrix<T>[] a, Matrix<T>[] g, int m) where TRounding : IProductRounding<T>
    {
        for (int i = _steps.Length - 1; i >= 0; i--)
        {
            var step = _steps[i];
            var up = g[i + 1].Data;
            if (step.Kind == StepKind.Linear)
            {
                WeightGradient<TRounding>(up, a[i].Data, _weightGradients[i]!, step.Out, step.In, m);
                if (_biasGradients[i] is { } biasGradient) RowSums(up, step.Out, m, biasGradient);
                if (i > 0) InputGradient<TRounding>(_weights[i]!, up, g[i].Data, step.Out, step.In, m);
                continue;
            }
            if (i == 0) continue; // the data needs no gradient
            var values = up.AsSpan(0, step.Out * m);
            var below = g[i].Data.AsSpan(0, values.Length);
            switch (step.Kind)
            {
                case StepKind.Sigmoid: Elementwise.SigmoidGradient<T>(a[i + 1].Data.AsSpan(0, values.Length), values, below); break;
                case StepKind.Tanh: Elementwise.TanhGradient<T>(a[i + 1].Data.AsSpan(0, values.Length), values, below); break;
                default: Elementwise.ReluGradient<T>(a[i].Data.AsSpan(0, values.Length), values, T.Zero, below); break;
            }
        }
    }

    /// <summary>
    /// Z (u×m) = W (u×n)·X (n×m) + b: each element one chain over n from zero, then the bias. A vector of examples
    /// at a time (the lanes are neighbouring columns), then the last examples one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Linear<TRounding>(T[] w, T[]? b, T[] x, T[] z, int u, int n, int m) where TRounding : IProductRounding<T>
    {
        ref T w0 = ref MemoryMarshal.GetArrayDataReference(w);
        ref T x0 = ref MemoryMarshal.GetArrayDataReference(x);
        ref T z0 = ref MemoryMarshal.GetArrayDataReference(z);
        int j = 0;
        for (; j + Vector256<T>.Count <= m; j += Vector256<T>.Count)
            for (int i = 0; i < u; i++)
            {
                var s = Vector256<T>.Zero;
                for (int p = 0; p < n; p++)
                    s = TRounding.MulAdd(Vector256.Create(Unsafe.Add(ref w0, i * n + p)), Vector256.LoadUnsafe(ref x0, (nuint)(p * m + j)), s);
                if (b is not null) s += Vector256.Create(b[i]);
                s.StoreUnsafe(ref z0, (nuint)(i * m + j));
            }
        for (; j < m; j++)
            for (int i = 0; i < u; i++)
            {
                T s = T.Zero;
                for (int p = 0; p < n; p++) s = TRounding.MulAdd(Unsafe.Add(ref w0, i * n + p), Unsafe.Add(ref x0, p * m + j), s);
                Unsafe.Add(ref z0, i * m + j) = b is null ? s : s + b[i];
            }
    }

    /// <summary>dW (u×n) = dZ (u×m)·Xᵀ: each element one chain over the examples from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WeightGradient<TRounding>(T[] dz, T[] x, T[] dw, int u, int n, int m) where TRounding : IProductRounding<T>
    {
        ref T dz0 = ref MemoryMarshal.GetArrayDataReference(dz);
        ref T x0 = ref MemoryMarshal.GetArrayDataReference(x);
        for (int i = 0; i < u; i++)
        {
            ref T dzi = ref Unsafe.Add(ref dz0, i * m);
            for (int p = 0; p < n; p++)
            {
                ref T xp = ref Unsafe.Add(ref x0, p * m);
                T s = T.Zero;
                for (int j = 0; j < m; j++) s = TRounding.MulAdd(Unsafe.Add(ref dzi, j), Unsafe.Add(ref xp, j), s);
                dw[i * n + p] = s;
            }
        }
    }

    /// <summary>sums[i] = numpy's sum of row i of the rows × m values; rows shorter than 8 summed here, without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowSums(T[] values, int rows, int m, T[] sums)
    {
        if (m >= 8) NumpySummation.SumRows<T>(values.AsSpan(0, rows * m), rows, sums);
        else for (int i = 0; i < rows; i++) sums[i] = NumpySummation.ShortSum<T>(values.AsSpan(i * m, m));
    }

    /// <summary>dX (n×m) = Wᵀ·dZ (u×m): each element one chain over the units from zero; a vector of examples at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputGradient<TRounding>(T[] w, T[] dz, T[] dx, int u, int n, int m) where TRounding : IProductRounding<T>
    {
        ref T w0 = ref MemoryMarshal.GetArrayDataReference(w);
        ref T dz0 = ref MemoryMarshal.GetArrayDataReference(dz);
        ref T dx0 = ref MemoryMarshal.GetArrayDataReference(dx);
        int j = 0;
        for (; j + Vector256<T>.Count <= m; j += Vector256<T>.Count)
            for (int p = 0; p < n; p++)
            {
                var s = Vector256<T>.Zero;
                for (int i = 0; i < u; i++)
                    s = TRounding.MulAdd(Vector256.Create(Unsafe.Add(ref w0, i * n + p)), Vector256.LoadUnsafe(ref dz0, (nuint)(i * m + j)), s);
                s.StoreUnsafe(ref dx0, (nuint)(p * m + j));
            }
        for (; j < m; j++)
            for (int p = 0; p < n; p++)
            {
                T s = T.Zero;
                for (int i = 0; i < u; i++) s = TRounding.MulAdd(Unsafe.Add(ref w0, i * n + p), Unsafe.Add(ref dz0, i * m + j), s);
                Unsafe.Add(ref dx0, p * m + j) = s;
            }
    }
}
