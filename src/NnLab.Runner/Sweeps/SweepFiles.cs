namespace NnLab.Runner.Sweeps;

/// <summary>The names of what a sweep folder holds.</summary>
public static class SweepFiles
{
    /// <summary>The sweep file exactly as written.</summary>
    public const string Definition = "sweep.yaml";

    /// <summary>The manifest: every trial's parameters, status and results, rewritten atomically as trials start and finish.</summary>
    public const string Manifest = "trials.json";

    public const string Summary = "summary.csv";

    /// <summary>One row per combination of axis values: counts and statistics over its repeats.</summary>
    public const string Groups = "groups.csv";

    public const string Costs = "costs.csv";
    public const string Log = "sweep.log.jsonl";

    /// <summary>The folder of the trials' run folders, one per trial, named by its label.</summary>
    public const string Trials = "trials";

    /// <summary>A trial's run folder relative to the sweep folder, always with '/' so the manifest reads the same everywhere.</summary>
    public static string TrialFolder(string label) => $"{Trials}/{label}";
}
