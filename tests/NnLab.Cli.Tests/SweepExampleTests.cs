using System.Globalization;

namespace NnLab.Cli.Tests;

/// <summary>The shipped sweeps in experiments/sweeps/ do what their comments and the docs say.</summary>
public sealed class SweepExampleTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task The_xor_sweep_is_16_geometric_learning_rates_from_0_05_to_5000_over_3_seeds()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Repository.Experiment("sweeps/xor-learning-rate.yaml"), "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("sweep xor-learning-rate: 48 trials (grid, 3 repeats)", result.StdoutLines[0]);
        var trials = result.StdoutLines[2..];
        Assert.Equal(48, trials.Length);
        Assert.EndsWith("optimizer.learning_rate=0.05 seed=48", trials[0]);
        Assert.EndsWith("optimizer.learning_rate=0.05 seed=2048", trials[2]);
        Assert.EndsWith("optimizer.learning_rate=5000 seed=2048", trials[47]);
        Assert.Contains("  045-learning_rate=5000,repeat=0  ", trials[45]);
    }

    [Fact]
    public async Task The_linear_regression_sweep_stops_the_large_learning_rates_early_as_diverged()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Repository.Experiment("sweeps/linear-regression-learning-rate.yaml"),
            "--out", "lr");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed (9 trials, 9 run now: 6 completed, 3 diverged)", result.SummaryValue("status"));
        var rows = File.ReadAllLines(_cwd.Combine("lr", "summary.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["5.0e-10", "0.005", "0.05", "0.5", "1", "1.5", "2", "5", "50"], rows.Select(r => r[2]));
        Assert.Equal([.. Enumerable.Repeat("completed", 6), "diverged", "diverged", "diverged"], rows.Select(r => r[3]));
        Assert.All(rows[6..], r => Assert.InRange(int.Parse(r[4], CultureInfo.InvariantCulture), 1, 20));
        Assert.All(rows[3..6], r => Assert.InRange(double.Parse(r[5], CultureInfo.InvariantCulture), 0.0056, 0.0057));
        Assert.True(double.Parse(rows[0][9], CultureInfo.InvariantCulture) > 0.99, "5e-10 should leave the cost where it was");
        var costs = File.ReadAllLines(_cwd.Combine("lr", "costs.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture));
        Assert.All(costs, c => Assert.True(double.IsFinite(c)));
    }
}
