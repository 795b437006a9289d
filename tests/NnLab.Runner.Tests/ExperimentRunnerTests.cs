using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NnLab.Experiments;
using NnLab.Training;

namespace NnLab.Runner.Tests;

public sealed class ExperimentRunnerTests : IDisposable
{
    private static readonly string[] AllFiles =
    [
        RunFiles.Config, RunFiles.ResolvedConfig, RunFiles.Costs, RunFiles.Predictions,
        RunFiles.Weights, RunFiles.Summary, RunFiles.Log,
    ];

    private readonly TempDirectory _dir = new();
    private readonly CapturingLogger<ExperimentRunner> _appLogger = new();

    public void Dispose() => _dir.Dispose();

    private string OutDir => _dir.Combine("run");

    private RunFolderReader Files => new(OutDir);

    private Task<RunOutcome> RunAsync(Experiment experiment, CancellationToken cancellation = default,
        ITrainingMonitor? monitor = null) =>
        new ExperimentRunner(_appLogger, TimeProvider.System)
            .RunAsync(experiment, new RunOptions { OutputDirectory = OutDir, Monitor = monitor }, cancellation);

    [Fact]
    public async Task Completed_run_writes_every_file_and_nothing_else()
    {
        var outcome = await RunAsync(TestExperiments.Xor());

        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.Equal(Path.GetFullPath(OutDir), outcome.Folder.FullPath);
        Assert.Equal(AllFiles.Order(), Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Cost_csv_has_the_recorded_epochs_and_exactly_the_logged_costs()
    {
        await RunAsync(TestExperiments.Xor());

        Assert.Equal("epoch,cost", Files.Lines(RunFiles.Costs)[0]);
        var costs = Files.Costs();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 100).Append(4999), costs.Select(c => c.Epoch));

        var logged = Files.LogEvents().Where(e => e.TryGetProperty("Epoch", out _))
            .Select(e => (e.GetProperty("Epoch").GetInt32(), e.GetProperty("Cost").GetDouble()));
        Assert.Equal(costs, logged);

        var toApplication = _appLogger.Events.Where(e => e.Properties.ContainsKey("Epoch"))
            .Select(e => ((int)e.Properties["Epoch"]!, (double)e.Properties["Cost"]!));
        Assert.Equal(costs, toApplication);
        Assert.True(costs[^1].Cost < 0.001, $"XOR should have learned; last cost {costs[^1].Cost}");
    }

    [Fact]
    public async Task Summary_json_describes_the_run()
    {
        var outcome = await RunAsync(TestExperiments.Xor(overrides: [new ConfigOverride("training.epochs", "5000")]));

        var s = Files.Summary;
        Assert.Equal("completed", s.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("reason").ValueKind);
        Assert.Equal("xor", s.GetProperty("name").GetString());
        Assert.Equal(48, s.GetProperty("seed").GetInt32());
        Assert.Equal(5000, s.GetProperty("epochs_requested").GetInt32());
        Assert.Equal(5000, s.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(Files.Costs()[^1].Cost, s.GetProperty("last_epoch_cost").GetDouble());
        double finalCost = s.GetProperty("final_cost").GetDouble();
        Assert.InRange(finalCost, 0, s.GetProperty("last_epoch_cost").GetDouble()); // one more update: lower still
        Assert.Equal(1.0, s.GetProperty("accuracy").GetDouble());
        Assert.InRange(s.GetProperty("wall_time_seconds").GetDouble(), 1e-6, 60);
        Assert.Equal(NnLabVersion.Current, s.GetProperty("nnlab_version").GetString());
        Assert.StartsWith("0.1.0", NnLabVersion.Current);
        Assert.Equal(["training.epochs=5000"], s.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(outcome.Folder.DisplayPath, s.GetProperty("run_folder").GetString());
        var started = DateTime.Parse(s.GetProperty("started_utc").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, started.Kind);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal(outcome.Summary.FinalCost, finalCost);
    }

    [Fact]
    public async Task Weights_json_holds_the_seed_48_xavier_draw_and_the_trained_weights()
    {
        await RunAsync(TestExperiments.Xor());

        var layers = Files.Json(RunFiles.Weights).GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["linear", "sigmoid", "linear", "sigmoid"], layers.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([0, 1, 2, 3], layers.Select(l => l.GetProperty("index").GetInt32()));

        double[][] expectedW =
        [
            [-0.7026034443207482, -0.751937920674514],
            [-0.4511878069492167, 0.75065656081645],
            [-0.11130154283236932, 0.7733828240543967],
        ];
        Assert.Equal(expectedW, Rows(layers[0].GetProperty("initial").GetProperty("W")));
        Assert.Equal([[0.0], [0.0], [0.0]], Rows(layers[0].GetProperty("initial").GetProperty("b")));
        var finalW = Rows(layers[0].GetProperty("final").GetProperty("W"));
        Assert.Equal(3, finalW.Length);
        Assert.NotEqual(expectedW, finalW);
        Assert.Empty(layers[1].GetProperty("initial").EnumerateObject());
        Assert.Equal(3, Rows(layers[2].GetProperty("final").GetProperty("W"))[0].Length);
    }

    [Fact]
    public async Task Predictions_csv_has_inputs_targets_outputs_and_the_xor_classes()
    {
        await RunAsync(TestExperiments.Xor());

        var lines = Files.Lines(RunFiles.Predictions);
        Assert.Equal("x1,x2,y,output,prediction", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["0,0", "0,1", "1,0", "1,1"], rows.Select(r => $"{r[0]},{r[1]}"));
        Assert.Equal(["0", "1", "1", "0"], rows.Select(r => r[2]));
        Assert.Equal(["0", "1", "1", "0"], rows.Select(r => r[4]));
        Assert.All(rows, r => Assert.InRange(double.Parse(r[3], CultureInfo.InvariantCulture), 0.0, 1.0));
    }

    [Fact]
    public async Task Log_jsonl_is_one_json_object_per_line_with_structured_epoch_events()
    {
        await RunAsync(TestExperiments.Xor());

        var events = Files.LogEvents();
        Assert.All(events, e =>
        {
            Assert.Equal(JsonValueKind.Object, e.ValueKind);
            Assert.True(DateTime.TryParse(e.GetProperty("@t").GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.RoundtripKind, out _));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("@mt").GetString()));
            Assert.False(string.IsNullOrEmpty(LogEvents.Message(e)));
        });
        var epochs = events.Where(e => e.TryGetProperty("Epoch", out _)).ToList();
        Assert.Equal(51, epochs.Count);
        var last = epochs[^1];
        Assert.Equal(JsonValueKind.Number, last.GetProperty("Cost").ValueKind);
        Assert.Equal($"Epoch 4999 cost {last.GetProperty("Cost").GetDouble().ToString("R", CultureInfo.InvariantCulture)}",
            LogEvents.Message(last));
        Assert.Contains(events, e => LogEvents.Message(e).StartsWith("Running xor (seed 48, 5000 epochs)"));
    }

    [Fact]
    public async Task Config_yaml_is_the_file_as_written_and_the_resolved_one_names_the_overrides()
    {
        var experiment = TestExperiments.Xor(overrides: [new ConfigOverride("training.epochs", "5000"), new ConfigOverride("seed", "48")]);

        await RunAsync(experiment);

        Assert.Equal(experiment.SourceText, Files.Text(RunFiles.Config));
        string resolved = Files.Text(RunFiles.ResolvedConfig);
        Assert.StartsWith("# Source: xor.yaml\n", resolved);
        Assert.Contains("#   training.epochs=5000\n#   seed=48\n", resolved);
        Assert.EndsWith(experiment.ResolvedYaml, resolved);
    }

    [Fact]
    public async Task Resolved_config_says_when_there_were_no_overrides()
    {
        await RunAsync(TestExperiments.Xor());

        Assert.Contains("# --set overrides applied: none\n", Files.Text(RunFiles.ResolvedConfig));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_start_still_writes_every_file_with_status_cancelled()
    {
        var outcome = await RunAsync(TestExperiments.Xor(), new CancellationToken(canceled: true));

        Assert.Equal(RunStatus.Cancelled, outcome.Summary.Status);
        Assert.Equal(AllFiles.Order(), Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
        var s = Files.Summary;
        Assert.Equal("cancelled", s.GetProperty("status").GetString());
        Assert.Equal(0, s.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("last_epoch_cost").ValueKind);
        Assert.Equal(["epoch,cost"], Files.Lines(RunFiles.Costs));
        var layer0 = Files.Json(RunFiles.Weights).GetProperty("layers")[0];
        Assert.Equal(Rows(layer0.GetProperty("initial").GetProperty("W")), Rows(layer0.GetProperty("final").GetProperty("W")));
    }

    [Fact]
    public async Task Cancelling_mid_run_stops_after_the_current_epoch_and_writes_every_file()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelAfter2000 = new CallbackMonitor(async (progress, training) =>
        {
            while (progress.CompletedEpochs < 2000 && !training.IsCompleted) await Task.Delay(1);
            await cancellation.CancelAsync();
        });

        var outcome = await RunAsync(TestExperiments.Xor(epochs: 50_000_000), cancellation.Token, cancelAfter2000);

        Assert.Equal(RunStatus.Cancelled, outcome.Summary.Status);
        Assert.Equal(AllFiles.Order(), Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
        var s = Files.Summary;
        int completed = s.GetProperty("epochs_completed").GetInt32();
        Assert.InRange(completed, 2000, 49_999_999);
        Assert.Equal("cancelled by the user", s.GetProperty("reason").GetString());
        var costs = Files.Costs();
        // Every log_every multiple, and the epoch it stopped at when that is not one (issue #19).
        Assert.Equal(((completed - 1) / 100) + 1 + ((completed - 1) % 100 == 0 ? 0 : 1), costs.Length);
        Assert.EndsWith($"{completed - 1},", File.ReadAllLines(Files.Path(RunFiles.Costs))[^1][..($"{completed - 1},".Length)]);
        Assert.Equal(5, Files.Lines(RunFiles.Predictions).Length);
    }

    [Fact]
    public async Task A_diverged_run_is_reported_and_its_non_finite_numbers_stay_valid_json()
    {
        var outcome = await RunAsync(TestExperiments.Diverging());

        Assert.Equal(RunStatus.Diverged, outcome.Summary.Status);
        var s = Files.Summary;
        Assert.Equal("diverged", s.GetProperty("status").GetString());
        Assert.StartsWith("cost became", s.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.String, s.GetProperty("final_cost").ValueKind); // "NaN" or "Infinity"
        Assert.False(double.IsFinite(Files.Costs()[^1].Cost));
        Assert.Equal(2, Files.Json(RunFiles.Weights).GetProperty("layers")[0].GetProperty("final").GetProperty("W")[0].GetArrayLength());
        Assert.All(Files.LogEvents(), e => Assert.Equal(JsonValueKind.Object, e.ValueKind));
    }

    [Fact]
    public async Task A_cost_growing_past_the_divergence_bound_stops_the_run_early_with_finite_numbers()
    {
        var outcome = await RunAsync(TestExperiments.Diverging(divergenceFactor: 1e4));

        Assert.Equal(RunStatus.Diverged, outcome.Summary.Status);
        Assert.Matches(@"^cost \S+ exceeded 10000 × the first epoch's cost \S+ at epoch \d$", outcome.Summary.Reason);
        var costs = Files.Costs();
        Assert.InRange(costs[^1].Epoch, 1, 9);
        Assert.True(double.IsFinite(costs[^1].Cost) && costs[^1].Cost > 1e4 * costs[0].Cost);
    }

    [Fact]
    public async Task A_model_that_fails_to_build_gives_status_failed_with_the_reason_and_the_stack_trace_in_the_log()
    {
        var outcome = await RunAsync(TestExperiments.Xor(firstInit: "no_such_initializer"));

        Assert.Equal(RunStatus.Failed, outcome.Summary.Status);
        Assert.Contains("no_such_initializer", outcome.Summary.Reason);
        Assert.Equal("failed", Files.Summary.GetProperty("status").GetString());
        Assert.Equal(["epoch,cost"], Files.Lines(RunFiles.Costs));
        Assert.False(File.Exists(Files.Path(RunFiles.Weights)));
        Assert.False(File.Exists(Files.Path(RunFiles.Predictions)));
        var error = Assert.Single(Files.LogEvents(), e => LogEvents.Level(e) == "Error");
        Assert.Contains("at NnLab.", LogEvents.Exception(error));
    }

    [Fact]
    public async Task A_progress_display_that_throws_does_not_lose_the_run()
    {
        var broken = new CallbackMonitor((_, _) => throw new InvalidOperationException("terminal went away"));

        var outcome = await RunAsync(TestExperiments.Xor(), monitor: broken);

        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.Contains(Files.LogEvents(), e => LogEvents.Level(e) == "Warning"
            && LogEvents.Message(e).Contains("terminal went away"));
    }

    [Fact]
    public async Task Without_out_the_run_goes_to_runs_name_utc_timestamp()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 13, 18, 0, TimeSpan.Zero));
        var runner = new ExperimentRunner(_appLogger, clock);

        var outcome = await runner.RunAsync(TestExperiments.Xor(epochs: 10), new RunOptions { RunsRoot = _dir.Combine("runs") });

        Assert.Equal(_dir.Combine("runs", "xor", "20261122T131800Z"), outcome.Folder.FullPath);
        Assert.Equal("2026-11-22T13:18:00Z",
            new RunFolderReader(outcome.Folder.FullPath).Summary.GetProperty("started_utc").GetString());
    }

    private static double[][] Rows(JsonElement matrix) =>
        matrix.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    private sealed class CallbackMonitor(Func<TrainingProgress, Task, Task> watch) : ITrainingMonitor
    {
        public Task WatchAsync(TrainingProgress progress, Task training) => watch(progress, training);
    }
}
