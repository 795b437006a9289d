namespace NnLab.Runner.Sweeps;

/// <summary>Where a sweep goes, how many trials run at once, and who watches.</summary>
public sealed record SweepRunOptions
{
    /// <summary>--out: this folder (new or empty) is the sweep folder; null for sweeps/&lt;name&gt;/&lt;UTC time&gt;.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>--resume: an existing sweep folder of the same definition, whose unfinished trials are run.</summary>
    public string? ResumeDirectory { get; init; }

    /// <summary>Where timestamped sweep folders go, relative to the current directory unless rooted.</summary>
    public string SweepsRoot { get; init; } = "sweeps";

    /// <summary>Trials run at once; at least 1.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    public ISweepMonitor? Monitor { get; init; }

    /// <summary>Runs the trials elsewhere (child processes, ...); null runs them on this process's pool, the fastest way.</summary>
    public ISweepLauncher? Launcher { get; init; }

    /// <summary>What each trial writes, overriding the sweep's <c>trial_files</c>; null keeps it.</summary>
    public NnLab.Experiments.Sweeps.SweepTrialFiles? TrialFiles { get; init; }
}
