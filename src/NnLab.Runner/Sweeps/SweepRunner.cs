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
    /// records say cancelled) and starts no more; the summaries and manifest are written either way. A full disk stops
    /// the sweep the same way (status failed, the reason "disk full: …"), after which the space held in reserve is
    /// given back so the summaries and manifest can still be written; every line and file stays whole. A trial that
    /// ends the process (Environment.Exit) leaves the records of the trials running then failed, in the state file and
    /// trials.json, and a non-zero exit code. Either way <c>--resume</c> continues the sweep.
    /// </summary>
    /// <exception cref="SweepFolderException">--out is not new or empty, or --resume names no folder of this sweep.</exception>
    /// <exception cref="SweepDiskFullException">The disk filled up before the sweep could record its trials' outcome.</exception>
    public async Task<SweepOutcome> RunAsync(Sweep sweep, SweepRunOptions options, CancellationToken cancellation = default)
    {
        long start = _time.GetTimestamp();
        // One process at a time per folder: a resumed folder is locked before anything in it is read or changed.
        using var resumeLock = options.ResumeDirectory is { } resumed && Directory.Exists(resumed) ? FolderLock.ForSweep(resumed) : null;
        var (folder, previous) = SweepFolders.Open(sweep, options, _time.GetUtcNow());
        using var newLock = resumeLock is null ? FolderLock.ForSweep(folder.FullPath) : null;
        // What a kill left half-written (a trials.json or summary being replaced) goes; the folder is this process's now.
        if (resumeLock is not null) SweepFolders.RemoveTemporaryFiles(folder.FullPath);
        try
        {
            return await RunInAsync(sweep, options, folder, previous, start, cancellation);
        }
        catch (IOException e) when (e is not SweepDiskFullException && WholeLineFile.IsDiskFull(e))
        {
            throw new SweepDiskFullException(folder.DisplayPath, File.Exists(folder.PathOf(SweepFiles.Manifest)), e);
        }
    }

    private async Task<SweepOutcome> RunInAsync(Sweep sweep, SweepRunOptions options, RunFolder folder, SweepManifest? previous,
        long start, CancellationToken cancellation)
    {
        var splits = SweepSplits.Of(sweep);
        IReadOnlyList<TrialRecord>? earlier = null;
        if (previous is not null)
        {
            using var before = new SweepState(folder.FullPath, previous);
            before.Refresh();
            earlier = before.Records;
            // The earlier run's records are in the new manifest from here (those kept): the whole list read from its
            // trials.json need not live as long as this run (100,000 records: ~60 MB).
            previous = null;
        }
        var manifest = NewManifest(sweep, earlier, splits, options.TrialFiles, _time);
        // A little space held while the sweep works, given back when the disk fills so the last files can be written.
        using var reserve = DiskReserve.Create(folder.FullPath);
        // A full disk anywhere stops the sweep: no new trial starts, running ones are cancelled.
        using var halt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        IOException? diskFull = null;
        void DiskFull(IOException e)
        {
            if (Interlocked.CompareExchange(ref diskFull, e, null) is null) halt.Cancel();
        }
        var store = new ManifestStore(folder.PathOf(SweepFiles.Manifest), manifest, _time, DiskFull);
        var toRun = ToRun(manifest);
        int parallel = Math.Clamp(options.Parallel, 1, Math.Max(1, toRun.Count));

        using var state = StateLog.Open(folder.FullPath, "sweep");
        if (earlier is not null) ResetUnfinished(state, manifest, earlier, _time);
        using var sweepLog = RunLog.Open(folder.PathOf(SweepFiles.Log), _logger, typeof(SweepRunner).FullName!);
        var log = sweepLog.Logger;
        log.SweepStarted(sweep.Name, toRun.Count, sweep.Trials.Count, parallel, folder.DisplayPath);

        var progress = new SweepProgress(toRun.Count, sweep.Settings.RankBy);
        var context = new TrialContext(store, progress, log, toRun.Count);
        void Changed(TrialRecord record)
        {
            store.Update(record);
            if (record.Status == TrialStatus.Running)
            {
                progress.Started();
                log.TrialStarted(record.Index, record.Label);
            }
            else Report(record, context);
        }

        bool stopped = false;
        Task running;
        ProcessExitGuard? exitGuard = null;
        if (options.Launcher is { } launcher)
        {
            var launch = new SweepLaunch(folder, sweep, manifest, toRun, parallel, state, Changed, log);
            running = Task.Run(async () => stopped = await launcher.RunAsync(launch, halt.Token), CancellationToken.None);
        }
        else
        {
            var executor = new TrialExecutor(_trials, _time, folder, manifest.TrialFiles, state, SweepWorker.IsPreempted);
            var units = TrialPool.UnitsOf(toRun, i => sweep.Trials[i].TogetherKey, manifest.TrialFiles, sweep.Settings.Together, parallel,
                i => store.Status(i) == TrialStatus.Preempted);
            // A trial's component that ends the process (Environment.Exit) runs this on its way out.
            exitGuard = new ProcessExitGuard(() => RecordProcessExit(store, state, log));
            running = Task.Run(async () => stopped = await TrialPool.RunAsync(units, parallel, sweep.Settings.OnError,
                async unit =>
                {
                    // As they stand before they run: a preempted trial (alone in its unit) is continued from its checkpoint.
                    var pending = unit.Select(store.Get).ToList();
                    foreach (var p in pending) Changed(p with { Status = TrialStatus.Running });
                    var records = await RunUnitAsync(executor, unit.Select(i => sweep.Trials[i]).ToList(), pending, log, halt.Token, DiskFull);
                    foreach (var record in records) Changed(record);
                    return records;
                }, halt.Token), CancellationToken.None);
        }
        // Its settings are all the run needs of it from here: the store holds the records, one per trial.
        manifest = manifest with { Trials = [] };
        try
        {
            await WatchAsync(options.Monitor, progress, running, log);
            try
            {
                await running;
            }
            finally
            {
                await store.StopAsync();
            }
        }
        finally
        {
            exitGuard?.Dispose();
        }
        return Complete();

        SweepOutcome Complete()
        {
            // The store's records, handed over: merged with the state files, they stay one record per trial.
            using var merged = SweepState.Taking(folder.FullPath, store.Release());
            merged.Refresh();
            var records = merged.Records;
            var status = diskFull is not null ? SweepStatus.Failed : StatusOf(records, cancellation.IsCancellationRequested, stopped);
            IReadOnlyList<TrialResult>? results = null;
            if (diskFull is null)
            {
                try
                {
                    results = SweepResults.Write(folder, merged, sweep.ParameterNames, sweep.Settings.Repeats, splits);
                }
                catch (IOException e) when (WholeLineFile.IsDiskFull(e))
                {
                    // The summaries keep their previous versions (each is replaced atomically or not at all).
                    diskFull = e;
                    status = SweepStatus.Failed;
                }
            }
            // On a full disk the reserve goes to trials.json first (with the state files, the record a resume reads),
            // then to the summaries, which are only derived from them.
            if (diskFull is not null) reserve.Release();
            string? reason = diskFull is null ? null : TrainingRun.DiskFull(diskFull);
            try
            {
                ManifestFile.Write(folder.PathOf(SweepFiles.Manifest),
                    manifest with { Status = status, Reason = reason, UpdatedUtc = _time.GetUtcNow().UtcDateTime, Trials = records });
            }
            catch (IOException e) when (WholeLineFile.IsDiskFull(e))
            {
                // trials.json stays as last written; the state files are the record, and a resume reads them.
                diskFull ??= e;
                reason ??= TrainingRun.DiskFull(e);
                status = SweepStatus.Failed;
            }
            if (results is null)
            {
                try
                {
                    results = SweepResults.Write(folder, merged, sweep.ParameterNames, sweep.Settings.Repeats, splits);
                }
                catch (IOException e) when (WholeLineFile.IsDiskFull(e))
                {
                    results = SweepResults.Of(merged);
                }
            }
            var outcome = new SweepOutcome(folder, status, results, toRun.Count, _time.GetElapsedTime(start))
            {
                RankBy = sweep.Settings.RankBy, Repeats = sweep.Settings.Repeats, Reason = reason, Records = records,
            };
            LogFinished(log, outcome);
            return outcome;
        }
    }

    /// <summary>
    /// Runs one trial with <paramref name="executor"/>; a full disk (its state line did not fit, or its own run folder
    /// filled up) goes to <paramref name="diskFull"/>, which stops the sweep. A trial whose last state line did not fit
    /// is still recorded in the state files as they were (running): a resume runs it again.
    /// </summary>
    private static async Task<IReadOnlyList<TrialRecord>> RunUnitAsync(TrialExecutor executor, IReadOnlyList<SweepTrial> unit,
        IReadOnlyList<TrialRecord> pending, ILogger log, CancellationToken cancellation, Action<IOException> diskFull)
    {
        IReadOnlyList<TrialRecord> records;
        try
        {
            records = await executor.RunAsync(unit, pending, log, cancellation);
        }
        catch (IOException e) when (WholeLineFile.IsDiskFull(e))
        {
            diskFull(e);
            return pending.Select(p => p with { Status = TrialStatus.Failed, Reason = TrainingRun.DiskFull(e) }).ToList();
        }
        foreach (var record in records)
            if (record.Reason?.StartsWith(TrainingRun.DiskFullPrefix + ": ", StringComparison.Ordinal) == true)
                diskFull(new IOException(record.Reason[(TrainingRun.DiskFullPrefix.Length + 2)..]));
        return records;
    }

    /// <summary>
    /// The process is ending under the sweep (a trial's component called Environment.Exit): the trials running then
    /// are recorded failed with the reason, in the state file and in trials.json (status failed), before the process
    /// goes; a resume runs them again. The handler runs on another thread than the one that called Exit, so with
    /// several trials running it cannot tell which one did: the reason names them all.
    /// </summary>
    private void RecordProcessExit(ManifestStore store, StateLog state, ILogger log)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var running = store.Running();
        string names = string.Join(", ", running.Select(r => $"{r.Index} ({r.Label})"));
        string reason = running.Count == 1
            ? $"the process was ended (Environment.Exit) while trial {names} ran: a component it runs (a plugin's layer, cost, optimizer or initializer) called it"
            : $"the process was ended (Environment.Exit) while trials {names} ran: a component of one of them (a plugin's layer, cost, optimizer or initializer) called it";
        foreach (var record in running)
        {
            var ended = record with { Status = TrialStatus.Failed, Reason = running.Count == 1 ? ProcessExitGuard.Reason : reason, FinishedUtc = now };
            store.Update(ended);
            try
            {
                state.Append(TrialEvent.Of(ended, state.Worker, now));
            }
            catch (IOException)
            {
                // A full disk as well: trials.json below may still say it, and a resume reruns the trial either way.
            }
        }
        log.LogError("{Reason}", reason);
        store.Seal(m => m with { Status = SweepStatus.Failed, Reason = reason, UpdatedUtc = now });
    }

    /// <summary>
    /// A resume reruns every trial that did not complete or diverge: their latest state (running when killed, failed,
    /// cancelled, crashed) is reset to pending in this run's state file, so the merged view says what is to come. A
    /// preempted trial stays preempted: whoever runs it next continues it from its checkpoint.
    /// </summary>
    private static void ResetUnfinished(StateLog state, SweepManifest manifest, IReadOnlyList<TrialRecord> earlier, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var trial in manifest.Trials)
            if (!trial.IsFinal && trial.Status != TrialStatus.Preempted && trial.Index < earlier.Count
                && earlier[trial.Index].Status != TrialStatus.Pending)
                state.Append(TrialEvent.Of(trial, state.Worker, now));
    }

    /// <summary>What every trial of one run shares: who hears about them.</summary>
    private sealed record TrialContext(ManifestStore Store, SweepProgress Progress, ILogger Log, int ToRun);

    private static void Report(TrialRecord finished, TrialContext context)
    {
        context.Progress.Finished(finished);
        var counts = context.Progress.Read();
        context.Log.TrialFinished(finished.Index, finished.Label, Text(finished.Status), finished.FinalCost, finished.WallTimeSeconds,
            finished.Reason is null ? "" : $" ({finished.Reason})", counts.Done, context.ToRun, counts.Failed);
    }

    /// <summary>
    /// Cancelled when the user cancelled and it cost a trial (one cancelled or never run: a Ctrl+C after the last
    /// trial ended changes nothing); else stopped when a failure stopped it; else completed.
    /// </summary>
    private static SweepStatus StatusOf(IReadOnlyList<TrialRecord> trials, bool cancelRequested, bool stopped) =>
        cancelRequested && trials.Any(t => t.Status is TrialStatus.Cancelled or TrialStatus.Preempted || !t.HasEnded) ? SweepStatus.Cancelled
        : stopped ? SweepStatus.Stopped
        : SweepStatus.Completed;

    /// <summary>
    /// <c>nnlab sweep status DIR</c>: merges the state files of the sweep in <paramref name="directory"/> and rewrites
    /// trials.json, summary.csv, groups.csv and costs.csv from them (each atomically). Needs no plugin and loads no
    /// trial, so it can run anywhere the folder is seen, while workers run.
    /// </summary>
    /// <param name="directory">The sweep folder.</param>
    /// <param name="time">Stamps trials.json.</param>
    /// <param name="amend">Changes each merged record before anything is written (a launcher adds where a trial's log is).</param>
    /// <param name="status">The sweep's status to record (a launcher that knows better, e.g. from its queue); default: as
    /// trials.json says, completed once every trial has ended.</param>
    public static SweepOutcome Merge(string directory, TimeProvider time, Func<TrialRecord, TrialRecord>? amend = null, SweepStatus? status = null)
    {
        if (!Directory.Exists(directory) || !File.Exists(Path.Combine(directory, SweepFiles.Manifest)))
            throw new SweepFolderException($"'{directory}' is not a sweep folder: {(Directory.Exists(directory) ? "it has no trials.json" : "no such folder")}.");
        var folder = RunFolder.Existing(directory);
        var manifest = ManifestFile.Read(folder.PathOf(SweepFiles.Manifest));
        using var merged = new SweepState(folder.FullPath, manifest);
        merged.Refresh();
        if (amend is not null) merged.Amend(amend);
        var records = merged.Records;
        status ??= manifest.Status == SweepStatus.Running && records.All(r => r.HasEnded) ? SweepStatus.Completed : manifest.Status;
        var results = SweepResults.Write(folder, merged, manifest.ParameterNames, manifest.Repeats, manifest.Splits);
        ManifestFile.Write(folder.PathOf(SweepFiles.Manifest), manifest with { Status = status.Value, UpdatedUtc = time.GetUtcNow().UtcDateTime, Trials = records });
        return new SweepOutcome(folder, status.Value, results, 0, TimeSpan.Zero) { RankBy = manifest.RankBy, Repeats = manifest.Repeats, Records = records };
    }

    /// <summary>
    /// Readies a sweep folder for trials run by workers this process does not watch (a cluster launcher): opens it (new,
    /// or the --resume folder after checking the definition), writes trials.json with every trial pending except those
    /// an earlier run completed or saw diverge, and resets the unfinished ones to pending in a state file of its own.
    /// </summary>
    /// <returns>The folder, its new manifest, and the trials to run.</returns>
    /// <exception cref="SweepFolderException">--out is not new or empty, or --resume names no folder of this sweep.</exception>
    public static (RunFolder Folder, SweepManifest Manifest, IReadOnlyList<int> ToRun) Prepare(Sweep sweep, SweepRunOptions options, TimeProvider time)
    {
        var (folder, previous) = SweepFolders.Open(sweep, options, time.GetUtcNow());
        IReadOnlyList<TrialRecord>? earlier = previous is null ? null : ReadRecords(folder.FullPath, previous);
        var manifest = NewManifest(sweep, earlier, SweepSplits.Of(sweep), options.TrialFiles, time);
        ManifestFile.Write(folder.PathOf(SweepFiles.Manifest), manifest);
        if (earlier is not null)
        {
            using var state = StateLog.Open(folder.FullPath, "sweep");
            ResetUnfinished(state, manifest, earlier, time);
        }
        return (folder, manifest, ToRun(manifest));
    }

    /// <summary>
    /// The trials not completed or diverged, by number (their statuses read without making their records): for a new
    /// sweep, all of them, as a view rather than a list (4 MB at 1,000,000 trials, held until the sweep ends).
    /// </summary>
    private static IReadOnlyList<int> ToRun(SweepManifest manifest)
    {
        var trials = (TrialRecordTable)manifest.Trials;
        var toRun = Enumerable.Range(0, trials.Count).Where(i => trials.Status(i) is not (TrialStatus.Completed or TrialStatus.Diverged));
        return toRun.Count() == trials.Count ? new IndexedList<int>(trials.Count, static i => i) : toRun.ToList();
    }

    /// <summary>Every trial's record as the state files of the sweep in <paramref name="directory"/> tell it (nothing is written).</summary>
    public static IReadOnlyList<TrialRecord> ReadRecords(string directory, SweepManifest manifest)
    {
        using var merged = new SweepState(Path.GetFullPath(directory), manifest);
        merged.Refresh();
        return merged.Records;
    }

    // Statuses read the same in the log as in trials.json: "completed", not "Completed".
    private static string Text<T>(T status) where T : struct, Enum => status.ToString().ToLowerInvariant();

    /// <summary>
    /// The manifest a run starts from: every trial pending, except those an earlier run (as its state files and
    /// manifest tell) completed or saw diverge, which keep their records, and those it left preempted, which stay so
    /// (to be continued from their checkpoints).
    /// </summary>
    private static SweepManifest NewManifest(Sweep sweep, IReadOnlyList<TrialRecord>? earlier, SweepSplits splits, SweepTrialFiles? trialFiles,
        TimeProvider time)
    {
        // Each trial's identity comes from the sweep when its record is read: the table holds only what changes.
        string[] names = sweep.ParameterNames.ToArray();
        var trials = new TrialRecordTable(sweep.Trials.Count, i =>
        {
            var t = sweep.Trials[i];
            return new TrialRecord(i, t.Id, t.Label, new TrialParameters(names, t.Parameters.Select(p => p.Value).ToArray()),
                TrialStatus.Pending, null, SweepFiles.TrialFolder(t.Label));
        }, i => sweep.Trials[i].Id, sourcePending: true);
        for (int i = 0; earlier is not null && i < Math.Min(earlier.Count, trials.Count); i++)
        {
            if (earlier[i] is { } p && (p.IsFinal || p.Status == TrialStatus.Preempted) && p.Index == i && p.Id == trials.Id(i))
                trials.Set(p);
        }
        return new SweepManifest(SweepManifest.CurrentFormat, sweep.Name, sweep.SourceFile, sweep.DefinitionHash,
            sweep.Settings.Mode, sweep.Settings.Repeats, sweep.Settings.OnError, sweep.Settings.RankBy, sweep.ParameterNames,
            sweep.Overrides.Select(o => o.ToString()).ToList(), SweepStatus.Running, time.GetUtcNow().UtcDateTime, trials)
        {
            SourceDirectory = SourceDirectoryOf(sweep.SourceFile),
            TrialFiles = trialFiles ?? sweep.Settings.TrialFiles,
            ValidationSplit = splits.Validation,
            TestSplit = splits.Test,
        };
    }

    private static string? SourceDirectoryOf(string sourceFile)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(sourceFile));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
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
        // One pass over the trials for the counts, one for the best: each record is made as it is read.
        var counts = outcome.Trials.CountBy(t => t.Status).ToDictionary();
        int Count(TrialStatus status) => counts.GetValueOrDefault(status);
        var metric = SweepMetrics.Of(outcome.RankBy);
        var (label, value) = outcome.Repeats > 1
            ? outcome.BestGroup is { } group ? (group.Label, group.Statistics(metric)?.Mean) : (null, null)
            : outcome.Best is { } best ? (best.Label, best.Metric(metric)) : (null, (double?)null);
        string rankedBy = (outcome.Repeats > 1 ? "mean " : "") + outcome.RankBy.Words();
        log.SweepFinished(Text(outcome.Status), outcome.WallTime.TotalSeconds, Count(TrialStatus.Completed), Count(TrialStatus.Diverged),
            Count(TrialStatus.Failed) + Count(TrialStatus.Crashed),
            Count(TrialStatus.Pending) + Count(TrialStatus.Running) + Count(TrialStatus.Cancelled) + Count(TrialStatus.Preempted),
            rankedBy, label, value);
    }
}
