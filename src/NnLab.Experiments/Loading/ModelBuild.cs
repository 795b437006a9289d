using System.Numerics;
using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Builds the experiment's model, the one time it is built: layer after layer through <see cref="NetworkBuilder{T}"/>
/// (the loop <see cref="Network{T}.Build"/> runs too), in the experiment's precision and kernels, drawing the initial
/// weights from its seed. What only a built layer can see (explicit values of the wrong shape, a plugin's own checks,
/// the parameter limit) is reported at the layer's YAML, and the output size is checked against the targets by the
/// cost. The model it returns is the one training starts from (<see cref="Experiment.TakeModel()"/> hands it out).
/// </summary>
internal sealed class ModelBuild
{
    private readonly ComponentRegistry _registry;
    private readonly ErrorCollector _errors;

    public ModelBuild(ComponentRegistry registry, ErrorCollector errors)
    {
        _registry = registry;
        _errors = errors;
    }

    /// <summary>The built model, or null after reporting why it cannot be built.</summary>
    public BuiltModel? Build(ExperimentConfig config)
    {
        if (!PrecisionSupport.Check(config, _errors)) return null;
        return config.Training.Precision == Precision.Float32
            ? Build(config, MatrixOperations.Create<float>(config.Training.Kernels))
            : Build(config, MatrixOperations.Create<double>(config.Training.Kernels));
    }

    private BuiltModel<T>? Build<T>(ExperimentConfig config, IMatrixOperations<T> operations) where T : IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(config.Seed);
        var builder = new NetworkBuilder<T>(config.Data.Data.Inputs.Rows, random, operations, _registry)
        {
            ParameterBudget = _errors.Limits.MaxParameters,
        };
        long examples = Math.Max(1, config.Data.Data.Inputs.Cols);
        long largestMatrix = Math.Min(_errors.Limits.MaxParameters, Array.MaxLength);
        int sizedBy = config.Model.Count - 1;
        for (int i = 0; i < config.Model.Count; i++)
        {
            _errors.Cancellation.ThrowIfCancellationRequested();
            var site = config.LayerSites[i];
            int inputSize = builder.OutputSize;
            if (builder.TryAdd(config.Model[i]) is { } failure)
            {
                _errors.At(site.Node, site.Path, Message(failure));
                return null;
            }
            int output = builder.OutputSize;
            // Training holds each layer's output for every example of a batch: that matrix must fit too.
            if (output * examples > largestMatrix)
            {
                _errors.At(site.Node, site.Path,
                    $"layer '{config.Model[i].Name}' outputs {output} values for each of {examples} examples: {output * examples} values in one matrix, past the limit of {largestMatrix} ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})");
                return null;
            }
            // The output size is set by the last layer that maps sizes (has weights or changes the size), not an activation after it.
            if (output != inputSize || builder.Layers[i].Parameters.Count > 0) sizedBy = i;
        }
        // The cost decides which targets fit: one column per output, or e.g. class indices for softmax cross-entropy.
        var cost = CreateCost<T>(config);
        if (cost is null) return null;
        if (cost.ValidateTargets(builder.OutputSize, config.Data.Data.Targets) is { } message)
        {
            var site = config.LayerSites[sizedBy];
            _errors.At(site.Node, site.Path, message);
            return null;
        }
        return new BuiltModel<T>(builder.ToNetwork(), cost, operations, random.GetState(), builder.ParameterCount);
    }

    private ICost<T>? CreateCost<T>(ExperimentConfig config) where T : IFloatingPointIeee754<T>
    {
        try
        {
            return config.Cost.Create<ICost<T>>();
        }
        catch (Exception e)
        {
            // A plugin's failure names the cost, its plugin and the exception type already.
            string message = Message(e);
            _errors.At(config.CostSite.Node, config.CostSite.Path,
                message.StartsWith($"cost '{config.Cost.Name}'", StringComparison.Ordinal) ? message : $"cannot create cost '{config.Cost.Name}': {message}");
            return null;
        }
    }

    private string Message(LayerBuildFailure failure)
    {
        var spec = failure.Spec;
        switch (failure.Problem)
        {
            case LayerBuildProblem.NoOutputs:
                return $"layer '{spec.Name}' reported {failure.Outputs} outputs; a layer needs at least 1";
            case LayerBuildProblem.PastParameterBudget:
                return $"the model would hold more than {_errors.Limits.MaxParameters} parameters ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})";
            default:
                // Layers and initializers may be plugins; whatever they throw is a problem with this layer's settings.
                string message = Message(failure.Exception!);
                int inputs = failure.InputSize;
                return $"cannot build layer '{spec.Name}' with {inputs} input{(inputs == 1 ? "" : "s")}: {message}"
                    + (message.Contains("past the model's limit") ? $" ({InputLimits.HowToRaise(nameof(InputLimits.MaxParameters))})" : "");
        }
    }

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
