using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Training;

namespace NnLab.Runner.Tests;

/// <summary>
/// Checkpoints for a preemption only (what a sweep's trials run with): none while a run is not preempted, not even
/// the periodic ones; on a preemption the run is kept where <see cref="ExperimentRunner.ResumeAsync"/> continues it to
/// the uninterrupted run's numbers and files.
/// </summary>
public sealed class PreemptionCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ExperimentRunner _runner = new(NullLogger<ExperimentRunner>.Instance, TimeProvider.System);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_run_that_is_not_preempted_takes_no_checkpoint_even_past_checkpoint_every()
    {
        int asked = 0;
        bool Preempted()
        {
            Interlocked.Increment(ref asked);
            return true;
        }
        // 50,000 epochs: past the default checkpoint_every (20,000), which a plain run checkpoints at.
        var experiment = TestExperiments.Xor(epochs: 50_000);
        Assert.True(experiment.Training.CheckpointEvery < 50_000);

        var (summary, _) = _runner.RunInMemory(experiment, default, new PreemptionFolder(_dir.Combine("lean"), Preempted));
        var full = await _runner.RunAsync(experiment, new RunOptions { OutputDirectory = _dir.Combine("full"), Checkpoints = false, Preempted = Preempted });

        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Equal(RunStatus.Completed, full.Summary.Status);
        Assert.Equal(0, asked);
        Assert.False(Directory.Exists(_dir.Combine("lean")));
        Assert.False(Directory.Exists(_dir.Combine("full", "checkpoints")));
    }

    [Fact]
    public async Task A_cancelled_run_that_is_not_a_preemption_keeps_no_checkpoint()
    {
        var experiment = TestExperiments.Xor(epochs: 50_000_000);
        using (var cancellation = CancelSoon(100))
        {
            var (summary, _) = _runner.RunInMemory(experiment, cancellation.Token, new PreemptionFolder(_dir.Combine("lean"), () => false));
            Assert.Equal(RunStatus.Cancelled, summary.Status);
        }
        using (var cancellation = new CancellationTokenSource())
        {
            var full = await _runner.RunAsync(experiment,
                new RunOptions { OutputDirectory = _dir.Combine("full"), Checkpoints = false, Preempted = () => false, Monitor = CancelAfter(2000, cancellation) },
                cancellation.Token);
            Assert.Equal(RunStatus.Cancelled, full.Summary.Status);
        }
        Assert.False(Directory.Exists(_dir.Combine("lean")));
        Assert.False(Directory.Exists(_dir.Combine("full", "checkpoints")));
    }

    [Fact]
    public async Task A_preempted_in_memory_run_keeps_a_folder_that_resume_continues_to_the_uninterrupted_run()
    {
        // Long enough that the 200 ms cancellation always lands mid-run, even when a loaded machine fires the timer late:
        // with the reference kernels compiled optimised from the start, a million epochs sometimes finished first, and
        // once XOR's epochs took 250 ns instead of 425 (small networks in one pass), five million did once too. (Ten million
        // did too, once, in a full test run: the timer's callback waited for the thread pool. CancelSoon uses a thread.)
        const int epochs = 10_000_000;
        var experiment = TestExperiments.Xor(epochs: epochs, logEvery: 5000);
        string kept = _dir.Combine("kept");
        RunSummary stopped;
        using (var cancellation = CancelSoon(200))
            (stopped, _) = _runner.RunInMemory(experiment, cancellation.Token, new PreemptionFolder(kept, () => true));

        Assert.Equal(RunStatus.Cancelled, stopped.Status);
        Assert.InRange(stopped.EpochsCompleted, 1, epochs - 1);
        // Only what a resume needs: no predictions, weights, model or log.
        Assert.Equal(new[] { RunFiles.Config, RunFiles.ResolvedConfig, RunFiles.Costs, RunFiles.Summary }.Order(StringComparer.Ordinal),
            Directory.GetFiles(kept).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(kept, "checkpoints", "last", "checkpoint.json")));
        var files = new RunFolderReader(kept);
        Assert.Equal("cancelled", files.Summary.GetProperty("status").GetString());

        using var resumption = RunResumption.Open(kept);
        Assert.Equal(stopped.EpochsCompleted, resumption.Epoch);
        var continued = await _runner.ResumeAsync(resumption, experiment, new RunOptions { Preempted = () => false });
        var (whole, wholeCosts) = _runner.RunInMemory(experiment);
        var wholeFolder = await _runner.RunAsync(experiment, new RunOptions { OutputDirectory = _dir.Combine("whole"), Checkpoints = false });

        Assert.Equal(RunStatus.Completed, continued.Summary.Status);
        Assert.Equal(epochs, continued.Summary.EpochsCompleted);
        Assert.Equal(whole.FinalCost, continued.Summary.FinalCost);
        Assert.Equal(whole.Accuracy, continued.Summary.Accuracy);
        Assert.Equal(wholeCosts, continued.Costs);
        foreach (string name in new[] { RunFiles.Costs, RunFiles.Weights, RunFiles.Predictions })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir.Combine("whole"), name)), File.ReadAllBytes(Path.Combine(kept, name)));
    }

    [Fact]
    public async Task A_preempted_run_keeps_its_checkpoint_and_a_second_preemption_of_its_continuation_moves_it_on()
    {
        const int epochs = 50_000_000;
        var experiment = TestExperiments.Xor(epochs: epochs);
        string folder = _dir.Combine("full");
        using (var cancellation = new CancellationTokenSource())
        {
            var first = await _runner.RunAsync(experiment,
                new RunOptions { OutputDirectory = folder, Checkpoints = false, Preempted = () => true, Monitor = CancelAfter(2000, cancellation) },
                cancellation.Token);
            Assert.Equal(RunStatus.Cancelled, first.Summary.Status);
        }
        int firstStop;
        using (var resumption = RunResumption.Open(folder))
        {
            Assert.InRange(resumption.Epoch, 2000, epochs - 1);
            firstStop = resumption.Epoch;
        }
        using (var cancellation = new CancellationTokenSource())
        {
            using var resumption = RunResumption.Open(folder);
            var second = await _runner.ResumeAsync(resumption, experiment,
                new RunOptions { Preempted = () => true, Monitor = CancelAfter(firstStop + 2000, cancellation) }, cancellation.Token);
            Assert.Equal(RunStatus.Cancelled, second.Summary.Status);
        }
        using var last = RunResumption.Open(folder);
        Assert.InRange(last.Epoch, firstStop + 2000, epochs - 1);
    }

    /// <summary>
    /// Cancels after <paramref name="milliseconds"/> from a thread of its own. A timer's callback runs on the thread pool,
    /// which a full test run can keep busy for seconds: long enough for ten million XOR epochs (about 2 s) to end first.
    /// </summary>
    private static CancellationTokenSource CancelSoon(int milliseconds)
    {
        var cancellation = new CancellationTokenSource();
        new Thread(() =>
        {
            Thread.Sleep(milliseconds);
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended first; its test reports that.
            }
        }) { IsBackground = true }.Start();
        return cancellation;
    }

    /// <summary>A monitor that cancels once training has completed <paramref name="epochs"/> epochs.</summary>
    private static ITrainingMonitor CancelAfter(int epochs, CancellationTokenSource cancellation) => new CallbackMonitor(async (progress, training) =>
    {
        while (progress.CompletedEpochs < epochs && !training.IsCompleted) await Task.Delay(1);
        await cancellation.CancelAsync();
    });

    private sealed class CallbackMonitor(Func<TrainingProgress, Task, Task> watch) : ITrainingMonitor
    {
        public Task WatchAsync(TrainingProgress progress, Task training) => watch(progress, training);
    }
}
