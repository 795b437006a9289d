using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// STAND-IN for the sweepscale branch's worker (drop at merge time): runs trials A..B of a sweep folder on a pool,
/// each into its trial folder, recording each in its own state file (<see cref="SweepStateStub"/>). Trials already
/// completed or diverged are skipped; a trial whose folder has a checkpoint continues from it (nnlab run --resume),
/// so a requeued Slurm task goes on where it stopped. Cancelled trials are recorded <c>cancelled</c>, or
/// <c>preempted</c> when the file named by <c>NNLAB_PREEMPT_MARKER</c> exists (the batch script creates it when
/// Slurm warns of the time limit, before it sends the worker SIGTERM and requeues the task).
/// </summary>
public sealed class SweepWorkerStub(TimeProvider time)
{
    public const string PreemptMarkerVariable = "NNLAB_PREEMPT_MARKER";

    private readonly ExperimentRunner _trials = new(NullLogger<ExperimentRunner>.Instance, time);

    /// <summary>Runs trials <paramref name="first"/>..<paramref name="last"/>; true when every one of them ran to an end.</summary>
    public async Task<bool> RunAsync(Sweep sweep, string folder, int first, int last, int parallel, CancellationToken cancellation)
    {
        var (_, records) = SweepStateStub.Read(folder);
        var toRun = sweep.Trials.Where(t => t.Index >= first && t.Index <= last && !records[t.Index].IsFinal).ToList();
        await TrialPool.RunAsync(toRun, Math.Max(1, parallel), sweep.Settings.OnError, t => RunTrialAsync(t, records[t.Index], folder, cancellation), cancellation);
        return !cancellation.IsCancellationRequested;
    }

    private async Task<TrialRecord> RunTrialAsync(SweepTrial trial, TrialRecord record, string folder, CancellationToken cancellation)
    {
        var started = record with { Status = TrialStatus.Running, Reason = null, StartedUtc = time.GetUtcNow().UtcDateTime };
        SweepStateStub.Write(folder, started);
        string trialFolder = Path.Combine(folder, SweepFiles.Trials, trial.Label);
        TrialRecord finished;
        try
        {
            var outcome = await RunOrResumeAsync(trial, trialFolder, cancellation);
            var summary = outcome.Summary;
            var status = summary.Status switch
            {
                RunStatus.Completed => TrialStatus.Completed,
                RunStatus.Diverged => TrialStatus.Diverged,
                RunStatus.Cancelled when Preempted() => TrialStatus.Preempted,
                RunStatus.Cancelled => TrialStatus.Cancelled,
                _ => TrialStatus.Failed,
            };
            string? reason = status == TrialStatus.Preempted
                ? $"preempted after epoch {summary.EpochsCompleted}; the requeued task continues from its checkpoint"
                : summary.Reason;
            finished = started with
            {
                Status = status, Reason = reason, FinalCost = summary.FinalCost, Accuracy = summary.Accuracy,
                ValidationCost = summary.Validation?.Cost, BestValidationCost = BestValidationCost(summary, trialFolder),
                ValidationAccuracy = summary.Validation?.Accuracy, TestCost = summary.Test?.Cost, TestAccuracy = summary.Test?.Accuracy,
                EpochsCompleted = summary.EpochsCompleted, WallTimeSeconds = summary.WallTimeSeconds, FinishedUtc = time.GetUtcNow().UtcDateTime,
            };
        }
        catch (Exception e)
        {
            finished = started with { Status = TrialStatus.Failed, Reason = e.Message, FinishedUtc = time.GetUtcNow().UtcDateTime };
        }
        SweepStateStub.Write(folder, finished);
        return finished;
    }

    private async Task<RunOutcome> RunOrResumeAsync(SweepTrial trial, string trialFolder, CancellationToken cancellation)
    {
        RunResumption? resumption = null;
        if (Directory.Exists(trialFolder))
        {
            try
            {
                resumption = RunResumption.Open(trialFolder);
            }
            catch (RunFolderException)
            {
                // No usable checkpoint: the trial starts over.
            }
        }
        if (resumption is not null)
        {
            var loaded = new ExperimentLoader(trial.Experiment.Registry).LoadText(resumption.ResolvedConfigText,
                resumption.ResolvedConfigPath, resumption.DataDirectory);
            if (loaded.Experiment is { } experiment) return await _trials.ResumeAsync(resumption, experiment, new RunOptions(), cancellation);
        }
        if (Directory.Exists(trialFolder)) Directory.Delete(trialFolder, recursive: true);
        return await _trials.RunAsync(trial.Experiment, new RunOptions { OutputDirectory = trialFolder }, cancellation);
    }

    private static bool Preempted() =>
        Environment.GetEnvironmentVariable(PreemptMarkerVariable) is { Length: > 0 } marker && File.Exists(marker);

    private static double? BestValidationCost(RunSummary summary, string trialFolder)
    {
        if (summary.Validation is null) return null;
        var curve = TrialCurve.Read(Path.Combine(trialFolder, RunFiles.Costs));
        if (summary.BestEpoch is { } kept) return curve.ValidationCostAt(kept) ?? summary.Validation.Cost;
        return curve.BestValidationCost;
    }
}
