using NnLab.Runner;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli;

/// <summary>What nnlab's exit code means; scripts and sweeps rely on these.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run diverged or failed, or something unexpected went wrong.</summary>
    public const int Failure = 1;

    /// <summary>Nothing was run: the command line, the experiment file or the --out folder was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT, the shell's convention); the run folder is complete.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// A sweep that ran is a success even when trials diverged (they are results) or some failed; it fails when
    /// <c>on_error: stop</c> stopped it, it could not go on (a full disk) or every trial failed.
    /// </summary>
    public static int For(SweepOutcome sweep) => sweep.Status switch
    {
        SweepStatus.Cancelled => Cancelled,
        SweepStatus.Stopped or SweepStatus.Failed => Failure,
        _ => sweep.AllFailed ? Failure : Success,
    };

    public static int For(RunStatus status) => status switch
    {
        RunStatus.Completed => Success,
        RunStatus.Cancelled => Cancelled,
        _ => Failure,
    };
}
