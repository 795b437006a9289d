namespace NnLab.Experiments.Sweeps;

/// <summary>Where a sweep's trials run: in this process (<c>local</c>, the default) or as Slurm array jobs.</summary>
public enum SweepLauncherKind
{
    Local,
    Slurm,
}

/// <summary>
/// The <c>sweep.launcher</c> block (or <c>--launcher</c>): which launcher, and for Slurm how its array jobs are
/// asked for. Every option is optional; null means "Slurm's (or the site's) default", except where noted.
/// </summary>
public sealed record SweepLauncher
{
    public static readonly SweepLauncher Local = new() { Kind = SweepLauncherKind.Local };

    public required SweepLauncherKind Kind { get; init; }

    /// <summary>sbatch --partition.</summary>
    public string? Partition { get; init; }

    /// <summary>sbatch --time: a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, ...).</summary>
    public string? Time { get; init; }

    /// <summary>sbatch --cpus-per-task; the worker runs this many trials at once (default 1).</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>sbatch --mem.</summary>
    public string? Mem { get; init; }

    /// <summary>sbatch --mem-per-cpu.</summary>
    public string? MemPerCpu { get; init; }

    public string? Account { get; init; }
    public string? Qos { get; init; }
    public string? Constraint { get; init; }
    public string? Gres { get; init; }

    /// <summary>sbatch --job-name (default: nnlab-&lt;sweep name&gt;).</summary>
    public string? JobName { get; init; }

    /// <summary>The array's <c>%</c> throttle: at most this many of its tasks run at once.</summary>
    public int? ArrayParallelism { get; init; }

    /// <summary>Trials packed into one array task (default: from the trials' expected size).</summary>
    public int? TrialsPerTask { get; init; }

    /// <summary>Shell lines the batch script runs before the worker (e.g. <c>module load dotnet</c>).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Extra sbatch arguments, passed as they are.</summary>
    public IReadOnlyList<string> SbatchArgs { get; init; } = [];

    /// <summary>The nnlab command the nodes run (default: the running nnlab's absolute path).</summary>
    public string? Command { get; init; }

    /// <summary>Seconds before the time limit at which Slurm signals the task to checkpoint and requeue (default 60).</summary>
    public int SignalSeconds { get; init; } = 60;
}
