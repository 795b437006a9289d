namespace NnLab.Experiments.Sweeps;

/// <summary>What a sweep does after a trial fails (<c>sweep.on_error</c>). Divergence is a result, not a failure.</summary>
public enum SweepErrorPolicy
{
    /// <summary>Record the failure and run every other trial.</summary>
    Continue,

    /// <summary>Start no new trial after the first failure; trials already running finish.</summary>
    Stop,
}
