using System.Numerics;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Training;

/// <summary>
/// A stack of built layers plus the activation and gradient buffers they exchange. Buffers are allocated once per
/// batch size and reused, so a training step allocates nothing.
/// </summary>
/// <remarks>
/// A ReLU next to a layer that can do its work (<see cref="IFusesWithRelu{T}"/>: the linear layer) is fused into that
/// layer's products: forward, linear then ReLU in one pass; backward, the linear layer above a ReLU writes the ReLU's
/// input gradient directly. Between two linear layers the ReLU's input (the pre-activation) and its output gradient
/// are then never stored, since nothing reads them; every other buffer holds what it holds without fusion.
/// </remarks>
/// <typeparam name="T">The element type: double (float64) or float (float32).</typeparam>
public sealed class Network<T> where T : IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly int[] _sizes;
    private readonly List<BatchBuffers> _buffers = new(2);
    private BatchBuffers? _recent; // the last ones asked for: an epoch asks three times (forward, cost, backward)
    private readonly IFusesWithRelu<T>?[] _reluAbove; // [i]: layer i, fused with the ReLU at i + 1 in the forward pass
    private readonly IFusesWithRelu<T>?[] _reluBelow; // [i]: layer i, fused with the ReLU at i − 1 in the backward pass

    internal Network(ILayer<T>[] layers, int[] sizes, IReadOnlyList<ComponentSpec> specs)
    {
        _layers = layers;
        _sizes = sizes;
        Specs = specs;
        Parameters = layers.SelectMany(l => l.Parameters).ToArray();
        _reluAbove = layers.Select((l, i) => i + 1 < layers.Length && IsRelu(layers[i + 1]) ? l as IFusesWithRelu<T> : null).ToArray();
        // The ReLU below needs an input gradient only from index 1 up (the first layer's input is the data).
        _reluBelow = layers.Select((l, i) => i >= 2 && IsRelu(layers[i - 1]) ? l as IFusesWithRelu<T> : null).ToArray();
    }

    /// <summary>Whether ReLUs are fused into their neighbours (tests turn it off to compare).</summary>
    internal bool FuseRelu { get; set; } = true;

    /// <summary>The most threads the network's operations use (the trainer lets the cost use as many).</summary>
    internal int Threads { get; init; } = 1;

    /// <summary>The products the layers were built with (trials train together only on kernels whose rounding they repeat).</summary>
    internal IMatrixOperations<T>? Operations
    {
        get => _operations;
        init => (_operations, _small) = (value, SmallNetworkPass<T>.TryCreate(this, value));
    }

    private readonly IMatrixOperations<T>? _operations;
    private readonly SmallNetworkPass<T>? _small; // null: some layer or the products are not ones it computes

    /// <summary>Whether small batches run through <see cref="SmallNetworkPass{T}"/> (tests turn it off to compare).</summary>
    internal bool UseSmallPass { get; set; } = true;

    /// <summary>
    /// Builds <paramref name="specs"/> in order, drawing initial weights from <paramref name="random"/>; throws a
    /// <see cref="ComponentException"/> naming the first layer that cannot be built (see <see cref="NetworkBuilder{T}"/>).
    /// </summary>
    public static Network<T> Build(IReadOnlyList<ComponentSpec> specs, int inputSize, IRandomSource random,
        IMatrixOperations<T> operations, ComponentRegistry registry)
    {
        var builder = new NetworkBuilder<T>(inputSize, random, operations, registry);
        foreach (var spec in specs)
            builder.TryAdd(spec)?.Throw();
        return builder.ToNetwork();
    }

    public IReadOnlyList<ComponentSpec> Specs { get; }
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>Every trainable parameter, layer by layer.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public int InputSize => _sizes[0];
    public int OutputSize => _sizes[^1];

    /// <summary>Feature count entering layer i (i = 0..Count); the last entry is the output size.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Runs every layer forward; returns the output buffer (valid until the next call with this batch size).</summary>
    public Matrix<T> Forward(Matrix<T> input)
    {
        var buffers = BuffersFor(input.Cols);
        buffers.Activations[0] = input;
        // Input of another size falls to the layers, which say what is wrong.
        if (SmallPassFor(input.Cols) is { } small && input.Rows == InputSize)
        {
            small.Forward(buffers.Activations, input.Cols);
            return buffers.Activations[^1];
        }
        int i = 0;
        try
        {
            var a = buffers.Activations;
            for (; i < _layers.Length; i++)
            {
                if (FuseRelu && _reluAbove[i] is { } fused)
                {
                    // When the layer above the ReLU fuses its gradient too, nothing reads the ReLU's input: the product
                    // goes straight into the ReLU's output, and the pre-activation is never stored.
                    bool keepInput = i + 2 >= _layers.Length || _reluBelow[i + 2] is null;
                    fused.ForwardThenRelu(a[i], keepInput ? a[i + 1] : a[i + 2], a[i + 2]);
                    i++;
                }
                else
                {
                    _layers[i].Forward(a[i], a[i + 1]);
                }
            }
        }
        catch (Exception e) when (e is not ComponentException)
        {
            throw new ComponentException(Specs[i].Descriptor, $"layer {i} forward pass threw {e.GetType().Name}: {e.Message}", e);
        }
        return buffers.Activations[^1];
    }

    /// <summary>The buffer the cost writes dCost/dOutput into for a batch of <paramref name="batchSize"/>.</summary>
    public Matrix<T> OutputGradient(int batchSize) => BuffersFor(batchSize).Gradients[^1];

    /// <summary>Back-propagates the gradient in <see cref="OutputGradient"/> through the last forward pass.</summary>
    public void Backward(int batchSize)
    {
        var buffers = BuffersFor(batchSize);
        if (SmallPassFor(batchSize) is { } small)
        {
            small.Backward(buffers.Activations, buffers.Gradients, batchSize);
            return;
        }
        int i = _layers.Length - 1;
        try
        {
            var (a, g) = (buffers.Activations, buffers.Gradients);
            for (; i >= 0; i--)
            {
                if (FuseRelu && _reluBelow[i] is { } fused)
                {
                    fused.BackwardThroughRelu(a[i], a[i + 1], g[i + 1], g[i - 1]);
                    i--;
                }
                else
                {
                    _layers[i].Backward(a[i], a[i + 1], g[i + 1], i == 0 ? null : g[i]);
                }
            }
        }
        catch (Exception e) when (e is not ComponentException)
        {
            throw new ComponentException(Specs[i].Descriptor, $"layer {i} backward pass threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Copies of every layer's parameters, for weights.json.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Matrix<T>>> SnapshotParameters() =>
        _layers.Select(l => (IReadOnlyDictionary<string, Matrix<T>>)l.Parameters.ToDictionary(p => p.Name, p => p.Value.Clone()))
            .ToList();

    /// <summary>Whether a batch of <paramref name="batchSize"/> runs through the small pass.</summary>
    internal bool RunsSmall(int batchSize) => SmallPassFor(batchSize) is not null;

    private SmallNetworkPass<T>? SmallPassFor(int batchSize) => UseSmallPass && _small is { } small && small.Fits(batchSize) ? small : null;

    private BatchBuffers BuffersFor(int batchSize)
    {
        if (_recent is { } recent && recent.BatchSize == batchSize) return recent;
        foreach (var b in _buffers)
            if (b.BatchSize == batchSize) return _recent = b;
        var created = new BatchBuffers(batchSize, _sizes);
        _buffers.Add(created);
        return _recent = created;
    }

    private static bool IsRelu(ILayer<T> layer) => layer is ReluLayer<T>;

    private sealed class BatchBuffers
    {
        public BatchBuffers(int batchSize, int[] sizes)
        {
            BatchSize = batchSize;
            Activations = new Matrix<T>[sizes.Length];
            Gradients = new Matrix<T>[sizes.Length];
            for (int i = 1; i < sizes.Length; i++)
            {
                Activations[i] = new Matrix<T>(sizes[i], batchSize);
                Gradients[i] = new Matrix<T>(sizes[i], batchSize);
            }
            Activations[0] = Gradients[0] = new Matrix<T>(0, 0);
        }

        public int BatchSize { get; }
        public Matrix<T>[] Activations { get; }
        public Matrix<T>[] Gradients { get; }
    }
}
