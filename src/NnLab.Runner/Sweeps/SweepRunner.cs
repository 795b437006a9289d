using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.IO;
using NnLab.Runner.Logging;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs a sweep's trials in parallel, in-process, each into an ordinary run folder under the sweep folder, and keeps
/// trials.json current as they start and finish. A trial that throws, diverges or is cancelled is recorded with
/// its status and reason while the others go on. At the end it writes summary.csv and costs.csv from the trial
/// folders. A resume reruns only the trials not completed or diverged, after checking the definition is the same.
/// </summary>
public sealed class SweepRunner
{
    private readonly ILogger<SweepRunner> _logger;
    private readonly TimeProvider _time;
    private readonly ExperimentRunner _trials;

    public SweepRunner(ILogger<SweepRunner> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        // A trial logs into its own log.jsonl only: dozens of trials' epoch lines on the console would bury the sweep's.
        _trials = new ExperimentRunner(NullLogger<ExperimentRunner>.Instance, time);
    }

    /// <summary>
    /// Runs <paramref name="sweep"/>. Cancelling <paramref name="cancellation"/> cancels the running trials (their
    /// folders are still complete) and starts no more; the summaries and manifest are written either way.
    /// </summary>
    /// <exception cref="SweepFolderException">--out is not new or empty, or --resume names no folder of this sweep.</exception>
    public async Task<SweepOutcome> RunAsync(Sweep sweep, SweepRunOptions options, CancellationToken cancellation = default)
    {
        long start = _time.GetTimestamp();
        // One process at a time per folder: a resumed folder is locked before anything in it is read or changed.
        using var resumeLock = options.ResumeDirectory is { } resumed && Directory.Exists(resumed) ? SweepLock.Acquire(resumed) : null;
        var (folder, previous) = SweepFolders.Open(sweep, options, _time.GetUtcNow());
        using var newLock = resumeLock is null ? SweepLock.Acquire(folder.FullPath) : null;
        var store = new ManifestStore(folder.PathOf(SweepFiles.Manifest), NewManifest(sweep, previous), _time);
        var kept = store.Trials;
        var toRun = sweep.Trials.Where(t => !kept[t.Index].IsFinal).ToList();
        int parallel = Math.Clamp(options.Parallel, 1, Math.Max(1, toRun.Count));

        using var sweepLog = RunLog.Open(folder.PathOf(SweepFiles.Log), _logger, typeof(SweepRunner).FullName!);
        var log = sweepLog.Logger;
        log.SweepStarted(sweep.Name, toRun.Count, sweep.Trials.Count, parallel, folder.DisplayPath);

        var progress = new SweepProgress(toRun.Count);
        var context = new TrialContext(folder, store, progress, log, toRun.Count);
        var running = TrialPool.RunAsync(toRun, parallel, sweep.Settings.OnError, t => RunTrialAsync(t, context, cancellation), cancellation);
        await WatchAsync(options.Monitor, progress, running, log);
        bool stopped = await running;

        var trials = store.Trials;
        var status = StatusOf(trials, cancellation.IsCancellationRequested, stopped);
        var results = SweepResults.Write(folder, sweep.ParameterNames, trials);
        await store.FinishAsync(status);
        var outcome = new SweepOutcome(folder, status, results, toRun.Count, _time.GetElapsedTime(start));
        LogFinished(log, outcome);
        return outcome;
    }

    /// <summary>What every trial of one run shares: where results go and who hears about them.</summary>
    private sealed record TrialContext(RunFolder Folder, ManifestStore Store, SweepProgress Progress, ILogger Log, int ToRun);

    private async Task<TrialRecord> RunTrialAsync(SweepTrial trial, TrialContext context, CancellationToken cancellation)
    {
        var started = context.Store.Get(trial.Index) with
        {
            Status = TrialStatus.Running, Reason = null, StartedUtc = _time.GetUtcNow().UtcDateTime,
        };
        context.Store.Update(started);
        context.Progress.Started();
        context.Log.TrialStarted(trial.Index, trial.Label);

        var finished = await ExecuteAsync(trial, started, context, cancellation);
        context.Store.Update(finished);
        context.Progress.Finished(finished);
        var counts = context.Progress.Read();
        context.Log.TrialFinished(trial.Index, trial.Label, Text(finished.Status), finished.FinalCost, finished.WallTimeSeconds,
            finished.Reason is null ? "" : $" ({finished.Reason})", counts.Done, context.ToRun, counts.Failed);
        return finished;
    }

    /// <summary>Runs the trial into its folder; anything it throws becomes a failed record, never the sweep's exception.</summary>
    private async Task<TrialRecord> ExecuteAsync(SweepTrial trial, TrialRecord started, TrialContext context, CancellationToken cancellation)
    {
        long start = _time.GetTimestamp();
        try
        {
            string folder = Path.Combine(context.Folder.FullPath, SweepFiles.Trials, trial.Label);
            // A trial rerun by a resume starts from an empty folder: its earlier, unfinished files must not mix in.
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            var outcome = await _trials.RunAsync(trial.Experiment, new RunOptions { OutputDirectory = folder }, cancellation);
            var summary = outcome.Summary;
            return started with
            {
                Status = StatusOf(summary.Status), Reason = summary.Reason, FinalCost = summary.FinalCost,
                Accuracy = summary.Accuracy, EpochsCompleted = summary.EpochsCompleted,
                WallTimeSeconds = summary.WallTimeSeconds, FinishedUtc = _time.GetUtcNow().UtcDateTime,
            };
        }
        catch (Exception e)
        {
            // Training's own exceptions are caught by the trial's runner and logged in its log.jsonl; this is the rest.
            context.Log.TrialFailed(e, trial.Label, e.Message);
            return started with
            {
                Status = TrialStatus.Failed, Reason = e.Message, WallTimeSeconds = _time.GetElapsedTime(start).TotalSeconds,
                FinishedUtc = _time.GetUtcNow().UtcDateTime,
            };
        }
    }

    /// <summary>
    /// Cancelled when the user cancelled and it cost a trial (one cancelled or never run: a Ctrl+C after the last
    /// trial ended changes nothing); else stopped when a failure stopped it; else completed.
    /// </summary>
    private static SweepStatus StatusOf(IReadOnlyList<TrialRecord> trials, bool cancelRequested, bool stopped) =>
        cancelRequested && trials.Any(t => t.Status == TrialStatus.Cancelled || !t.HasEnded) ? SweepStatus.Cancelled
        : stopped ? SweepStatus.Stopped
        : SweepStatus.Completed;

    // Statuses read the same in the log as in trials.json: "completed", not "Completed".
    private static string Text<T>(T status) where T : struct, Enum => status.ToString().ToLowerInvariant();

    private static TrialStatus StatusOf(RunStatus status) => status switch
    {
        RunStatus.Completed => TrialStatus.Completed,
        RunStatus.Diverged => TrialStatus.Diverged,
        RunStatus.Cancelled => TrialStatus.Cancelled,
        _ => TrialStatus.Failed,
    };

    /// <summary>The manifest a run starts from: every trial pending, except those an earlier run completed or saw diverge.</summary>
    private SweepManifest NewManifest(Sweep sweep, SweepManifest? previous)
    {
        var trials = sweep.Trials.Select(t =>
            previous?.Trials.FirstOrDefault(p => p.Index == t.Index && p.Id == t.Id && p.IsFinal)
            ?? new TrialRecord(t.Index, t.Id, t.Label, t.Parameters.ToDictionary(p => p.Name, p => p.Value),
                TrialStatus.Pending, null, SweepFiles.TrialFolder(t.Label))).ToList();
        return new SweepManifest(SweepManifest.CurrentFormat, sweep.Name, sweep.SourceFile, sweep.DefinitionHash,
            sweep.Settings.Mode, sweep.Settings.Repeats, sweep.Settings.OnError, sweep.ParameterNames,
            sweep.Overrides.Select(o => o.ToString()).ToList(), SweepStatus.Running, _time.GetUtcNow().UtcDateTime, trials);
    }

    /// <summary>A broken display must not lose the sweep: it is logged and the trials carry on.</summary>
    private static async Task WatchAsync(ISweepMonitor? monitor, SweepProgress progress, Task sweep, ILogger log)
    {
        if (monitor is null) return;
        try
        {
            await monitor.WatchAsync(progress, sweep);
        }
        catch (Exception e) when (!sweep.IsFaulted)
        {
            log.MonitorFailed(e, e.Message);
        }
        catch
        {
            // The monitor passed on the sweep's own exception; awaiting the sweep reports it.
        }
    }

    private static void LogFinished(ILogger log, SweepOutcome outcome)
    {
        var trials = outcome.Trials;
        int Count(TrialStatus status) => trials.Count(t => t.Status == status);
        log.SweepFinished(Text(outcome.Status), outcome.WallTime.TotalSeconds, Count(TrialStatus.Completed), Count(TrialStatus.Diverged),
            Count(TrialStatus.Failed), trials.Count(t => !t.HasEnded) + Count(TrialStatus.Cancelled),
            outcome.Best?.Label, outcome.Best?.FinalCost);
    }
}
