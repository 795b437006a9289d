namespace NnLab.Runner.Sweeps;

/// <summary>Where a trial stands in the manifest; written in snake case.</summary>
public enum TrialStatus
{
    /// <summary>Not started (yet, or ever: the sweep was stopped or cancelled first).</summary>
    Pending,

    Running,
    Completed,

    /// <summary>Its cost became non-finite or grew past the divergence bound: a result, not a failure.</summary>
    Diverged,

    /// <summary>It threw (building the model, training, or writing its folder); the reason says why.</summary>
    Failed,

    Cancelled,

    /// <summary>
    /// Stopped by its Slurm task's time limit or a preemption after a checkpoint; the requeued task continues it
    /// from that checkpoint (a resume does too).
    /// </summary>
    Preempted,
}
