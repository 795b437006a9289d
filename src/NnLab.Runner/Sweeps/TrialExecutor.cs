using NnLab.Experiments;
using Microsoft.Extensions.Logging;
using NnLab.Experiments.Sweeps;
using NnLab.Numerics;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.IO;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs one trial of a sweep in this process and records it in this process's state file: a <c>running</c> event
/// before, the outcome (with the cost curve) after. A lean trial trains in memory and writes nothing else; a full
/// one writes an ordinary run folder, without checkpoints. Whatever the trial throws becomes a failed record. A trial
/// that met a full disk is failed with a reason starting "disk full"; a state line the full disk refuses throws (the
/// file keeps whole lines).
/// </summary>
/// <remarks>
/// <para>
/// A cancelled trial is recorded <c>preempted</c> instead when <paramref name="preempted"/> says, as it stops, that the
/// cancellation is a preemption (a Slurm task warned of its time limit). Only then does it write a checkpoint: the
/// trainer hands one over on cancellation (no periodic ones), and the trial keeps it in its folder,
/// <c>trials/NNN-label/checkpoints/last</c> — a full trial's own run folder, or for a lean trial a folder written at
/// that moment (config, cost.csv so far, summary.json, the checkpoint). A trial that is not preempted writes no
/// checkpoint, so a lean one still writes nothing at all.
/// </para>
/// <para>
/// A trial whose record says <c>preempted</c> is continued from that checkpoint (<see cref="RunResumption"/>) rather
/// than started over: it trains only the epochs after it, and ends with the numbers (and a full trial with the files)
/// of an uninterrupted run. Once it has ended otherwise than preempted again, a lean trial's folder is removed and a
/// full trial's checkpoint too. Without a usable checkpoint (none was written, or it does not fit the trial) it starts
/// over, with the same bits, only later.
/// </para>
/// </remarks>
internal sealed class TrialExecutor(ExperimentRunner runner, TimeProvider time, RunFolder folder, SweepTrialFiles files, StateLog state,
    Func<bool>? preempted = null)
{
    private readonly Func<bool> _preempted = preempted ?? (() => false);

    public StateLog State => state;

    /// <param name="trial">The trial to run.</param>
    /// <param name="pending">
    /// Its record as it stands (fixed fields: index, id, label, parameters, folder; status <c>preempted</c>: continue it).
    /// </param>
    /// <param name="log">Where a failure to run it is logged.</param>
    /// <param name="cancellation">Cancels its training (it is then recorded cancelled, or preempted).</param>
    public async Task<TrialRecord> RunAsync(SweepTrial trial, TrialRecord pending, ILogger log, CancellationToken cancellation)
    {
        string path = PathOf(trial);
        Experiment experiment;
        try
        {
            experiment = trial.Experiment; // once: a large sweep's trial loads it again on each access
        }
        catch (InvalidOperationException e)
        {
            return Finish(Failed(Start(pending, null), trial, e, time.GetTimestamp(), log), []);
        }
        var continuation = pending.Status == TrialStatus.Preempted ? Continuation(trial, experiment, path, log) : null;
        var started = Start(pending, continuation?.Epoch);
        TrialRecord finished;
        IReadOnlyList<CostRecord> curve;
        // The continuation holds the folder's run.lock until its run has ended.
        using (continuation) (finished, curve) = await ExecuteAsync(trial, experiment, started, path, continuation, log, cancellation);
        Finish(finished, curve);
        if (continuation is not null && finished.Status != TrialStatus.Preempted) Tidy(path, finished, log);
        return finished;
    }

    /// <summary>
    /// Runs a unit of trials (<see cref="TrialPool.UnitsOf"/>; <paramref name="pending"/>: their records as they stand):
    /// lean trials of several together, in one call, so that those sharing a model shape train side by side in lanes
    /// (no checkpoint on preemption: they start over); otherwise one by one. Returns their records in order.
    /// </summary>
    public async Task<IReadOnlyList<TrialRecord>> RunAsync(IReadOnlyList<SweepTrial> trials, IReadOnlyList<TrialRecord> pending, ILogger log,
        CancellationToken cancellation)
    {
        if (trials.Count == 1 || files == SweepTrialFiles.Full || pending.Any(p => p.Status == TrialStatus.Preempted))
        {
            var records = new List<TrialRecord>();
            for (int i = 0; i < trials.Count; i++) records.Add(await RunAsync(trials[i], pending[i], log, cancellation));
            return records;
        }
        var started = pending.Select(p => Start(p, null)).ToList();
        long start = time.GetTimestamp();
        try
        {
            foreach (var trial in trials) RemoveUnfinished(PathOf(trial));
            var experiments = trials.Select(t => t.Experiment).ToList();
            var outcomes = runner.RunInMemoryTogether(experiments, cancellation);
            return started.Select((s, i) =>
            {
                var (record, curve) = Record(s, experiments[i], PathOf(trials[i]), outcomes[i].Summary, outcomes[i].Costs);
                return Finish(record, curve);
            }).ToList();
        }
        catch (Exception e)
        {
            return started.Select((s, i) => Finish(Failed(s, trials[i], e, start, log), [])).ToList();
        }
    }

    private string PathOf(SweepTrial trial) => Path.Combine(folder.FullPath, SweepFiles.Trials, trial.Label);

    /// <summary>Records the trial running (continuing from <paramref name="resumedFrom"/> when given).</summary>
    private TrialRecord Start(TrialRecord pending, int? resumedFrom)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var started = new TrialRecord(pending.Index, pending.Id, pending.Label, pending.Parameters, TrialStatus.Running, null,
            pending.RunFolder, StartedUtc: now, ResumedFromEpoch: resumedFrom);
        state.Append(TrialEvent.Of(started, state.Worker, now));
        return started;
    }

    private TrialRecord Finish(TrialRecord finished, IReadOnlyList<CostRecord> curve)
    {
        state.Append(TrialEvent.Of(finished, state.Worker, time.GetUtcNow().UtcDateTime, curve));
        return finished;
    }

    /// <summary>
    /// The checkpoint a preemption kept in the trial's folder, opened and checked against the trial; null (the trial
    /// starts over) when there is none or it does not fit.
    /// </summary>
    private static RunResumption? Continuation(SweepTrial trial, Experiment experiment, string path, ILogger log)
    {
        if (!Directory.Exists(path)) return null;
        RunResumption? resumption = null;
        try
        {
            resumption = RunResumption.Open(path);
            if (resumption.Checkpoint is null)
            {
                resumption.Dispose();
                return null;
            }
            // The folder must hold this trial's configuration, not some other run put there.
            if (!resumption.ResolvedConfigText.EndsWith(experiment.ResolvedYaml, StringComparison.Ordinal))
                throw new RunFolderException($"'{path}' holds another configuration than trial {trial.Index}'s");
            resumption.Check(experiment);
            return resumption;
        }
        catch (Exception e) when (e is RunFolderException or IOException or UnauthorizedAccessException)
        {
            resumption?.Dispose();
            log.LogWarning("Trial {Trial} {Label} was preempted but cannot continue from its checkpoint, so it starts over: {Reason}",
                trial.Index, trial.Label, e.Message);
            return null;
        }
    }

    private async Task<(TrialRecord, IReadOnlyList<CostRecord>)> ExecuteAsync(SweepTrial trial, Experiment experiment, TrialRecord started,
        string path, RunResumption? continuation, ILogger log, CancellationToken cancellation)
    {
        long start = time.GetTimestamp();
        try
        {
            RunSummary summary;
            IReadOnlyList<CostRecord> costs;
            if (continuation is not null)
            {
                var outcome = await runner.ResumeAsync(continuation, experiment, new RunOptions { Preempted = _preempted }, cancellation);
                (summary, costs) = (outcome.Summary, outcome.Costs);
            }
            else if (files == SweepTrialFiles.Full)
            {
                // A trial rerun by a resume starts from an empty folder: its earlier, unfinished files must not mix in.
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                var outcome = await runner.RunAsync(experiment,
                    new RunOptions { OutputDirectory = path, Checkpoints = false, Preempted = _preempted }, cancellation);
                (summary, costs) = (outcome.Summary, outcome.Costs);
            }
            else
            {
                RemoveUnfinished(path);
                (summary, costs) = runner.RunInMemory(experiment, cancellation, new PreemptionFolder(path, _preempted));
            }
            return Record(started, experiment, path, summary, costs);
        }
        catch (Exception e)
        {
            return (Failed(started, trial, e, start, log), []);
        }
    }

    /// <summary>The record of a trial that ran to a summary (cancelled by a preemption: preempted), and its cost curve as written.</summary>
    private (TrialRecord, IReadOnlyList<CostRecord>) Record(TrialRecord started, Experiment experiment, string path, RunSummary summary,
        IReadOnlyList<CostRecord> costs)
    {
            var curve = AsWritten(costs, experiment.Precision);
            var status = StatusOf(summary.Status);
            string? reason = summary.Reason;
            if (status == TrialStatus.Cancelled && _preempted())
            {
                status = TrialStatus.Preempted;
                reason = CheckpointFolder.Locate(path, CheckpointFolder.Last) is null
                    ? $"preempted after epoch {summary.EpochsCompleted}; no checkpoint could be kept, so it starts over when it runs again"
                    : $"preempted after epoch {summary.EpochsCompleted}; it continues from its checkpoint ({started.RunFolder}/{CheckpointFolder.Root}/{CheckpointFolder.Last}) when it runs again";
            }
            var record = started with
            {
                Status = status, Reason = reason, FinalCost = summary.FinalCost,
                Accuracy = summary.Accuracy, ValidationCost = summary.Validation?.Cost,
                BestValidationCost = BestValidationCost(summary, curve),
                ValidationAccuracy = summary.Validation?.Accuracy, TestCost = summary.Test?.Cost, TestAccuracy = summary.Test?.Accuracy,
                EpochsCompleted = summary.EpochsCompleted, WallTimeSeconds = summary.WallTimeSeconds, FinishedUtc = time.GetUtcNow().UtcDateTime,
            };
            return (record, curve);
    }

    /// <summary>Training's own exceptions are caught by the trial's runner; this is the rest (its folder, say).</summary>
    private TrialRecord Failed(TrialRecord started, SweepTrial trial, Exception e, long start, ILogger log)
    {
        log.TrialFailed(e, trial.Label, e.Message);
        return started with
        {
            Status = TrialStatus.Failed, Reason = WholeLineFile.DiskFullIn(e) is { } full ? TrainingRun.DiskFull(full) : e.Message,
            WallTimeSeconds = time.GetElapsedTime(start).TotalSeconds, FinishedUtc = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>
    /// After a continued trial ended (not preempted again): a lean trial keeps nothing but its record, so its folder
    /// goes; a full trial's folder stays, without the checkpoint once the trial is completed or diverged (as an
    /// uninterrupted trial's folder, which has none).
    /// </summary>
    private void Tidy(string path, TrialRecord finished, ILogger log)
    {
        try
        {
            if (files != SweepTrialFiles.Full)
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                // trials/ itself, when that was its last folder (a lean sweep has none); another trial may be adding one.
                string trials = Path.Combine(folder.FullPath, SweepFiles.Trials);
                if (Directory.Exists(trials) && !Directory.EnumerateFileSystemEntries(trials).Any()) Directory.Delete(trials);
            }
            else if (finished.IsFinal)
            {
                string checkpoints = Path.Combine(path, CheckpointFolder.Root);
                if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Trial {Trial} {Label}: cannot remove its checkpoint from {Folder}: {Reason}", finished.Index, finished.Label, path, e.Message);
        }
    }

    /// <summary>
    /// A lean trial about to start over removes what an interrupted continuation of it left in its folder (a run that
    /// neither completed nor diverged): nothing of it is used, and a lean trial keeps no folder. A completed run
    /// folder there (one <c>nnlab sweep materialize</c> wrote) stays.
    /// </summary>
    private static void RemoveUnfinished(string path)
    {
        if (!Directory.Exists(path)) return;
        try
        {
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(path, RunFiles.Summary)));
            if (summary.RootElement.GetProperty("status").GetString() is "completed" or "diverged") return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException
                                   or KeyNotFoundException or InvalidOperationException)
        {
            // Not a run folder that ended: the same.
        }
        Directory.Delete(path, recursive: true);
    }

    /// <summary>The costs as cost.csv writes them: a float32 run's as the floats they are, read back.</summary>
    private static IReadOnlyList<CostRecord> AsWritten(IReadOnlyList<CostRecord> rows, Precision precision)
    {
        if (precision != Precision.Float32) return rows;
        static double? Round(double? v) =>
            v is { } x ? double.Parse(Csv.Number(x, Precision.Float32), System.Globalization.CultureInfo.InvariantCulture) : null;
        return rows.Select(r => r with { Cost = Round(r.Cost)!.Value, ValidationCost = Round(r.ValidationCost) }).ToList();
    }

    /// <summary>
    /// The lowest validation cost in the trial's curve; under early stopping the one recorded at the epoch whose
    /// weights were kept (which min_delta may make other than the lowest), else the kept weights' own.
    /// </summary>
    private static double? BestValidationCost(RunSummary summary, IReadOnlyList<CostRecord> curve)
    {
        if (summary.Validation is null) return null;
        if (summary.BestEpoch is { } kept)
        {
            foreach (var row in curve)
                if (row.Epoch == kept) return row.ValidationCost ?? summary.Validation.Cost;
            return summary.Validation.Cost;
        }
        double? best = null;
        foreach (var row in curve)
            if (row.ValidationCost is { } v && double.IsFinite(v) && (best is null || v < best)) best = v;
        return best;
    }

    internal static TrialStatus StatusOf(RunStatus status) => status switch
    {
        RunStatus.Completed => TrialStatus.Completed,
        RunStatus.Diverged => TrialStatus.Diverged,
        RunStatus.Cancelled => TrialStatus.Cancelled,
        _ => TrialStatus.Failed,
    };
}
