using System.Numerics;
using System.Runtime.ExceptionServices;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Training;

/// <summary>
/// Builds a <see cref="Network{T}"/> one layer at a time: the one place a layer is created, built (drawing its initial
/// values from the stream) and checked. <see cref="Network{T}.Build"/> adds every layer and throws at the first
/// failure; the experiment loader adds them one by one so it can point at the YAML of the layer that failed.
/// </summary>
/// <typeparam name="T">The element type: double (float64) or float (float32).</typeparam>
public sealed class NetworkBuilder<T> where T : IFloatingPointIeee754<T>
{
    private readonly List<ILayer<T>> _layers = [];
    private readonly List<int> _sizes;
    private readonly List<ComponentSpec> _specs = [];
    private readonly IRandomSource _random;
    private readonly IMatrixOperations<T> _operations;
    private readonly ComponentRegistry _registry;

    public NetworkBuilder(int inputSize, IRandomSource random, IMatrixOperations<T> operations, ComponentRegistry registry)
    {
        _sizes = [inputSize];
        _random = random;
        _operations = operations;
        _registry = registry;
    }

    /// <summary>
    /// The most parameter values the whole model may hold: a layer asking for more through its build context is refused
    /// before allocating, and one that allocates its own past it is refused after. Unbounded by default.
    /// </summary>
    public long ParameterBudget { get; init; } = long.MaxValue;

    /// <summary>Parameter values held by the layers added so far.</summary>
    public long ParameterCount { get; private set; }

    /// <summary>The output size of the last layer added (the input size before any).</summary>
    public int OutputSize => _sizes[^1];

    /// <summary>The layers added so far.</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>
    /// Creates the layer <paramref name="spec"/> names and builds it on the current output size; null when it was added,
    /// else what went wrong (nothing is added then, and the builder should not be used further).
    /// </summary>
    public LayerBuildFailure? TryAdd(ComponentSpec spec)
    {
        int index = _layers.Count;
        int inputSize = OutputSize;
        ILayer<T> layer;
        try
        {
            layer = spec.Create<ILayer<T>>();
        }
        catch (Exception e)
        {
            return new LayerBuildFailure(index, spec, inputSize, LayerBuildProblem.NotCreated, e);
        }

        long remaining = ParameterBudget - ParameterCount;
        int outputSize;
        try
        {
            var context = new LayerBuildContext<T>(index, inputSize, _random, _operations, CreateInitializer)
            {
                ParameterBudget = remaining,
            };
            outputSize = layer.Build(context);
        }
        catch (Exception e)
        {
            return new LayerBuildFailure(index, spec, inputSize, LayerBuildProblem.BuildThrew, e);
        }
        if (outputSize < 1) return new LayerBuildFailure(index, spec, inputSize, LayerBuildProblem.NoOutputs, Outputs: outputSize);

        // A layer may allocate its parameters itself: count what it holds, not only what it asked the context for.
        long created = 0;
        foreach (var parameter in layer.Parameters) created += parameter.Value.Length;
        if (created > remaining) return new LayerBuildFailure(index, spec, inputSize, LayerBuildProblem.PastParameterBudget, Outputs: outputSize);

        ParameterCount += created;
        _layers.Add(layer);
        _specs.Add(spec);
        _sizes.Add(outputSize);
        return null;
    }

    /// <summary>The network of the layers added.</summary>
    public Network<T> ToNetwork() =>
        new(_layers.ToArray(), _sizes.ToArray(), _specs.ToArray()) { Threads = _operations is IThreadedOperations t ? t.Threads : 1, Operations = _operations };

    private IInitializer CreateInitializer(ComponentRef reference) =>
        _registry.Get(ComponentKind.Initializer, reference.Name).Create<IInitializer>(reference.Options);
}

/// <summary>Why a layer could not be added to a network.</summary>
public enum LayerBuildProblem
{
    /// <summary>Its constructor (or options) failed: <see cref="LayerBuildFailure.Exception"/>.</summary>
    NotCreated,

    /// <summary>Its Build threw (an initializer, explicit values of the wrong shape, a plugin's own check): <see cref="LayerBuildFailure.Exception"/>.</summary>
    BuildThrew,

    /// <summary>Build returned fewer than one output (<see cref="LayerBuildFailure.Outputs"/>).</summary>
    NoOutputs,

    /// <summary>The parameters it allocated itself take the model past <see cref="NetworkBuilder{T}.ParameterBudget"/>.</summary>
    PastParameterBudget,
}

/// <summary>A layer that could not be added: which, with how many inputs, and why.</summary>
public sealed record LayerBuildFailure(int Index, ComponentSpec Spec, int InputSize, LayerBuildProblem Problem,
    Exception? Exception = null, int Outputs = 0)
{
    /// <summary>The exception <see cref="Network{T}.Build"/> throws for it (a <see cref="ComponentException"/> naming the layer, or what the component threw).</summary>
    public Exception ToException()
    {
        switch (Problem)
        {
            case LayerBuildProblem.NotCreated when Exception is ComponentException e:
                return new ComponentException(Spec.Descriptor, $"layer {Index} could not be created: {e.InnerException?.Message ?? e.Message}", e);
            case LayerBuildProblem.BuildThrew when Exception is not ComponentException:
                return new ComponentException(Spec.Descriptor, $"layer {Index} failed to build: {Exception!.Message}", Exception);
            case LayerBuildProblem.NotCreated or LayerBuildProblem.BuildThrew:
                return Exception!;
            case LayerBuildProblem.NoOutputs:
                return new ComponentException(Spec.Descriptor, $"layer {Index} failed to build: Build returned output size {Outputs}",
                    new InvalidOperationException($"Build returned output size {Outputs}"));
            default:
                return new ComponentException(Spec.Descriptor, $"layer {Index} failed to build: its parameters take the model past its limit of parameters");
        }
    }

    /// <summary>Throws <see cref="ToException"/>, keeping a component's own exception's stack trace.</summary>
    public void Throw()
    {
        var exception = ToException();
        if (ReferenceEquals(exception, Exception)) ExceptionDispatchInfo.Capture(exception).Throw();
        throw exception;
    }
}
