using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NnLab.Runner.IO;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Numerics;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.Logging;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Runner;

/// <summary>
/// Runs one validated experiment into a run folder: writes the configuration and a summary saying "running", trains
/// (on its own thread, so a monitor can draw progress and cancellation stays responsive) appending each recorded
/// epoch to cost.csv and keeping <c>checkpoints/last</c> current, then writes predictions.csv, weights.json and the
/// final summary.json atomically, whether training completed, was cancelled or diverged. A run that was killed or
/// cancelled continues from its checkpoint with <see cref="ResumeAsync"/>.
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
    /// <remarks>The run holds the folder's <c>run.lock</c> while it works (a <c>--resume</c> of it meanwhile is refused).</remarks>
    public async Task<RunOutcome> RunAsync(Experiment experiment, RunOptions options, CancellationToken cancellation = default)
    {
        var startedUtc = _time.GetUtcNow();
        long startTimestamp = _time.GetTimestamp();
        if (options.Preempted is not null) experiment = CheckpointOnCancelOnly(experiment);
        var folder = options.OutputDirectory is null
            ? RunFolder.CreateTimestamped(options.RunsRoot, experiment.Name, startedUtc)
            : RunFolder.CreateAt(options.OutputDirectory);
        // Held while the run works: a `nnlab run --resume` of this folder meanwhile is refused, not run alongside.
        using var runLock = FolderLock.ForRun(folder.FullPath);

        NnLab.Diagnostics.StartupTrace.Mark("run folder");
        using var runLog = RunLog.Open(folder.PathOf(RunFiles.Log), _logger, typeof(ExperimentRunner).FullName!);
        var log = runLog.Logger;
        log.RunStarted(experiment.Name, experiment.Seed, experiment.Training.Epochs, folder.DisplayPath);
        NnLab.Diagnostics.StartupTrace.Mark("run log");
        var overrides = experiment.Overrides.Select(o => o.ToString()).ToList();
        if (overrides.Count > 0) log.OverridesApplied(overrides);
        ConfigFiles.Write(folder, experiment);
        NnLab.Diagnostics.StartupTrace.Mark("config files");
        var run = new Run(folder, experiment, overrides, startedUtc, log);
        SummaryJson.Write(folder.PathOf(RunFiles.Summary), Summarize(run, null, null, TimeSpan.Zero));
        NnLab.Diagnostics.StartupTrace.Mark("summary.json (running)");
        using var exitGuard = ExitGuard(run, startTimestamp);
        using var reserve = DiskReserve.Create(folder.FullPath);

        using var costs = CsvAppender.Create(folder.PathOf(RunFiles.Costs), CostCsv.ColumnsFor(experiment));
        var recorder = new CostRecorder(experiment.Training, log, experiment.Precision, costs);
        var checkpoints = options.Checkpoints || options.Preempted is not null
            ? new Checkpointer(run, costs, experiment.Data.ValuesSha256(), DataDirectoryOf(experiment), options.Preempted)
            : null;
        NnLab.Diagnostics.StartupTrace.Mark("cost.csv, checkpointer");
        var training = await TrainAsync(experiment, log, options.Monitor, recorder, checkpoints, null, null, cancellation);
        NnLab.Diagnostics.StartupTrace.Mark("training");
        var outcome = Finish(run, training, startTimestamp, reserve);
        NnLab.Diagnostics.StartupTrace.Mark("results and summary.json");
        return outcome;
    }

    /// <summary>
    /// Continues the run <paramref name="resumption"/> opened, with <paramref name="experiment"/> loaded from its
    /// config.resolved.yaml: from its checkpoint's epoch, cost.csv cut back to the rows recorded then and appended
    /// to, log.jsonl appended to, and predictions.csv, weights.json and summary.json written at the end as the
    /// uninterrupted run writes them.
    /// </summary>
    /// <exception cref="RunFolderException">The checkpoint does not fit the experiment (nothing is changed then).</exception>
    public async Task<RunOutcome> ResumeAsync(RunResumption resumption, Experiment experiment, RunOptions options,
        CancellationToken cancellation = default)
    {
        var startedUtc = _time.GetUtcNow();
        long startTimestamp = _time.GetTimestamp();
        var checkpoint = resumption.Checkpoint;
        if (options.Preempted is not null) experiment = CheckpointOnCancelOnly(experiment);
        var session = resumption.Check(experiment);
        var folder = resumption.Folder;

        // Every check passed: from here on the folder changes.
        resumption.Prepare();
        using var runLog = RunLog.Open(folder.PathOf(RunFiles.Log), _logger, typeof(ExperimentRunner).FullName!);
        var log = runLog.Logger;
        log.RunResumed(experiment.Name, resumption.Epoch, experiment.Training.Epochs, folder.DisplayPath);
        var run = new Run(folder, experiment, resumption.Overrides, startedUtc, log);
        SummaryJson.Write(folder.PathOf(RunFiles.Summary), Summarize(run, null, null, TimeSpan.Zero));
        using var exitGuard = ExitGuard(run, startTimestamp);
        using var reserve = DiskReserve.Create(folder.FullPath);

        // Without a checkpoint the run starts over: cost.csv keeps only its header.
        using var costs = checkpoint is null
            ? CsvAppender.Create(folder.PathOf(RunFiles.Costs), CostCsv.ColumnsFor(experiment))
            : CsvAppender.Continue(folder.PathOf(RunFiles.Costs), CostCsv.ColumnsFor(experiment), checkpoint.CostBytes, checkpoint.CostRows);
        var recorder = new CostRecorder(experiment.Training, log, experiment.Precision, costs, resumption.EarlierCosts);
        var checkpoints = new Checkpointer(run, costs, checkpoint?.DataSha256 ?? experiment.Data.ValuesSha256(),
            checkpoint?.DataDirectory ?? DataDirectoryOf(experiment), options.Preempted);
        var training = await TrainAsync(experiment, log, options.Monitor, recorder, checkpoints, session, checkpoint?.Training, cancellation);
        return Finish(run, training, startTimestamp, reserve);
    }

    /// <summary>One run's fixed facts, shared by its summary and its checkpoints.</summary>
    private sealed record Run(RunFolder? Folder, Experiment Experiment, IReadOnlyList<string> Overrides, DateTimeOffset StartedUtc,
        ILogger Log);

    /// <summary>
    /// Trains <paramref name="experiment"/> on the calling thread and writes nothing: no folder, no log, no checkpoint.
    /// The summary and costs are those <see cref="RunAsync"/> would write (a sweep's lean trial keeps just these).
    /// </summary>
    /// <param name="experiment">What to train.</param>
    /// <param name="cancellation">Stops training after the current epoch (the summary then says cancelled).</param>
    /// <param name="preemption">
    /// Where the run is kept when it is preempted: cancelled while <see cref="PreemptionFolder.IsPreemption"/> says so,
    /// the run writes the folder <see cref="ResumeAsync"/> continues it from — config.yaml, config.resolved.yaml,
    /// cost.csv of the epochs recorded so far, summary.json (cancelled) and checkpoints/last — and nothing else.
    /// Otherwise nothing is written, as without it (and no periodic checkpoint is taken).
    /// </param>
    public (RunSummary Summary, IReadOnlyList<CostRecord> Costs) RunInMemory(Experiment experiment, CancellationToken cancellation = default,
        PreemptionFolder? preemption = null)
    {
        var startedUtc = _time.GetUtcNow();
        long startTimestamp = _time.GetTimestamp();
        if (preemption is not null) experiment = CheckpointOnCancelOnly(experiment);
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var run = new Run(null, experiment, experiment.Overrides.Select(o => o.ToString()).ToList(), startedUtc, log);
        var recorder = new CostRecorder(experiment.Training, log, experiment.Precision);
        TrainingRun training;
        RunFolder? kept = null;
        try
        {
            var session = experiment.CreateSession();
            Action<TrainingCheckpoint>? keep = preemption is null
                ? null
                : checkpoint => kept = Keep(preemption, run, recorder, session, checkpoint, startTimestamp);
            var result = session.Train(recorder, null, cancellation, null, keep);
            training = new TrainingRun(session, result, null, recorder.Rows, result.EpochsCompleted);
        }
        catch (Exception e)
        {
            training = new TrainingRun(null, null, e, recorder.Rows, recorder.Rows.Count);
        }
        var summary = Complete(run, training, startTimestamp, null);
        if (kept is not null)
        {
            try
            {
                SummaryJson.Write(kept.PathOf(RunFiles.Summary), summary with { RunFolder = kept.DisplayPath });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Its summary.json still says running, which a resume accepts as well.
            }
        }
        return (summary, training.Costs);
    }

    /// <summary>
    /// <see cref="RunInMemory(Experiment, CancellationToken, PreemptionFolder?)"/> for several experiments at once, without
    /// preemption folders: those that can share a training pass train side by side in lanes (<see cref="TogetherTraining"/>),
    /// with the same results as one by one. Each summary's wall time is the time since the call began (trials trained
    /// together share their pass).
    /// </summary>
    public IReadOnlyList<(RunSummary Summary, IReadOnlyList<CostRecord> Costs)> RunInMemoryTogether(IReadOnlyList<Experiment> experiments,
        CancellationToken cancellation = default)
    {
        var startedUtc = _time.GetUtcNow();
        long startTimestamp = _time.GetTimestamp();
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var recorders = experiments.Select(e => new CostRecorder(e.Training, log, e.Precision)).ToArray();
        var sessions = new ExperimentSession?[experiments.Count];
        var errors = new Exception?[experiments.Count];
        for (int i = 0; i < experiments.Count; i++)
        {
            try
            {
                sessions[i] = experiments[i].CreateSession();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }
        var built = Enumerable.Range(0, experiments.Count).Where(i => sessions[i] is not null).ToList();
        var outcomes = TogetherTraining.Train(built.Select(i => sessions[i]!).ToList(), built.Select(i => (ITrainingObserver)recorders[i]).ToList(),
            cancellation);
        var results = new (RunSummary, IReadOnlyList<CostRecord>)[experiments.Count];
        for (int i = 0, b = 0; i < experiments.Count; i++)
        {
            var experiment = experiments[i];
            var recorder = recorders[i];
            var (result, error) = sessions[i] is null ? (null, errors[i]) : outcomes[b++];
            var training = result is not null
                ? new TrainingRun(sessions[i], result, null, recorder.Rows, result.EpochsCompleted)
                : new TrainingRun(null, null, error, recorder.Rows, recorder.Rows.Count);
            var run = new Run(null, experiment, experiment.Overrides.Select(o => o.ToString()).ToList(), startedUtc, log);
            results[i] = (Complete(run, training, startTimestamp, null), training.Costs);
        }
        return results;
    }

    /// <summary>
    /// The folder of a preempted in-memory run (<see cref="RunInMemory"/>), written when training hands over its
    /// checkpoint on cancellation and <see cref="PreemptionFolder.IsPreemption"/> says the cancellation is a preemption;
    /// null (and no folder left) when it is not one or the folder cannot be written.
    /// </summary>
    private RunFolder? Keep(PreemptionFolder preemption, Run run, CostRecorder recorder, ExperimentSession session,
        TrainingCheckpoint checkpoint, long startTimestamp)
    {
        if (!preemption.IsPreemption()) return null;
        var experiment = run.Experiment;
        try
        {
            // What an earlier preemption of this run left there is replaced: this checkpoint is later.
            if (Directory.Exists(preemption.Path)) Directory.Delete(preemption.Path, recursive: true);
            var folder = RunFolder.CreateAt(preemption.Path);
            var inFolder = run with { Folder = folder };
            ConfigFiles.Write(folder, experiment);
            SummaryJson.Write(folder.PathOf(RunFiles.Summary), Summarize(inFolder, null, null, _time.GetElapsedTime(startTimestamp)));
            bool written;
            using (var costs = CsvAppender.Create(folder.PathOf(RunFiles.Costs), CostCsv.ColumnsFor(experiment)))
            {
                foreach (var row in recorder.Rows) CostCsv.Append(costs, row, experiment.Precision);
                var checkpointer = new Checkpointer(inFolder, costs, experiment.Data.ValuesSha256(), DataDirectoryOf(experiment), null)
                {
                    Session = session,
                };
                checkpointer.Save(checkpoint);
                written = checkpointer.Written > 0;
            }
            if (written) return folder;
            Directory.Delete(folder.FullPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RunFolderException)
        {
            // Not kept: the run starts over when it runs again (the same bits, only later). What was written goes.
            try
            {
                if (Directory.Exists(preemption.Path)) Directory.Delete(preemption.Path, recursive: true);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // A folder without a checkpoint: whoever runs the trial next removes it.
            }
        }
        return null;
    }

    /// <summary>
    /// The experiment trained without periodic checkpoints (<c>checkpoint_every</c> 0): training hands over a checkpoint
    /// only when it is cancelled. Its configuration text and numbers are unchanged.
    /// </summary>
    private static Experiment CheckpointOnCancelOnly(Experiment experiment) =>
        experiment.Training.CheckpointEvery == 0 ? experiment : experiment.WithTraining(experiment.Training with { CheckpointEvery = 0 });

    /// <summary>Writes the summary as failed if the process ends (Environment.Exit) before the run finishes.</summary>
    private ProcessExitGuard ExitGuard(Run run, long startTimestamp) => new(() =>
    {
        run.Log.LogError("{Reason}", ProcessExitGuard.Reason);
        SummaryJson.Write(run.Folder!.PathOf(RunFiles.Summary),
            Summarize(run, null, null, _time.GetElapsedTime(startTimestamp)) with { Status = RunStatus.Failed, Reason = ProcessExitGuard.Reason });
    });

    private RunOutcome Finish(Run run, TrainingRun training, long startTimestamp, DiskReserve reserve)
    {
        IOException? diskFull = null;
        var summary = Complete(run, training, startTimestamp, e => diskFull = e);
        if (diskFull is not null) summary = summary with { Status = RunStatus.Failed, Reason = TrainingRun.DiskFull(diskFull) };
        try
        {
            SummaryJson.Write(run.Folder!.PathOf(RunFiles.Summary), summary);
        }
        catch (IOException e) when (WholeLineFile.IsDiskFull(e))
        {
            // The disk filled up: give back the space held for this, and say so (if even that cannot be written, the
            // exception goes to the caller with summary.json still saying "running").
            reserve.Release();
            summary = summary with { Status = RunStatus.Failed, Reason = summary.Reason ?? TrainingRun.DiskFull(e) };
            if (!summary.Reason!.StartsWith(TrainingRun.DiskFullPrefix, StringComparison.Ordinal))
                summary = summary with { Reason = TrainingRun.DiskFull(e) };
            SummaryJson.Write(run.Folder!.PathOf(RunFiles.Summary), summary);
        }
        run.Log.RunFinished(summary.Status, summary.EpochsCompleted, summary.FinalCost, summary.Accuracy, summary.WallTimeSeconds);
        return new RunOutcome(run.Folder, summary) { Costs = training.Costs, Session = training.Session };
    }

    /// <summary>
    /// The final summary, after writing predictions.csv and weights.json when the run has a folder; a full disk while
    /// writing them goes to <paramref name="diskFull"/> (the split metrics are then left out).
    /// </summary>
    private RunSummary Complete(Run run, TrainingRun training, long startTimestamp, Action<IOException>? diskFull)
    {
        double? accuracy = null;
        bool full = false;
        try
        {
            accuracy = run.Folder is null ? Accuracy(run.Experiment, training) : WriteResults(run.Folder, run.Experiment, training);
        }
        catch (IOException e) when (diskFull is not null && WholeLineFile.IsDiskFull(e))
        {
            diskFull(e);
            full = true;
        }
        var summary = Summarize(run, training, accuracy, _time.GetElapsedTime(startTimestamp)) with
        {
            BestEpoch = training.Result?.BestEpoch,
            StoppedEarly = training.Result?.StoppedEarly ?? false,
        };
        if (training.Session is { } trained && !full) summary = WithSplitMetrics(summary, run.Experiment, trained);
        return summary;
    }

    /// <summary>The folder a relative <c>data.file</c> was read from: the experiment file's, as an absolute path.</summary>
    private static string? DataDirectoryOf(Experiment experiment)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(experiment.SourceFile));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static async Task<TrainingRun> TrainAsync(Experiment experiment, ILogger log, ITrainingMonitor? monitor,
        CostRecorder recorder, Checkpointer? checkpoints, ExperimentSession? resumed, TrainingCheckpoint? resumeFrom,
        CancellationToken cancellation)
    {
        var progress = new TrainingProgress(experiment.Training.Epochs);
        // A dedicated thread: training is long, CPU-bound and synchronous; it must not hold a pool thread.
        var training = Task.Factory.StartNew(() =>
        {
            var session = resumed ?? experiment.CreateSession();
            NnLab.Diagnostics.StartupTrace.Mark("session built");
            if (checkpoints is not null) checkpoints.Session = session;
            return (session, result: session.Train(recorder, progress, cancellation, resumeFrom, checkpoints is null ? null : checkpoints.Save));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await WatchAsync(monitor, progress, training, log);
        try
        {
            var (session, result) = await training;
            checkpoints?.Report();
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

    private static double? Accuracy(Experiment experiment, TrainingRun training) => training.Result is { } result
        ? Classification.Accuracy(result.Predictions, experiment.Data.Targets, experiment.PredictionThreshold)
        : null;

    /// <summary>Writes predictions.csv, weights.json and the model bundle (model/) when there is a trained network; returns the accuracy.</summary>
    private static double? WriteResults(RunFolder folder, Experiment experiment, TrainingRun training)
    {
        if (training is not { Session: { } session, Result: { } result }) return null;

        var splits = experiment.Data.Splits()
            .Select(s => (s.Name, s.Split, s.Name == DataSplit.TrainName ? result.Predictions : session.Score(s.Split).Outputs))
            .ToList();
        NnLab.Diagnostics.StartupTrace.Mark("scored");
        PredictionsCsv.Write(folder.PathOf(RunFiles.Predictions), experiment.Data, splits, experiment.PredictionThreshold, experiment.Precision);
        WeightsJson.Write(folder.PathOf(RunFiles.Weights), experiment.Model, session.InitialParameters,
            session.SnapshotParameters(), experiment.Precision);
        NnLab.Diagnostics.StartupTrace.Mark("predictions.csv, weights.json");
        Models.ModelBundle.Write(folder.FullPath, experiment, session, result);
        NnLab.Diagnostics.StartupTrace.Mark("model bundle");
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

    /// <summary>The summary; without <paramref name="training"/>, the one written at the start (status running).</summary>
    private static RunSummary Summarize(Run run, TrainingRun? training, double? accuracy, TimeSpan wallTime)
    {
        var experiment = run.Experiment;
        return new(
            Status: training?.Status ?? RunStatus.Running,
            Reason: training?.Error is { } error && !WholeLineFile.IsDiskFull(error)
                ? NnLab.Registry.ComponentFailure.Describe(error, experiment.Registry)
                : training?.Reason,
            Name: experiment.Name,
            Seed: experiment.Seed,
            EpochsRequested: experiment.Training.Epochs,
            EpochsCompleted: training?.EpochsCompleted ?? 0,
            FinalCost: ReportedNumber.In(experiment.Precision, training?.Result?.FinalCost),
            LastEpochCost: ReportedNumber.In(experiment.Precision, training?.LastEpochCost),
            Accuracy: accuracy,
            WallTimeSeconds: wallTime.TotalSeconds,
            NnlabVersion: NnLabVersion.Current,
            Kernels: MatrixOperations.Name(experiment.Kernels),
            Precision: experiment.Precision.Name(),
            BatchSize: experiment.Training.EffectiveBatchSize(experiment.Data.Inputs.Cols),
            Overrides: run.Overrides,
            RunFolder: run.Folder?.DisplayPath ?? "",
            StartedUtc: run.StartedUtc.UtcDateTime)
        {
            DataSha256 = experiment.Data.Sha256,
            ClassLabels = experiment.Data.ClassLabels,
        };
    }

    /// <summary>
    /// Writes <c>checkpoints/last</c> each time the trainer hands over a checkpoint, with cost.csv's length at that
    /// moment. A checkpoint that cannot be written is logged and training goes on: the previous one stays valid.
    /// </summary>
    /// <remarks>
    /// With <paramref name="preempted"/>, a checkpoint is written only when it says the run is being preempted (the
    /// trainer then hands over only the one it takes on cancellation).
    /// </remarks>
    private sealed class Checkpointer(Run run, CsvAppender costs, string dataHash, string? dataDirectory, Func<bool>? preempted)
    {
        private long _ticks;
        private int _written;

        public ExperimentSession? Session { get; set; }

        /// <summary>How many checkpoints were written.</summary>
        public int Written => _written;

        /// <summary>Logs how many checkpoints were written and the time they took (log.jsonl: the cost of checkpoint_every).</summary>
        public void Report()
        {
            if (_written > 0) run.Log.CheckpointsWritten(_written, Stopwatch.GetElapsedTime(0, _ticks).TotalMilliseconds);
        }

        public void Save(TrainingCheckpoint checkpoint)
        {
            if (preempted is not null && !preempted()) return;
            long start = Stopwatch.GetTimestamp();
            try
            {
                if (CheckpointFolder.FlushToDisk) costs.FlushToDisk();
                var experiment = run.Experiment;
                CheckpointFolder.Write(run.Folder!.FullPath, CheckpointFolder.Last, new RunCheckpoint(checkpoint,
                    experiment.Precision.Name(), experiment.Optimizer.Name, experiment.Training.Epochs, costs.Rows, costs.Length,
                    dataHash, dataDirectory, Session?.InitStream));
                _written++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                run.Log.CheckpointFailed(e, checkpoint.NextEpoch, e.Message);
            }
            finally
            {
                _ticks += Stopwatch.GetTimestamp() - start;
            }
        }
    }
}
