using Microsoft.Extensions.Logging;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Numerics;
using NnLab.Runner.Logging;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;
using NnLab.Training;

namespace NnLab.Runner;

/// <summary>
/// Runs one validated experiment into a run folder: writes the configuration, trains (on its own thread, so a
/// monitor can draw progress and cancellation stays responsive), then writes cost.csv, predictions.csv,
/// weights.json and summary.json, all atomically, whether training completed, was cancelled or diverged.
/// </summary>
public sealed class ExperimentRunner
{
    private readonly ILogger<ExperimentRunner> _logger;
    private readonly TimeProvider _time;

    public ExperimentRunner(ILogger<ExperimentRunner> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// Creates the run folder and runs <paramref name="experiment"/> into it. Cancelling <paramref name="cancellation"/>
    /// stops training after the current epoch; every file is still written and the status is "cancelled".
    /// </summary>
    /// <exception cref="RunFolderException">The run folder cannot be created or is not empty.</exception>
    public async Task<RunOutcome> RunAsync(Experiment experiment, RunOptions options, CancellationToken cancellation = default)
    {
        var startedUtc = _time.GetUtcNow();
        long startTimestamp = _time.GetTimestamp();
        var folder = options.OutputDirectory is null
            ? RunFolder.CreateTimestamped(options.RunsRoot, experiment.Name, startedUtc)
            : RunFolder.CreateAt(options.OutputDirectory);

        using var runLog = RunLog.Open(folder.PathOf(RunFiles.Log), _logger, typeof(ExperimentRunner).FullName!);
        var log = runLog.Logger;
        log.RunStarted(experiment.Name, experiment.Seed, experiment.Training.Epochs, folder.DisplayPath);
        if (experiment.Overrides.Count > 0) log.OverridesApplied(experiment.Overrides.Select(o => o.ToString()).ToList());
        ConfigFiles.Write(folder, experiment);

        var training = await TrainAsync(experiment, log, options.Monitor, cancellation);
        double? accuracy = WriteResults(folder, experiment, training);
        var summary = Summarize(experiment, training, accuracy, folder, startedUtc, _time.GetElapsedTime(startTimestamp)) with
        {
            BestEpoch = training.Result?.BestEpoch,
            StoppedEarly = training.Result?.StoppedEarly ?? false,
            DataSha256 = experiment.Data.Sha256,
            ClassLabels = experiment.Data.ClassLabels,
        };
        if (training.Session is { } trained) summary = WithSplitMetrics(summary, experiment, trained);
        SummaryJson.Write(folder.PathOf(RunFiles.Summary), summary);
        log.RunFinished(summary.Status, summary.EpochsCompleted, summary.FinalCost, summary.Accuracy, summary.WallTimeSeconds);
        return new RunOutcome(folder, summary);
    }

    private static async Task<TrainingRun> TrainAsync(Experiment experiment, ILogger log, ITrainingMonitor? monitor,
        CancellationToken cancellation)
    {
        var recorder = new CostRecorder(experiment.Training, log, experiment.Precision);
        var progress = new TrainingProgress(experiment.Training.Epochs);
        // A dedicated thread: training is long, CPU-bound and synchronous; it must not hold a pool thread.
        var training = Task.Factory.StartNew(() =>
        {
            var session = experiment.CreateSession();
            return (session, result: session.Train(recorder, progress, cancellation));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await WatchAsync(monitor, progress, training, log);
        try
        {
            var (session, result) = await training;
            return new TrainingRun(session, result, null, recorder.Rows, result.EpochsCompleted);
        }
        catch (Exception e)
        {
            log.TrainingFailed(e, e.Message);
            return new TrainingRun(null, null, e, recorder.Rows, progress.CompletedEpochs);
        }
    }

    /// <summary>A broken progress display must not lose the run: it is logged and training carries on.</summary>
    private static async Task WatchAsync(ITrainingMonitor? monitor, TrainingProgress progress, Task training, ILogger log)
    {
        if (monitor is null) return;
        try
        {
            await monitor.WatchAsync(progress, training);
        }
        catch (Exception e) when (!training.IsFaulted)
        {
            log.MonitorFailed(e, e.Message);
        }
        catch
        {
            // The monitor passed on training's own exception; TrainAsync reports that one.
        }
    }

    /// <summary>Writes cost.csv, and predictions.csv and weights.json when there is a trained network; returns the accuracy.</summary>
    private static double? WriteResults(RunFolder folder, Experiment experiment, TrainingRun training)
    {
        CostCsv.Write(folder.PathOf(RunFiles.Costs), training.Costs, experiment.Precision);
        if (training is not { Session: { } session, Result: { } result }) return null;

        var splits = experiment.Data.Splits()
            .Select(s => (s.Name, s.Split, s.Name == DataSplit.TrainName ? result.Predictions : session.Score(s.Split).Outputs))
            .ToList();
        PredictionsCsv.Write(folder.PathOf(RunFiles.Predictions), experiment.Data, splits, experiment.PredictionThreshold, experiment.Precision);
        WeightsJson.Write(folder.PathOf(RunFiles.Weights), experiment.Model, session.InitialParameters,
            session.SnapshotParameters(), experiment.Precision);
        return Classification.Accuracy(result.Predictions, experiment.Data.Targets, experiment.PredictionThreshold);
    }

    /// <summary>
    /// Scores the kept weights on every split: training and validation as the run ends, test once, here, and only
    /// here (nothing during training looks at it).
    /// </summary>
    private static RunSummary WithSplitMetrics(RunSummary summary, Experiment experiment, ExperimentSession session)
    {
        SplitMetrics Score(DataSplit split)
        {
            var (cost, outputs) = session.Score(split);
            return SplitMetrics.Compute(ReportedNumber.In(experiment.Precision, cost), outputs, split.Targets,
                experiment.PredictionThreshold, experiment.Data.ClassLabels);
        }
        var data = experiment.Data;
        return summary with
        {
            Train = Score(new DataSplit(data.Inputs, data.Targets)),
            Validation = data.Validation is { } validation ? Score(validation) : null,
            Test = data.Test is { } test ? Score(test) : null,
        };
    }

    private static RunSummary Summarize(Experiment experiment, TrainingRun training, double? accuracy, RunFolder folder,
        DateTimeOffset startedUtc, TimeSpan wallTime) =>
        new(
            Status: training.Status,
            Reason: training.Reason,
            Name: experiment.Name,
            Seed: experiment.Seed,
            EpochsRequested: experiment.Training.Epochs,
            EpochsCompleted: training.EpochsCompleted,
            FinalCost: ReportedNumber.In(experiment.Precision, training.Result?.FinalCost),
            LastEpochCost: ReportedNumber.In(experiment.Precision, training.LastEpochCost),
            Accuracy: accuracy,
            WallTimeSeconds: wallTime.TotalSeconds,
            NnlabVersion: NnLabVersion.Current,
            Kernels: MatrixOperations.Name(experiment.Kernels),
            Precision: experiment.Precision.Name(),
            BatchSize: experiment.Training.EffectiveBatchSize(experiment.Data.Inputs.Cols),
            Overrides: experiment.Overrides.Select(o => o.ToString()).ToList(),
            RunFolder: folder.DisplayPath,
            StartedUtc: startedUtc.UtcDateTime);
}
