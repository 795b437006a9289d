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
    /// Its process ended while it ran (<c>--launcher processes</c>: the plugin called Environment.Exit, crashed natively,
    /// overflowed its stack); the reason gives the exit code or signal. Counted with the failed ones.
    /// </summary>
    Crashed,

    /// <summary>
    /// Stopped by a preemption (its Slurm task warned of its time limit, or SIGTERM while NNLAB_PREEMPT_MARKER's file
    /// exists) while it ran, with a checkpoint kept in its folder: the requeued task, or a resume, continues it from there.
    /// </summary>
    Preempted,
}
