using System.Numerics;
using NnLab.Diagnostics.Tracing;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// <c>nnlab trace</c>'s replay: the experiment's model in its precision on the reference kernels (the default of
/// <c>nnlab run</c>) with a new optimizer, updated to update N by Core's <see cref="UpdateTracer{T}"/>, which records K
/// updates. A diagnostic of the first updates (a report's trace link needs it), not a run: training is NnLab.Runner's.
/// </summary>
public static class ExperimentTracing
{
    /// <summary>Updates per epoch: 1 for a full batch, ⌈m / batch_size⌉ for mini-batches.</summary>
    public static int UpdatesPerEpoch(this Experiment experiment) =>
        UpdateTracer<double>.UpdatesPerEpoch(experiment.Training, experiment.Data.Inputs.Cols);

    /// <summary>Updates the whole training makes: epochs × updates per epoch.</summary>
    public static int TotalUpdates(this Experiment experiment) => experiment.Training.Epochs * experiment.UpdatesPerEpoch();

    /// <summary>Examples in one update's batch (the last batch of an epoch may hold fewer).</summary>
    public static int BatchSize(this Experiment experiment) =>
        experiment.Training.EffectiveBatchSize(experiment.Data.Inputs.Cols);

    /// <summary>Makes updates 0 … first + count − 1 as <c>nnlab run</c> does and records the last count of them.</summary>
    /// <exception cref="TraceException">Training diverges before those updates are made.</exception>
    public static Trace Trace(this Experiment experiment, int first, int count) => experiment.Precision switch
    {
        Precision.Float32 => Trace<float>(experiment, first, count),
        _ => Trace<double>(experiment, first, count),
    };

    private static Trace Trace<T>(Experiment experiment, int first, int count) where T : IFloatingPointIeee754<T>
    {
        var model = experiment.TakeModel(ReferenceMatrixOperations<T>.Instance);
        var optimizer = experiment.Optimizer.Create<IOptimizer<T>>();
        var probe = Network<double>.Build(experiment.Model, experiment.Data.Inputs.Rows, new NumpyRandomState(experiment.Seed),
            ReferenceMatrixOperations<double>.Instance, experiment.Registry);
        var tracer = new UpdateTracer<T>(model.Network, model.Cost, optimizer, probe,
            experiment.Cost.Create<ICost<double>>(), experiment.Cost.Name, experiment.Optimizer.Name);
        return tracer.Run(experiment.Name, ModelPredictor<T>.As(experiment.Data.Inputs), ModelPredictor<T>.As(experiment.Data.Targets),
            experiment.Training, first, count);
    }
}
