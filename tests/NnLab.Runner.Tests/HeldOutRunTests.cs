using System.Globalization;
using System.Text.Json;
using NnLab.Experiments;
using NnLab.Registry;

namespace NnLab.Runner.Tests;

/// <summary>Runs with a validation and a test split: per-epoch validation scores, early stopping, per-split metrics.</summary>
public sealed class HeldOutRunTests : IDisposable
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();
    private readonly TempDirectory _dir = new();
    private readonly CapturingLogger<ExperimentRunner> _logger = new();

    public void Dispose() => _dir.Dispose();

    private static Experiment Load(string yaml)
    {
        var result = new ExperimentLoader(Registry).LoadText(yaml, "exp.yaml", "");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Experiment;
    }

    private async Task<(RunOutcome Outcome, string[] Cost, JsonElement Summary)> Run(string yaml)
    {
        string dir = _dir.Combine("run");
        var outcome = await new ExperimentRunner(_logger, TimeProvider.System).RunAsync(Load(yaml), new RunOptions { OutputDirectory = dir });
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunFiles.Summary))).RootElement;
        return (outcome, File.ReadAllLines(Path.Combine(dir, RunFiles.Costs)), summary);
    }

    private const string Moons = """
        name: moons
        seed: 3
        data:
          generate: moons
          samples: 120
          noise: 0.3
          split: {train: 0.6, validation: 0.2, test: 0.2, method: stratified}
          normalize: zscore
        model:
          - linear: {units: 32, init: he}
          - tanh
          - linear: {units: 1, init: xavier}
        cost: binary_cross_entropy_from_logits
        optimizer: {name: adam, learning_rate: 0.05}
        training: {epochs: 2000, log_every: 5, early_stopping: {patience: 50}}
        """;

    [Theory]
    [InlineData("")]
    [InlineData(", batch_size: 16")]
    public async Task Early_stopping_keeps_the_weights_whose_validation_cost_is_the_best_recorded(string batches)
    {
        var (outcome, cost, summary) = await Run(Moons.Replace("early_stopping: {patience: 50}}", "early_stopping: {patience: 50}" + batches + "}"));

        Assert.Equal("epoch,cost,validation_cost,validation_accuracy", cost[0]);
        var rows = cost.Skip(1).Select(l => l.Split(',')).ToList();
        var validation = rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToList();
        int best = rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ElementAt(validation.IndexOf(validation.Min()));

        Assert.True(summary.GetProperty("stopped_early").GetBoolean());
        Assert.Equal(best, summary.GetProperty("best_epoch").GetInt32());
        // The kept weights, scored again at the end, give exactly the best recorded validation cost.
        Assert.Equal(validation.Min(), summary.GetProperty("validation").GetProperty("cost").GetDouble());
        Assert.True(outcome.Summary.EpochsCompleted < 2000);
        Assert.Equal(best + 50, int.Parse(rows[^1][0], CultureInfo.InvariantCulture));
        Assert.Contains($"stopped early at epoch {best + 50}: no improvement since epoch {best}", summary.GetProperty("reason").GetString());
        Assert.Equal(24, summary.GetProperty("test").GetProperty("examples").GetInt32());
        Assert.Equal(72, summary.GetProperty("train").GetProperty("examples").GetInt32());
        var confusion = summary.GetProperty("test").GetProperty("confusion_matrix");
        Assert.Equal(24, confusion.EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(c => c.GetInt32()));
    }

    [Fact]
    public async Task Without_early_stopping_the_final_weights_are_scored_and_regression_gets_mae_mse_and_r2()
    {
        var (_, cost, summary) = await Run("""
            name: line
            data:
              inputs: [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]]
              targets: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
              split: {validation: 0.2, test: 0.2, seed: 1}
            model: [{linear: {units: 1, init: zeros}}]
            optimizer: {name: gradient_descent, learning_rate: 0.01}
            training: {epochs: 3000, log_every: 1000}
            """);

        Assert.Equal("epoch,cost,validation_cost,validation_mae", cost[0]);
        var test = summary.GetProperty("test");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("best_epoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, test.GetProperty("accuracy").ValueKind);
        Assert.True(test.GetProperty("r2").GetDouble() > 0.99);
        Assert.True(test.GetProperty("mean_absolute_error").GetDouble() < 0.2);
        // The cost is ½·MSE for half_squared_error.
        Assert.Equal(test.GetProperty("mean_squared_error").GetDouble() / 2, test.GetProperty("cost").GetDouble(), 12);
    }
}
