using System.Numerics;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Runner.Training;

/// <summary>
/// Turns a checked <see cref="Experiment"/> into a session that trains it: the pipeline's step from the model (built once,
/// while the experiment was checked) to the trainer.
/// </summary>
public static class ExperimentSessions
{
    /// <summary>
    /// A session in the experiment's precision and kernels: the network the loader built (initial weights drawn from the
    /// seed) and its cost the first time, a freshly built one (the same initial weights) after that; a new optimizer.
    /// </summary>
    public static ExperimentSession CreateSession(this Experiment experiment) => experiment.Precision switch
    {
        Precision.Float32 => experiment.CreateSession(MatrixOperations.Create<float>(experiment.Kernels)),
        _ => experiment.CreateSession(MatrixOperations.Create<double>(experiment.Kernels)),
    };

    /// <summary>
    /// A session computing in <typeparamref name="T"/> with <paramref name="operations"/>, whatever the experiment's
    /// precision says: the loader's network when it was built for these, else a freshly built one.
    /// </summary>
    public static ExperimentSession<T> CreateSession<T>(this Experiment experiment, IMatrixOperations<T> operations)
        where T : IFloatingPointIeee754<T>
    {
        var model = experiment.TakeModel(operations);
        return new ExperimentSession<T>(experiment, model.Network, model.Cost, experiment.Optimizer.Create<IOptimizer<T>>())
        {
            InitStream = model.InitStream,
        };
    }
}
