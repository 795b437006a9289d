using Microsoft.Extensions.Logging;
using NnLab.Experiments.Sweeps;
using NnLab.Numerics;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs one trial of a sweep in this process and records it in this process's state file: a <c>running</c> event
/// before, the outcome (with the cost curve) after. A lean trial trains in memory and writes nothing else; a full
/// one writes an ordinary run folder, without checkpoints. Whatever the trial throws becomes a failed record. A
/// cancelled trial is recorded <c>preempted</c> instead when <paramref name="preempted"/> says the cancellation was a
/// preemption (a Slurm task warned of its time limit): it is to run again, not given up.
/// </summary>
internal sealed class TrialExecutor(ExperimentRunner runner, TimeProvider time, RunFolder folder, SweepTrialFiles files, StateLog state,
    Func<bool>? preempted = null)
{
    public StateLog State => state;

    /// <param name="trial">The trial to run.</param>
    /// <param name="pending">Its record as it stands (fixed fields: index, id, label, parameters, folder).</param>
    /// <param name="log">Where a failure to run it is logged.</param>
    /// <param name="cancellation">Cancels its training (it is then recorded cancelled).</param>
    public async Task<TrialRecord> RunAsync(SweepTrial trial, TrialRecord pending, ILogger log, CancellationToken cancellation)
    {
        var started = Start(pending);
        var (finished, curve) = await ExecuteAsync(trial, started, log, cancellation);
        return Finish(finished, curve);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> (<paramref name="pending"/>: their records as they stand), lean ones together in
    /// one call so that those sharing a model shape train side by side; returns their records in order.
    /// </summary>
    public async Task<IReadOnlyList<TrialRecord>> RunAsync(IReadOnlyList<SweepTrial> trials, IReadOnlyList<TrialRecord> pending, ILogger log,
        CancellationToken cancellation)
    {
        if (trials.Count == 1 || files == SweepTrialFiles.Full)
        {
            var records = new List<TrialRecord>();
            for (int i = 0; i < trials.Count; i++) records.Add(await RunAsync(trials[i], pending[i], log, cancellation));
            return records;
        }
        var started = pending.Select(Start).ToList();
        long start = time.GetTimestamp();
        try
        {
            var outcomes = runner.RunInMemory(trials.Select(t => t.Experiment).ToList(), cancellation);
            return started.Select((s, i) => Finish(Record(s, trials[i], outcomes[i].Summary, outcomes[i].Costs))).ToList();
        }
        catch (Exception e)
        {
            return started.Select((s, i) => Finish(Failed(s, trials[i], e, start, log), [])).ToList();
        }
    }

    private TrialRecord Start(TrialRecord pending)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var started = new TrialRecord(pending.Index, pending.Id, pending.Label, pending.Parameters, TrialStatus.Running, null,
            pending.RunFolder, StartedUtc: now);
        state.Append(TrialEvent.Of(started, state.Worker, now));
        return started;
    }

    private TrialRecord Finish(TrialRecord finished, IReadOnlyList<CostRecord> curve)
    {
        state.Append(TrialEvent.Of(finished, state.Worker, time.GetUtcNow().UtcDateTime, curve));
        return finished;
    }

    private TrialRecord Finish((TrialRecord Record, IReadOnlyList<CostRecord> Curve) finished) => Finish(finished.Record, finished.Curve);

    private async Task<(TrialRecord, IReadOnlyList<CostRecord>)> ExecuteAsync(SweepTrial trial, TrialRecord started, ILogger log,
        CancellationToken cancellation)
    {
        long start = time.GetTimestamp();
        try
        {
            RunSummary summary;
            IReadOnlyList<CostRecord> costs;
            if (files == SweepTrialFiles.Full)
            {
                string path = Path.Combine(folder.FullPath, SweepFiles.Trials, trial.Label);
                // A trial rerun by a resume starts from an empty folder: its earlier, unfinished files must not mix in.
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                var outcome = await runner.RunAsync(trial.Experiment, new RunOptions { OutputDirectory = path, Checkpoints = false }, cancellation);
                (summary, costs) = (outcome.Summary, outcome.Costs);
            }
            else
            {
                (summary, costs) = runner.RunInMemory(trial.Experiment, cancellation);
            }
            return Record(started, trial, summary, costs);
        }
        catch (Exception e)
        {
            return (Failed(started, trial, e, start, log), []);
        }
    }

    /// <summary>The record of a trial that ran to a summary, and its cost curve as written.</summary>
    private (TrialRecord, IReadOnlyList<CostRecord>) Record(TrialRecord started, SweepTrial trial, RunSummary summary, IReadOnlyList<CostRecord> costs)
    {
        var curve = AsWritten(costs, trial.Experiment.Precision);
        var status = StatusOf(summary.Status);
        string? reason = summary.Reason;
        if (status == TrialStatus.Cancelled && preempted?.Invoke() == true)
            (status, reason) = (TrialStatus.Preempted, $"preempted after epoch {summary.EpochsCompleted}; it runs again from the start when its task is requeued");
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
            Status = TrialStatus.Failed, Reason = e.Message, WallTimeSeconds = time.GetElapsedTime(start).TotalSeconds,
            FinishedUtc = time.GetUtcNow().UtcDateTime,
        };
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
