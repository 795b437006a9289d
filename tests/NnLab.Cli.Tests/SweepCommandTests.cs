using System.Text.Json;

namespace NnLab.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private const string Sweep = "sweep.yaml";
    private const int SigKill = 9;

    /// <summary>The XOR fixture with few epochs, over 3 learning rates and 2 repeats: 6 trials.</summary>
    private const string SweepBlock = """
        sweep:
          repeats: 2
          axes:
            optimizer.learning_rate: [0.5, 2, 8]
        """;

    private readonly TempWorkingDirectory _cwd = new();

    public SweepCommandTests() => WriteSweep(SweepBlock, epochs: 300);

    public void Dispose() => _cwd.Dispose();

    private void WriteSweep(string block, int epochs, string? fileName = null)
    {
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment))
            .Replace("epochs: 5000, log_every: 100", $"epochs: {epochs}, log_every: 50");
        File.WriteAllText(_cwd.Combine(fileName ?? Sweep), xor + block + "\n");
    }

    private JsonElement Manifest(string folder) =>
        JsonDocument.Parse(File.ReadAllText(_cwd.Combine(folder, "trials.json"))).RootElement;

    private static string[] Statuses(JsonElement manifest) =>
        manifest.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("status").GetString()!).ToArray();

    /// <summary>A sweep's file without the columns that time it (wall_time_seconds and its group statistics).</summary>
    private string[] Untimed(string folder, string file)
    {
        // Commas inside quotes (labels) do not split.
        var rows = File.ReadAllLines(_cwd.Combine(folder, file))
            .Select(l => System.Text.RegularExpressions.Regex.Split(l, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).ToList();
        var keep = Enumerable.Range(0, rows[0].Length).Where(c => !rows[0][c].StartsWith("wall_time", StringComparison.Ordinal)).ToArray();
        return rows.Select(r => string.Join(',', keep.Select(c => r[c]))).ToArray();
    }

    [Theory]
    [InlineData("half_squared_error", "{name: gradient_descent, learning_rate: 1}", "{epochs: 400, log_every: 50, divergence_factor: 1.2}", 13)]
    [InlineData("binary_cross_entropy", "{name: adam, learning_rate: 0.05}", "{epochs: 300, log_every: 7, batch_size: 3, precision: float32, divergence_factor: 1.2}", 9)]
    [InlineData("half_squared_error", "{name: momentum, learning_rate: 0.5, nesterov: true}", "{epochs: 250, log_every: 1, batch_size: 2, shuffle: true, divergence_factor: 1.2}", 9)]
    public async Task Trials_trained_together_write_the_same_sweep_as_trials_trained_alone(string cost, string optimizer, string training, int rates)
    {
        // Learning rates from creeping to diverging, two seeds each: lanes of one pass stop at different epochs.
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment))
            .Replace("cost: half_squared_error", "cost: " + cost)
            .Replace("optimizer: {name: gradient_descent, learning_rate: 1}", "optimizer: " + optimizer)
            .Replace("training: {epochs: 5000, log_every: 100}", "training: " + training);
        string values = string.Join(", ", Enumerable.Range(0, rates).Select(i => Math.Pow(4, i - 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(_cwd.Combine("together.yaml"), xor + $"sweep:\n  repeats: 2\n  axes:\n    optimizer.learning_rate: [{values}]\n");
        File.WriteAllText(_cwd.Combine("alone.yaml"), xor + $"sweep:\n  repeats: 2\n  together: off\n  axes:\n    optimizer.learning_rate: [{values}]\n");

        var together = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "together.yaml", "--out", "t");
        var alone = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "alone.yaml", "--out", "a", "--parallel", "1");

        Assert.True(together.ExitCode is 0 or 1 && together.ExitCode == alone.ExitCode, together + "\n" + alone);
        Assert.Equal(File.ReadAllLines(_cwd.Combine("a", "costs.csv")), File.ReadAllLines(_cwd.Combine("t", "costs.csv")));
        Assert.Equal(Untimed("a", "summary.csv"), Untimed("t", "summary.csv"));
        Assert.Equal(Untimed("a", "groups.csv"), Untimed("t", "groups.csv"));
        Assert.Contains("diverged", File.ReadAllText(_cwd.Combine("t", "summary.csv")));
    }

    [Fact]
    public async Task Dry_run_prints_every_trial_and_writes_nothing()
    {
        var before = _cwd.Entries();

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^sweep xor: 6 trials \(grid, 2 repeats\), definition [0-9a-f]{12}$", result.StdoutLines[0]);
        Assert.Equal("    0  000-learning_rate=0.5,repeat=0  optimizer.learning_rate=0.5 seed=48", result.StdoutLines[2]);
        Assert.Equal("    5  005-learning_rate=8,repeat=1    optimizer.learning_rate=8 seed=1048", result.StdoutLines[7]);
        Assert.Equal(8, result.StdoutLines.Length);
        Assert.Equal(before, _cwd.Entries());
    }

    [Fact]
    public async Task Run_on_a_sweep_file_runs_the_sweep_and_ends_with_a_ranked_table()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", Sweep, "--out", "lr");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("lr", result.SummaryValue("sweep folder"));
        Assert.Equal("completed (6 trials, 6 run now: 6 completed)", result.SummaryValue("status"));
        Assert.Matches(@"^by mean final cost over 2 repeats: learning_rate=[0-9.]+ \(\S+ ± \S+ sd\)$", result.SummaryValue("best"));
        Assert.Contains("ranked by mean final cost over 2 repeats (lowest first); every trial is in summary.csv", result.StdoutLines);
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            "^rank  group +repeats +final cost mean +sd +min +max +accuracy mean +seconds mean$"));
        Assert.Equal(3, result.StdoutLines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d  learning_rate=[0-9.]+ +2 completed ")));
        Assert.Equal(6, result.StderrLines.Count(l => l.StartsWith("Trial ", StringComparison.Ordinal)));
        // Lean trials (the default): no run folder per trial; each trial's record and curve are in the state file.
        Assert.Equal(["costs.csv", "groups.csv", "report.html", "state", "summary.csv", "sweep.log.jsonl", "sweep.yaml", "trials.json"],
            Directory.GetFileSystemEntries(_cwd.Combine("lr")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Statuses(Manifest("lr")), s => Assert.Equal("completed", s));
    }

    [Fact]
    public async Task A_large_sweep_prints_the_first_40_rows_of_its_ranking_and_where_the_rest_are()
    {
        WriteSweep("sweep:\n  mode: random\n  samples: 45\n  axes:\n    optimizer.learning_rate: {log_uniform: [0.1, 10]}", epochs: 20);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "big");

        Assert.True(result.ExitCode == 0, result.ToString());
        int header = Array.FindIndex(result.StdoutLines, l => l.StartsWith("rank  label", StringComparison.Ordinal));
        var rows = result.StdoutLines.Skip(header + 1).ToList();
        Assert.Matches(@"^\s+1  0\d{2}-learning_rate=", rows[0]);
        Assert.Matches(@"^  40  0\d{2}-learning_rate=", rows[39]);
        Assert.Equal("... and 5 more trials: summary.csv has every one", rows[40]);
        Assert.Equal(["report      big/report.html"], rows.Skip(41));
        Assert.Equal(46, File.ReadAllLines(_cwd.Combine("big", "summary.csv")).Length);
    }

    [Fact]
    public async Task A_sweep_with_a_validation_split_ranks_by_validation_cost_and_says_so()
    {
        var lines = new List<string> { "x1,x2,y" };
        for (int i = 0; i < 20; i++)
            lines.Add($"{i % 5},{i % 4},{((i % 5 + i % 4 > 3) == (i % 7 != 0) ? 1 : 0)}");
        File.WriteAllLines(_cwd.Combine("d.csv"), lines);
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment))
            .Replace("epochs: 5000, log_every: 100", "epochs: 200, log_every: 50");
        const string data = "data:\n  inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]\n  targets: [[0], [1], [1], [0]]";
        Assert.Contains(data, xor);
        File.WriteAllText(_cwd.Combine(Sweep), xor.Replace(data,
            "data: {file: d.csv, input_columns: [x1, x2], target_columns: [y], split: {train: 0.7, validation: 0.3}}")
            + "sweep:\n  axes:\n    optimizer.learning_rate: [0.5, 2]\n");

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "v");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^by validation cost: 00[01]-learning_rate=[0-9.]+ \(validation cost \S+, final cost \S+\)$", result.SummaryValue("best"));
        Assert.Contains("ranked by validation cost (lowest first)", result.StdoutLines);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("rank  label", StringComparison.Ordinal) && l.Contains("  val cost  best val cost  val accuracy  "));
        Assert.Equal("validation_cost", Manifest("v").GetProperty("rank_by").GetString());
        Assert.Contains("final_to_initial,accuracy,validation_cost,best_validation_cost,validation_accuracy,wall_time_seconds,reason",
            File.ReadLines(_cwd.Combine("v", "summary.csv")).First());
        Assert.Contains("validation_cost_mean,validation_cost_std,validation_cost_min,validation_cost_max",
            File.ReadLines(_cwd.Combine("v", "groups.csv")).First());
    }

    [Fact]
    public async Task A_set_on_a_key_that_is_also_a_sweep_axis_is_an_error_that_names_both_and_runs_nothing()
    {
        int axisLine = File.ReadAllLines(_cwd.Combine(Sweep)).ToList().FindIndex(l => l.Contains("optimizer.learning_rate:", StringComparison.Ordinal)) + 1;
        var before = _cwd.Entries();

        foreach (var command in new[] { "sweep", "run", "validate" })
        {
            var result = await NnLabProcess.RunAsync(_cwd.Path, command, Sweep, "--set", "optimizer.learning_rate=0.1");

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal(
                [$"error: --set:1:1: optimizer.learning_rate: is also a sweep axis (sweep.yaml:{axisLine}:5); change the axis's values or drop the --set",
                 "1 error(s); nothing was run."],
                result.StderrLines);
            Assert.Equal(before, _cwd.Entries());
        }
    }

    [Fact]
    public async Task A_sweep_goes_to_sweeps_name_timestamp_by_default()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--parallel", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^sweeps/xor/\d{8}T\d{6}Z$", result.SummaryValue("sweep folder"));
    }

    [Fact]
    public async Task An_invalid_sweep_reports_located_errors_exit_2_and_writes_nothing()
    {
        WriteSweep("sweep:\n  mode: zip\n  axes:\n    optimizer.learning_rate: [0.5, 2]\n    model[0].units: [2, 0, 4]", epochs: 10);
        var before = _cwd.Entries();

        foreach (var command in new[] { "sweep", "run" })
        {
            var result = await NnLabProcess.RunAsync(_cwd.Path, command, Sweep);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal(
                ["error: sweep.yaml:18:5: sweep.axes: zip pairs the axes' values one by one, so every axis needs the same number of values; "
                 + "got optimizer.learning_rate: 2, model[0].units: 3",
                 "1 error(s); nothing was run."],
                result.StderrLines);
            Assert.Equal(before, _cwd.Entries());
        }
    }

    [Fact]
    public async Task A_trial_that_throws_is_recorded_as_failed_and_the_sweep_still_succeeds_unless_on_error_is_stop()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        WriteSweep("sweep:\n  axes:\n    model[1]: [sigmoid, throwing_forward, tanh]", epochs: 100);
        WriteSweep("sweep:\n  on_error: stop\n  axes:\n    model[1]: [throwing_forward, sigmoid, tanh]", epochs: 100, "stop.yaml");

        var carryOn = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "a", "--plugins", "my-plugins");
        var stop = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "stop.yaml", "--out", "b", "--parallel", "1", "--plugins", "my-plugins");

        Assert.True(carryOn.ExitCode == 0, carryOn.ToString());
        Assert.Equal(["completed", "failed", "completed"], Statuses(Manifest("a")));
        Assert.Contains("forward exploded", Manifest("a").GetProperty("trials")[1].GetProperty("reason").GetString());
        Assert.Contains(carryOn.StderrLines, l => l.StartsWith("Trial 1 failed: 001-model[1]=throwing_forward, ", StringComparison.Ordinal) && l.EndsWith("forward exploded)", StringComparison.Ordinal));
        Assert.True(stop.ExitCode == 1, stop.ToString());
        Assert.Equal(["failed", "pending", "pending"], Statuses(Manifest("b")));
        Assert.Equal("stopped", Manifest("b").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sweep_whose_every_trial_fails_exits_1()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        WriteSweep("sweep:\n  axes:\n    model[1]: [throwing_forward]", epochs: 100);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "a", "--plugins", "my-plugins");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("none: no trial completed", result.SummaryValue("best"));
    }

    [Fact]
    public async Task Sigint_cancels_the_sweep_with_a_valid_manifest_and_resume_runs_only_what_is_left()
    {
        // Trial 0 is quick; trial 1 runs long enough to be caught by the signal (6 M epochs: ~1.5 s at XOR's 250 ns an
        // epoch); 2 and 3 wait their turn.
        WriteSweep("sweep:\n  mode: zip\n  axes:\n    training.epochs: [100, 6000000, 100, 100]\n    optimizer.learning_rate: [0.5, 1, 2, 4]",
            epochs: 100);
        using var process = NnLabProcess.Start(_cwd.Path, ["sweep", Sweep, "--out", "lr", "--parallel", "1"]);
        // The state file says so the moment trial 1 starts, after trial 0 ended (trials.json at most once a second, by
        // when trial 1 may be done). A signal between trial 0's end and trial 1's start would leave trial 1 pending.
        await WaitUntil(() => StateLines("lr").Any(l => l.Contains("\"trial\":1,", StringComparison.Ordinal) && l.Contains("\"status\":\"running\"", StringComparison.Ordinal)));

        process.Signal(NnLabProcess.SigInt);
        var cancelled = await process.WaitAsync();

        Assert.True(cancelled.ExitCode == 130, cancelled.ToString());
        var manifest = Manifest("lr");
        Assert.Equal("cancelled", manifest.GetProperty("status").GetString());
        Assert.Equal(["completed", "cancelled", "pending", "pending"], Statuses(manifest));
        Assert.Equal("cancelled by the user", manifest.GetProperty("trials")[1].GetProperty("reason").GetString());
        // Two trials started (one completed, one cancelled); the two pending ones did not run (it said "4 run now").
        Assert.StartsWith("cancelled (4 trials, 2 run now: ", cancelled.SummaryValue("status"));
        string firstTrial = manifest.GetProperty("trials")[0].GetProperty("finished_utc").GetString()!;

        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--resume", "lr");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("completed (4 trials, 3 run now: 4 completed)", resumed.SummaryValue("status"));
        Assert.All(Statuses(Manifest("lr")), s => Assert.Equal("completed", s));
        // The completed trial was kept, not rerun.
        Assert.Equal(firstTrial, Manifest("lr").GetProperty("trials")[0].GetProperty("finished_utc").GetString());
        Assert.Equal(3 * 3 + 120001 + 1, File.ReadAllLines(_cwd.Combine("lr", "costs.csv")).Length);
    }

    [Fact]
    public async Task A_killed_sweep_leaves_a_valid_manifest_and_resume_refuses_a_changed_definition_then_finishes_it()
    {
        WriteSweep("sweep:\n  mode: zip\n  axes:\n    training.epochs: [100, 12000000, 100, 100]\n    optimizer.learning_rate: [0.5, 1, 2, 4]",
            epochs: 100);
        using var process = NnLabProcess.Start(_cwd.Path, ["sweep", Sweep, "--out", "lr", "--parallel", "1"]);
        // What is asserted below is trials.json as the kill left it: wait until it says trial 0 completed (it is written
        // at most once a second, so trial 1 trains 12 M epochs, ~3 s, to be still running then).
        await WaitUntil(() => File.Exists(_cwd.Combine("lr", "trials.json")) && Statuses(Manifest("lr"))[0] == "completed");

        process.Signal(SigKill);
        await process.WaitAsync();

        var statuses = Statuses(Manifest("lr"));
        Assert.Equal("running", Manifest("lr").GetProperty("status").GetString());
        Assert.Equal("completed", statuses[0]);
        Assert.Contains(statuses[1], new[] { "pending", "running" });
        string before = File.ReadAllText(_cwd.Combine("lr", "trials.json"));

        var changed = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--resume", "lr", "--set", "seed=7");

        Assert.True(changed.ExitCode == 2, changed.ToString());
        Assert.StartsWith("error: cannot resume 'lr': it holds a different sweep", changed.StderrLines[^1]);
        Assert.Empty(changed.Stdout);
        Assert.Equal(before, File.ReadAllText(_cwd.Combine("lr", "trials.json")));

        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--resume", "lr");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("completed (4 trials, 3 run now: 4 completed)", resumed.SummaryValue("status"));
        // Lean trials: every trial's curve, the kept one's included, is in costs.csv; none has a run folder.
        Assert.Equal(3 * 3 + 240001 + 1, File.ReadAllLines(_cwd.Combine("lr", "costs.csv")).Length);
        Assert.False(Directory.Exists(_cwd.Combine("lr", "trials")));
    }

    [Theory]
    [InlineData("--parallel", "0")]
    [InlineData("--resume", "x", "--out", "y")]
    public async Task Bad_options_are_usage_errors(params string[] options)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, ["sweep", Sweep, .. options]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.StderrLines[0]);
    }

    /// <summary>The complete lines of the sweep's state files (each trial's events, written as they happen).</summary>
    private IEnumerable<string> StateLines(string folder) =>
        Directory.Exists(_cwd.Combine(folder, "state"))
            ? Directory.GetFiles(_cwd.Combine(folder, "state")).SelectMany(f => File.ReadAllText(f).Split('\n').SkipLast(1)).ToList()
            : [];

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the sweep");
            await Task.Delay(20);
        }
    }
}
