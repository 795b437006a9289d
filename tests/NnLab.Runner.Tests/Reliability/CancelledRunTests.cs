namespace NnLab.Runner.Tests.Reliability;

/// <summary>A cancelled run's cost.csv ends at the epoch it stopped at, not at the last log_every multiple before it.</summary>
public sealed class CancelledRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nnlab-cancel-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_last_row_is_the_epoch_the_run_stopped_at()
    {
        using var cancel = new CancellationTokenSource();
        var running = new ExperimentRunner(new CapturingLogger<ExperimentRunner>(), TimeProvider.System)
            .RunAsync(TestExperiments.Xor(epochs: 100_000_000, logEvery: 1_000_000), new RunOptions { OutputDirectory = _folder }, cancel.Token);
        // Once epoch 0 is recorded, let it train a little past it (not to a multiple of log_every), then cancel.
        string costs = Path.Combine(_folder, RunFiles.Costs);
        while (!running.IsCompleted && (!File.Exists(costs) || File.ReadAllLines(costs).Length < 2)) await Task.Delay(20);
        await Task.Delay(200);
        cancel.Cancel();
        var outcome = await running;

        Assert.True(outcome.Summary.Status == RunStatus.Cancelled, $"{outcome.Summary.Status}: {outcome.Summary.Reason}");
        var rows = File.ReadAllLines(Path.Combine(_folder, RunFiles.Costs)).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToList();
        Assert.Equal(outcome.Summary.EpochsCompleted - 1, rows[^1]);
        Assert.Equal(0, rows[0]);
    }
}
