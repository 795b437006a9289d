namespace NnLab.Costs;

/// <summary>
/// A cost that can split its evaluation over threads; the trainer gives it the thread count of the network's
/// operations (1 for the reference kernels).
/// </summary>
internal interface IThreadedCost
{
    /// <summary>The most threads one evaluation may use.</summary>
    int Threads { get; set; }
}
