using System.Numerics;

namespace NnLab;

/// <summary>
/// An optimizer that can hand out everything it carries from one step to the next (velocities, moment estimates,
/// counters) and take it back, so that a run stopped after update k and continued in a fresh process makes exactly
/// the updates, bit for bit, the uninterrupted run makes. <c>nnlab run --resume</c> refuses a run whose optimizer
/// does not implement it. A stateless optimizer implements it with an empty state.
/// </summary>
/// <remarks>
/// The trainer calls <see cref="IOptimizer{T}.Initialize"/> first, then (when resuming) <see cref="ImportState"/>,
/// then <see cref="IOptimizer{T}.Step"/> with the step count the uninterrupted run would have reached: the step
/// number itself is not part of the state. Options (learning rate, schedule) come from the configuration, not from
/// the state.
/// </remarks>
public interface IStatefulOptimizer<T> : IOptimizer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// The state as it stands after the last <see cref="IOptimizer{T}.Step"/>. The matrices may be the optimizer's own
    /// arrays: the caller reads them before the next step and never writes them.
    /// </summary>
    OptimizerState<T> ExportState();

    /// <summary>
    /// Replaces the state with <paramref name="state"/> (copying the values in), after <see cref="IOptimizer{T}.Initialize"/>.
    /// Throws <see cref="ArgumentException"/> when a name is missing or a shape does not match the parameters.
    /// </summary>
    void ImportState(OptimizerState<T> state);
}
