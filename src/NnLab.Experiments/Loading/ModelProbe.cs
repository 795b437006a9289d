using System.Numerics;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Builds the model once, layer by layer, with a throwaway random stream, so problems only a built layer can see
/// (explicit values of the wrong shape, a plugin's own checks) are reported at the layer that has them, and the
/// output size can be compared with the targets. Network.Build would stop at the first failure without saying
/// which layer's YAML to point at, hence this loop over the same public layer contract.
/// </summary>
internal sealed class ModelProbe
{
    private readonly ComponentRegistry _registry;
    private readonly ErrorCollector _errors;

    public ModelProbe(ComponentRegistry registry, ErrorCollector errors)
    {
        _registry = registry;
        _errors = errors;
    }

    /// <summary>Checks the config in its own precision (a layer may only build for one element type); returns the model's output size.</summary>
    public int Check(ExperimentConfig config)
    {
        if (!PrecisionSupport.Check(config, _errors)) return 0;
        return config.Training.Precision == Precision.Float32 ? Check<float>(config) : Check<double>(config);
    }

    private int Check<T>(ExperimentConfig config) where T : IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(config.Seed);
        int size = config.Data.Data.Inputs.Rows;
        int sizedBy = config.Model.Count - 1;
        long examples = Math.Max(1, config.Data.Data.Inputs.Cols);
        long budget = _errors.Limits.MaxParameters;
        for (int i = 0; i < config.Model.Count; i++)
        {
            _errors.Cancellation.ThrowIfCancellationRequested();
            if (Build<T>(config.Model[i], i, size, random, config.LayerSites[i], budget) is not var (layer, output, created)) return 0;
            budget -= created;
            // Training holds each layer's output for every example of a batch: that matrix must fit too.
            if (output * examples > Math.Min(_errors.Limits.MaxParameters, Array.MaxLength))
            {
                var layerSite = config.LayerSites[i];
                _errors.At(layerSite.Node, layerSite.Path,
                    $"layer '{config.Model[i].Name}' outputs {output} values for each of {examples} examples: {output * examples} values in one matrix, past the limit of {Math.Min(_errors.Limits.MaxParameters, Array.MaxLength)} ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})");
                return 0;
            }
            // The output size is set by the last layer that maps sizes (has weights or changes the size), not an activation after it.
            if (output != size || layer.Parameters.Count > 0) sizedBy = i;
            size = output;
        }
        // The cost decides which targets fit: one column per output, or e.g. class indices for softmax cross-entropy.
        if (config.Cost.Create<ICost<T>>().ValidateTargets(size, config.Data.Data.Targets) is { } message)
        {
            var site = config.LayerSites[sizedBy];
            _errors.At(site.Node, site.Path, message);
        }
        return size;
    }

    private (ILayer<T>, int, long)? Build<T>(ComponentSpec spec, int index, int inputSize, IRandomSource random, ComponentSite site,
        long budget) where T : IFloatingPointIeee754<T>
    {
        try
        {
            var layer = spec.Create<ILayer<T>>();
            var context = new LayerBuildContext<T>(index, inputSize, random, ReferenceMatrixOperations<T>.Instance, CreateInitializer)
            {
                ParameterBudget = budget,
            };
            int output = layer.Build(context);
            // A layer may allocate its parameters itself: count what it holds, not only what it asked the context for.
            long created = 0;
            foreach (var parameter in layer.Parameters) created += parameter.Value.Length;
            if (created > budget)
            {
                _errors.At(site.Node, site.Path,
                    $"the model would hold more than {_errors.Limits.MaxParameters} parameters ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})");
                return null;
            }
            if (output >= 1) return (layer, output, created);
            _errors.At(site.Node, site.Path, $"layer '{spec.Name}' reported {output} outputs; a layer needs at least 1");
        }
        catch (Exception e)
        {
            // Layers and initializers may be plugins; whatever they throw is a problem with this layer's settings.
            _errors.At(site.Node, site.Path, $"cannot build layer '{spec.Name}' with {inputSize} input{(inputSize == 1 ? "" : "s")}: {Message(e)}"
                + (Message(e).Contains("past the model's limit") ? $" ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})" : ""));
        }
        return null;
    }

    private IInitializer CreateInitializer(ComponentRef reference) =>
        _registry.Get(ComponentKind.Initializer, reference.Name).Create<IInitializer>(reference.Options);

    // A built-in's own failure keeps its message; a plugin's names the component, its plugin and the exception type,
    // and a missing dependency the component whose assembly needs it (not the built-in layer that called it).
    private string Message(Exception e) => e switch
    {
        ComponentException { Component.Source: ComponentRegistry.BuiltInSource, InnerException: { } inner } => inner.Message,
        ComponentException => e.Message,
        _ when ComponentFailure.Describe(e, _registry) is var described && described.Contains("' (plugin", StringComparison.Ordinal) => described,
        _ => e.Message,
    };
}
