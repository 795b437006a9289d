using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// A typed, validated experiment: what a YAML file becomes once every name is resolved, every option bound,
/// every default filled in and the model shown to build. Inside NnLab it is trusted.
/// </summary>
public sealed class Experiment
{
    public required string Name { get; init; }

    /// <summary>The numpy-compatible seed, 0 ≤ seed ≤ 2³²−1.</summary>
    public required uint Seed { get; init; }

    /// <summary>Path of the YAML file as given, or a label such as "&lt;text&gt;".</summary>
    public required string SourceFile { get; init; }

    /// <summary>The file's text as written (config.yaml).</summary>
    public required string SourceText { get; init; }

    /// <summary>The resolved configuration with overrides applied and every default filled in (config.resolved.yaml).</summary>
    public required string ResolvedYaml { get; init; }

    public required ExperimentData Data { get; init; }
    public required IReadOnlyList<ComponentSpec> Model { get; init; }
    public required ComponentSpec Cost { get; init; }
    public required ComponentSpec Optimizer { get; init; }
    public required TrainingSettings Training { get; init; }

    /// <summary>Which matrix products the run uses (<c>training.kernels</c>); reported in summary.json.</summary>
    public MatrixKernels Kernels { get; init; } = MatrixOperations.DefaultKernels;

    /// <summary>An output ≥ threshold predicts 1 (binary outputs).</summary>
    public required double PredictionThreshold { get; init; }

    public required IReadOnlyList<ConfigOverride> Overrides { get; init; }

    /// <summary>The registry the names were resolved in; building the model needs it for initializers.</summary>
    public required ComponentRegistry Registry { get; init; }

    /// <summary>Builds a fresh network (initial weights drawn from the seed), cost and optimizer.</summary>
    public ExperimentSession CreateSession(IMatrixOperations? operations = null)
    {
        var random = new NumpyRandomState(Seed);
        var network = Network.Build(Model, Data.Inputs.Rows, random, operations ?? MatrixOperations.Create(Kernels), Registry);
        return new ExperimentSession(this, network, Cost.Create<ICost>(), Optimizer.Create<IOptimizer>());
    }
}
