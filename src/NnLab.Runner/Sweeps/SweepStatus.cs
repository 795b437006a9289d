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
}
