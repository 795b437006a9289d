namespace NnLab.Runner.Sweeps;

/// <summary>How the sweep as a whole ended (or that it is still running); written in snake case.</summary>
public enum SweepStatus
{
    Running,

    /// <summary>Every trial ran to an end of its own (completed, diverged or failed).</summary>
    Completed,

    /// <summary>Ctrl+C or SIGTERM: running trials were cancelled, the rest never started.</summary>
    Cancelled,

    /// <summary><c>on_error: stop</c>: a trial failed, so no further trial was started.</summary>
    Stopped,

    /// <summary>
    /// The sweep could not go on: the disk filled up, or a trial ended the process (Environment.Exit). trials.json's
    /// reason says which; what was recorded stays, and <c>--resume</c> continues it.
    /// </summary>
    Failed,
}
