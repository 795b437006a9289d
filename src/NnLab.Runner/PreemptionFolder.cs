namespace NnLab.Runner;

/// <summary>
/// Where an in-memory run (a sweep's lean trial) is kept if it is preempted, and how it tells a preemption from a plain
/// cancellation (<see cref="ExperimentRunner.RunInMemory"/>).
/// </summary>
/// <param name="Path">The run folder to write on a preemption (replaced if it exists); nothing is written otherwise.</param>
/// <param name="IsPreemption">Asked when training stops on cancellation: true keeps the run to be continued.</param>
public sealed record PreemptionFolder(string Path, Func<bool> IsPreemption);
