namespace NnLab.Optimizers;

/// <summary>
/// An optimizer that can split its step over threads; the trainer gives it the thread count of the network's
/// operations (1 for the reference kernels). The split changes no bits: every value's update is independent.
/// </summary>
internal interface IThreadedOptimizer
{
    /// <summary>The most threads one step may use.</summary>
    int Threads { get; set; }
}
