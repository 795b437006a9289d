using System.Globalization;

namespace NnLab.Cli.Tests;

/// <summary>The shipped experiment files, run end to end through the CLI, reproduce the tutorials' numbers.</summary>
public sealed class TutorialExperimentTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private async Task<string> Run(string experiment, params string[] extra)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, ["run", Repository.Experiment(experiment), "--out", "out", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return _cwd.Combine("out");
    }

    private static Dictionary<int, double> Costs(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "cost.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[1], CultureInfo.InvariantCulture));

    private static string[][] Predictions(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "predictions.csv")).Skip(1).Select(l => l.Split(',')).ToArray();

    [Fact]
    public async Task Xor_yaml_reproduces_the_printed_cost_at_epoch_4900_and_predicts_xor()
    {
        var folder = await Run("xor.yaml");
        Assert.Equal(0.0009210166430616655, Costs(folder)[4900], 0.0009210166430616655 * 1e-12);
        Assert.Equal(["0", "1", "1", "0"], Predictions(folder).Select(r => r[^1]));
    }

    [Fact]
    public async Task Fast_kernels_keep_the_printed_xor_cost_and_summary_names_the_path()
    {
        var folder = await Run("xor.yaml", "--set", "training.kernels=fast");
        Assert.Equal(0.0009210166430616655, Costs(folder)[4900], 0.0009210166430616655 * 1e-12);
        var summary = File.ReadAllText(Path.Combine(folder, "summary.json"));
        Assert.Contains("\"kernels\": \"fast\"", summary);
        Assert.Contains("\"batch_size\": 4", summary);
    }

    [Fact]
    public async Task Float32_runs_xor_to_numpy_float32_precision_and_writes_its_numbers_as_floats()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path,
            ["run", Repository.Experiment("xor.yaml"), "--out", "out", "--set", "training.precision=float32"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = _cwd.Combine("out");
        // Costs are floats everywhere, not widened doubles (0.0009210175648331642): console, log.jsonl, summary.json.
        Assert.Contains("Epoch 4900 cost 0.0009210176\n", (result.Stdout + result.Stderr).ReplaceLineEndings("\n"));
        Assert.Contains("\"Cost\":0.0009210176,", File.ReadAllText(Path.Combine(folder, "log.jsonl")));
        var summary = File.ReadAllText(Path.Combine(folder, "summary.json"));
        Assert.Contains("\"last_epoch_cost\": 0.0008926882,", summary);
        Assert.Matches("\"final_cost\": 0\\.000[0-9]{5,8},", summary);
        // tests/reference/xor_tutorial_float32.py: 0.0009210179559886456 at epoch 4900.
        Assert.Equal(0.0009210179559886456, Costs(folder)[4900], 0.0009210179559886456 * 2e-6);
        Assert.Contains("\n4900,0.0009210176\n", File.ReadAllText(Path.Combine(folder, "cost.csv")));
        Assert.Contains("\"precision\": \"float32\"", summary);
        // Weights are floats and are written as such, not as their widened doubles (-0.7026034593582153).
        Assert.Contains("[-0.70260346, -0.7519379]", File.ReadAllText(Path.Combine(folder, "weights.json")));
        Assert.Equal(["0", "1", "1", "0"], Predictions(folder).Select(r => r[^1]));
    }

    [Fact]
    public async Task Relu_yaml_learns_xor_as_two_classes_alike_in_float64_and_in_float32_on_the_fast_kernels()
    {
        var reference = await Run("xor-relu.yaml");
        Assert.Equal(["0", "1", "1", "0"], Predictions(reference).Select(r => r[^1]));
        double cost = FinalCost(reference);
        Assert.InRange(cost, 1e-4, 1e-2);
        Directory.Move(reference, _cwd.Combine("reference"));

        var fast = await Run("xor-relu.yaml", "--set", "training.precision=float32", "--set", "training.kernels=fast");
        Assert.Equal(["0", "1", "1", "0"], Predictions(fast).Select(r => r[^1]));
        Assert.Equal(cost, FinalCost(fast), cost * 1e-4);
    }

    private static double FinalCost(string folder) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement
            .GetProperty("final_cost").GetDouble();

    [Fact]
    public async Task Mini_batches_from_yaml_train_and_repeat_exactly()
    {
        var first = await Run("xor.yaml", "--set", "training.batch_size=2", "--set", "training.epochs=2000");
        string costs = File.ReadAllText(Path.Combine(first, "cost.csv"));
        Directory.Move(first, _cwd.Combine("first"));
        var second = await Run("xor.yaml", "--set", "training.batch_size=2", "--set", "training.epochs=2000");
        Assert.Equal(costs, File.ReadAllText(Path.Combine(second, "cost.csv")));
        Assert.Contains("\"batch_size\": 2", File.ReadAllText(Path.Combine(second, "summary.json")));
        Assert.True(Costs(second)[1999] < Costs(second)[0] / 10);
    }

    [Fact]
    public async Task Or_worked_example_yaml_gives_the_hand_calculated_costs()
    {
        var costs = Costs(await Run("or-worked-example.yaml"));
        Assert.Equal(0.089, costs[0], 1e-3);
        Assert.Equal(0.084, costs[1], 1e-3);
    }

    [Fact]
    public async Task Two_layer_tutorial_yaml_matches_its_numpy_code_seeded_with_1()
    {
        var rows = Predictions(await Run("two-layer-tutorial.yaml"));
        double[] expected = [0.009653536891312238, 0.9689474876711288, 0.9688615817138353, 0.03645155766022024];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], double.Parse(rows[i][4], CultureInfo.InvariantCulture), 1e-10);
    }

    [Fact]
    public async Task Set_overrides_change_the_run_and_are_recorded_in_the_run_folder()
    {
        var folder = await Run("xor.yaml", "--set", "optimizer.learning_rate=0.5", "--set", "training.epochs=10");
        Assert.Equal([0, 9], Costs(folder).Keys.Order());
        string resolved = File.ReadAllText(Path.Combine(folder, "config.resolved.yaml"));
        Assert.Contains("#   optimizer.learning_rate=0.5\n", resolved);
        Assert.Contains("learning_rate: 0.5", resolved);
        Assert.Contains("training: {epochs: 10, log_every: 100, divergence_factor: 10000, batch_size: 0, shuffle: true, kernels: reference, precision: float64, checkpoint_every: 20000}", resolved);
        Assert.Contains("\"optimizer.learning_rate=0.5\"", File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Contains("learning_rate: 1}", File.ReadAllText(Path.Combine(folder, "config.yaml")));
    }

    public static TheoryData<string> ExperimentFiles => new(
        Directory.GetFiles(Path.Combine(Repository.Root, "experiments"), "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "xor-swish.yaml")!);

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public async Task Every_shipped_experiment_validates(string file)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "validate", Repository.Experiment(file));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public static TheoryData<string> SweepFiles => new(
        Directory.GetFiles(Path.Combine(Repository.Root, "experiments", "sweeps"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SweepFiles))]
    public async Task Every_shipped_sweep_validates_trial_by_trial(string file)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "validate", Path.Combine(Repository.Root, "experiments", "sweeps", file));
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
