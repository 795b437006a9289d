using Microsoft.Extensions.Logging;
using NnLab.Experiments.Sweeps;
using NnLab.Numerics;
using NnLab.Runner.IO;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs one trial of a sweep in this process and records it in this process's state file: a <c>running</c> event
/// before, the outcome (with the cost curve) after. A lean trial trains in memory and writes nothing else; a full
/// one writes an ordinary run folder, without checkpoints. Whatever the trial throws becomes a failed record. A
/// cancelled trial is recorded <c>preempted</c> instead when <paramref name="preempted"/> says the cancellation was a
/// preemption (a Slurm task warned of its time limit): it is to run again, not given up. A trial that met a full disk
/// is failed with a reason starting "disk full"; a state line the full disk refuses throws (the file keeps whole lines).
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
        var now = time.GetUtcNow().UtcDateTime;
        var started = new TrialRecord(pending.Index, pending.Id, pending.Label, pending.Parameters, TrialStatus.Running, null,
            pending.RunFolder, StartedUtc: now);
        state.Append(TrialEvent.Of(started, state.Worker, now));
        var (finished, curve) = await ExecuteAsync(trial, started, log, cancellation);
        state.Append(TrialEvent.Of(finished, state.Worker, time.GetUtcNow().UtcDateTime, curve));
        return finished;
    }

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
        catch (Exception e)
        {
            // Training's own exceptions are caught by the trial's runner; this is the rest (its folder, say).
            log.TrialFailed(e, trial.Label, e.Message);
            return (started with
            {
                Status = TrialStatus.Failed, Reason = WholeLineFile.DiskFullIn(e) is { } full ? TrainingRun.DiskFull(full) : e.Message, WallTimeSeconds = time.GetElapsedTime(start).TotalSeconds,
                FinishedUtc = time.GetUtcNow().UtcDateTime,
            }, []);
        }
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
