using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>What a worker did: how its trials ended, and whether it was cancelled or stopped.</summary>
public sealed record WorkerOutcome(string Worker, int Trials, int Skipped, int Completed, int Diverged, int Failed, int Cancelled,
    bool Stopped);

/// <summary>
/// <c>nnlab sweep-worker</c>: runs some of a sweep folder's trials, from the folder's own definition (sweep.yaml and
/// the --set overrides trials.json records), into that folder, writing only its trials (a lean trial: nothing but
/// its lines; a full one: its run folder) and its own state file. Trials the state files already show completed or
/// diverged are skipped, so a requeued worker continues where it was. Stopped while the file named by
/// NNLAB_PREEMPT_MARKER exists, it checkpoints its running trials and records them <c>preempted</c>; when it is
/// requeued it continues them from those checkpoints.
/// </summary>
public sealed class SweepWorker
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ExperimentRunner _runner;

    public SweepWorker(ILogger<SweepWorker> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _runner = new ExperimentRunner(NullLogger<ExperimentRunner>.Instance, time);
    }

    /// <summary>
    /// The sweep recorded in <paramref name="directory"/>, loaded again and checked against its manifest.
    /// </summary>
    /// <exception cref="SweepFolderException">
    /// Not a sweep folder, unreadable, or its definition no longer loads to the same trials (data or plugins differ).
    /// </exception>
    public static (Sweep Sweep, SweepManifest Manifest) Load(string directory, SweepLoader loader)
    {
        if (!Directory.Exists(directory))
            throw new SweepFolderException($"'{directory}' is not a sweep folder: no such folder here (on a cluster, the sweep folder must be on a file system every node sees).");
        string manifestPath = Path.Combine(directory, SweepFiles.Manifest), definition = Path.Combine(directory, SweepFiles.Definition);
        if (!File.Exists(manifestPath) || !File.Exists(definition))
            throw new SweepFolderException($"'{directory}' is not a sweep folder: it has no {(File.Exists(manifestPath) ? SweepFiles.Definition : SweepFiles.Manifest)}.");
        var manifest = ManifestFile.Read(manifestPath);
        string yaml;
        try
        {
            yaml = File.ReadAllText(definition);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepFolderException($"cannot read '{definition}': {e.Message}", e);
        }
        string baseDirectory = manifest.SourceDirectory ?? Path.GetFullPath(directory);
        var loaded = loader.LoadText(yaml, manifest.SourceFile, baseDirectory, manifest.Overrides);
        if (!loaded.TryGetSweep(out var sweep))
            throw new SweepFolderException($"the sweep in '{directory}' no longer loads: "
                + string.Join("; ", loaded.Errors.Take(5).Select(e => e.ToString())));
        if (sweep.DefinitionHash != manifest.DefinitionHash)
            throw new SweepFolderException($"the sweep in '{directory}' loads to different trials than it was started with "
                + "(its data files, plugins or NnLab changed): its trials would not be the ones recorded.");
        return (sweep, manifest);
    }

    /// <summary>
    /// Runs the trials <paramref name="indexes"/> of the sweep in <paramref name="directory"/> that are not completed or
    /// diverged, at most <paramref name="parallel"/> at once. Cancelling cancels the running ones (recorded cancelled)
    /// and starts no more.
    /// </summary>
    public async Task<WorkerOutcome> RunAsync(string directory, Sweep sweep, SweepManifest manifest, IReadOnlyList<int> indexes,
        int parallel, string? workerId, CancellationToken cancellation)
    {
        var folder = RunFolder.Existing(directory);
        IReadOnlyList<TrialRecord> current;
        using (var merged = new SweepState(folder.FullPath, manifest))
        {
            merged.Refresh();
            current = merged.Records;
        }
        var toRun = indexes.Where(i => !current[i].IsFinal).ToList();
        using var state = StateLog.Open(folder.FullPath, "worker", workerId);
        _logger.LogInformation("Worker {Worker}: {ToRun} of {Trials} trials to run ({Skipped} already done), {Parallel} at a time, in {SweepFolder}",
            state.Worker, toRun.Count, indexes.Count, indexes.Count - toRun.Count, parallel, folder.DisplayPath);
        var executor = new TrialExecutor(_runner, _time, folder, manifest.TrialFiles, state, IsPreempted);
        var records = new List<TrialRecord>();
        int workers = Math.Clamp(parallel, 1, Math.Max(1, toRun.Count));
        var units = TrialPool.UnitsOf(toRun, i => sweep.Trials[i].TogetherKey, manifest.TrialFiles, sweep.Settings.Together, workers,
            i => current[i].Status == TrialStatus.Preempted);
        bool stopped = await TrialPool.RunAsync(units, workers, sweep.Settings.OnError, async unit =>
            {
                var finished = await executor.RunAsync(unit.Select(i => sweep.Trials[i]).ToList(), unit.Select(i => current[i]).ToList(),
                    _logger, cancellation);
                lock (records) records.AddRange(finished);
                foreach (var record in finished)
                    _logger.LogInformation("Trial {Trial} {Status}: {Label}, final cost {FinalCost}{Reason}", record.Index,
                        record.Status.ToString().ToLowerInvariant(), record.Label, record.FinalCost, record.Reason is null ? "" : $" ({record.Reason})");
                return finished;
            }, cancellation);
        int Count(TrialStatus s) => records.Count(r => r.Status == s);
        return new WorkerOutcome(state.Worker, indexes.Count, indexes.Count - toRun.Count, Count(TrialStatus.Completed), Count(TrialStatus.Diverged),
            Count(TrialStatus.Failed), Count(TrialStatus.Cancelled) + Count(TrialStatus.Preempted) + toRun.Count - records.Count, stopped);
    }

    /// <summary>
    /// Names a file whose existence, when a process running trials is stopped (SIGTERM: a worker, or nnlab sweep itself),
    /// says it was preempted: its running trials then keep a checkpoint and are recorded <c>preempted</c>, not
    /// cancelled, to be continued. The Slurm batch script creates it when Slurm warns of the end.
    /// </summary>
    public const string PreemptMarkerVariable = "NNLAB_PREEMPT_MARKER";

    /// <summary>Whether the file named by <see cref="PreemptMarkerVariable"/> exists: a stop now is a preemption.</summary>
    internal static bool IsPreempted() =>
        Environment.GetEnvironmentVariable(PreemptMarkerVariable) is { Length: > 0 } marker && File.Exists(marker);

    /// <summary>
    /// Trial indexes from <c>A-B</c> (inclusive), <c>A</c>, or a comma-separated list of those, each within 0 … count − 1;
    /// in order, without repeats. Null with <paramref name="error"/> when malformed or out of range.
    /// </summary>
    public static IReadOnlyList<int>? ParseTrials(string text, int count, out string? error)
    {
        error = null;
        var set = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
                || !int.TryParse(ends[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) || b < a)
            {
                error = $"--trials: '{part}' is not a trial number or a range A-B (A ≤ B), e.g. 0-99 or 0-9,20,30-39";
                return null;
            }
            if (b >= count)
            {
                error = $"--trials: '{part}' is outside the sweep's trials 0-{count - 1}";
                return null;
            }
            for (int i = a; i <= b; i++) set.Add(i);
        }
        return set.ToList();
    }
}
