using System.Numerics;
using NnLab.Diagnostics.Tracing;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// <c>nnlab trace</c>'s training: a fresh session of the experiment in its precision on the reference kernels (the
/// default of <c>nnlab run</c>), trained to update N by <see cref="UpdateTracer{T}"/>, which records K updates.
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
        var session = experiment.CreateSession(ReferenceMatrixOperations<T>.Instance);
        var probe = Network<double>.Build(experiment.Model, experiment.Data.Inputs.Rows, new NumpyRandomState(experiment.Seed),
            ReferenceMatrixOperations<double>.Instance, experiment.Registry);
        var tracer = new UpdateTracer<T>(session.Network, session.Cost, session.Optimizer, probe,
            experiment.Cost.Create<ICost<double>>(), experiment.Cost.Name, experiment.Optimizer.Name);
        return tracer.Run(experiment.Name, As<T>(experiment.Data.Inputs), As<T>(experiment.Data.Targets), experiment.Training, first, count);
    }

    private static Matrix<T> As<T>(Matrix<double> data) where T : IFloatingPointIeee754<T> =>
        data as Matrix<T> ?? data.ConvertTo<T>();
}
