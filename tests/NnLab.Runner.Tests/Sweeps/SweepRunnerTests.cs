using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Task<SweepOutcome> RunAsync(Sweep sweep, SweepRunOptions options, CancellationToken cancellation = default) =>
        new SweepRunner(NullLogger<SweepRunner>.Instance, TimeProvider.System).RunAsync(sweep, options, cancellation);

    private Task<SweepOutcome> RunAsync(Sweep sweep, string folder, int parallel = 2) =>
        RunAsync(sweep, new SweepRunOptions { OutputDirectory = _dir.Combine(folder), Parallel = parallel, TrialFiles = SweepTrialFiles.Full });

    private static SweepManifest Manifest(string folder) => ManifestFile.Read(Path.Combine(folder, SweepFiles.Manifest));

    private static string[] CsvLines(string folder, string file) => File.ReadAllLines(Path.Combine(folder, file));

    [Fact]
    public async Task A_sweep_writes_its_definition_manifest_summaries_log_and_one_run_folder_per_trial()
    {
        var sweep = TestSweeps.LearningRates();
        var outcome = await RunAsync(sweep, "out");
        string folder = outcome.Folder.FullPath;

        Assert.Equal(SweepStatus.Completed, outcome.Status);
        Assert.Equal(
            [SweepFiles.Costs, SweepFiles.Groups, SweepFiles.Summary, SweepFiles.Log, SweepFiles.Definition, SweepFiles.Manifest],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(sweep.SourceText, File.ReadAllText(Path.Combine(folder, SweepFiles.Definition)));
        Assert.Equal(sweep.Trials.Select(t => t.Label), Directory.GetDirectories(Path.Combine(folder, "trials")).Select(Path.GetFileName).Order());
        Assert.All(sweep.Trials, t => Assert.True(File.Exists(Path.Combine(folder, "trials", t.Label, RunFiles.Summary))));

        var manifest = Manifest(folder);
        Assert.Equal(sweep.DefinitionHash, manifest.DefinitionHash);
        Assert.Equal(SweepStatus.Completed, manifest.Status);
        Assert.Equal(["optimizer.learning_rate"], manifest.ParameterNames);
        var first = manifest.Trials[0];
        Assert.Equal((0, sweep.Trials[0].Id, "000-learning_rate=0.1", "trials/000-learning_rate=0.1", TrialStatus.Completed),
            (first.Index, first.Id, first.Label, first.RunFolder, first.Status));
        Assert.Equal("0.1", first.Parameters["optimizer.learning_rate"]);
        Assert.Equal(200, first.EpochsCompleted);
        var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest))).RootElement.GetProperty("trials")[0];
        Assert.Equal(
            ["index", "id", "label", "parameters", "status", "reason", "run_folder", "final_cost", "accuracy", "epochs_completed",
             "wall_time_seconds", "started_utc", "finished_utc"],
            written.EnumerateObject().Select(p => p.Name));
        Assert.NotNull(first.FinalCost);
        var events = File.ReadAllLines(Path.Combine(folder, SweepFiles.Log)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, events.Count(e => e.TryGetProperty("Label", out _) && LogEvents.Message(e).StartsWith("Trial ") && e.TryGetProperty("Done", out _)));
    }

    [Fact]
    public async Task Parallel_trials_give_bit_identical_results_to_sequential_ones()
    {
        var sweep = TestSweeps.LearningRates();
        var sequential = await RunAsync(sweep, "one", parallel: 1);
        var parallel = await RunAsync(TestSweeps.LearningRates(), "four", parallel: 4);

        foreach (var trial in sweep.Trials)
        {
            foreach (var file in new[] { RunFiles.Costs, RunFiles.Weights, RunFiles.Predictions })
                Assert.Equal(
                    File.ReadAllBytes(Path.Combine(sequential.Folder.FullPath, "trials", trial.Label, file)),
                    File.ReadAllBytes(Path.Combine(parallel.Folder.FullPath, "trials", trial.Label, file)));
        }
        Assert.Equal(CsvLines(sequential.Folder.FullPath, SweepFiles.Costs), CsvLines(parallel.Folder.FullPath, SweepFiles.Costs));
    }

    [Fact]
    public async Task A_sweep_whose_trials_load_their_experiments_again_writes_what_a_sweep_holding_them_writes()
    {
        // Lean trials trained together in lanes on two workers, each loading its trials as it runs them, repeats included.
        const string axes = "    optimizer.learning_rate: [0.1, 1, 3, 20000]\n    model[1]: [sigmoid, relu]";
        var options = (string folder) => new SweepRunOptions { OutputDirectory = _dir.Combine(folder), Parallel = 2 };
        var held = TestSweeps.Xor(axes, "  repeats: 2");
        var lean = TestSweeps.Xor(axes, "  repeats: 2", heldExperiments: 0);
        Assert.All(lean.Trials, t => Assert.False(t.HoldsExperiment));

        var a = await RunAsync(held, options("held"));
        var b = await RunAsync(lean, options("lean"));

        Assert.Equal(SweepStatus.Completed, b.Status);
        Assert.Equal(CsvLines(a.Folder.FullPath, SweepFiles.Costs), CsvLines(b.Folder.FullPath, SweepFiles.Costs));
        static object Numbers(TrialRecord t) => (t.Index, t.Id, t.Label, t.Status, t.FinalCost, t.Accuracy, t.EpochsCompleted, t.Reason);
        Assert.Equal(a.Trials.Select(Numbers), b.Trials.Select(Numbers));
    }

    [Theory]
    [InlineData(200, 50)]
    // Every epoch recorded: each curve's state line (~110 KB) is longer than the buffers the merge keeps between reads.
    [InlineData(4000, 1)]
    public async Task Summary_and_costs_csv_agree_with_each_trials_own_files(int epochs, int logEvery)
    {
        var outcome = await RunAsync(TestSweeps.Xor("    optimizer.learning_rate: [0.5, 2]", "  repeats: 2", epochs, logEvery: logEvery), "out");
        string folder = outcome.Folder.FullPath;

        var summary = CsvLines(folder, SweepFiles.Summary);
        Assert.Equal("trial,label,optimizer.learning_rate,repeat,seed,status,epochs_completed,final_cost,best_cost,best_epoch,initial_cost,"
            + "final_to_initial,accuracy,wall_time_seconds,reason", summary[0]);
        var costs = CsvLines(folder, SweepFiles.Costs);
        Assert.Equal("trial,optimizer.learning_rate,repeat,seed,epoch,cost", costs[0]);
        Assert.Equal(4, summary.Length - 1);
        foreach (var record in outcome.Trials)
        {
            string trialFolder = Path.Combine(folder, record.RunFolder);
            var own = File.ReadAllLines(Path.Combine(trialFolder, RunFiles.Costs)).Skip(1).ToArray();
            string prefix = $"{record.Index},{record.Parameters["optimizer.learning_rate"]},{record.Parameters["repeat"]},{record.Parameters["seed"]},";
            Assert.Equal(own.Select(row => prefix + row), costs.Where(l => l.StartsWith($"{record.Index},", StringComparison.Ordinal)));

            var row = CsvFields(summary[record.Index + 1]);
            var trialSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(trialFolder, RunFiles.Summary))).RootElement;
            double Number(int column) => double.Parse(row[column], CultureInfo.InvariantCulture);
            var ownCosts = own.Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal([record.Index.ToString(CultureInfo.InvariantCulture), record.Label], row[..2]);
            Assert.Equal("completed", row[5]);
            Assert.Equal(trialSummary.GetProperty("final_cost").GetDouble(), Number(7));
            Assert.Equal(ownCosts.Min(), Number(8));
            Assert.Equal(ownCosts[0], Number(10));
            Assert.Equal(Number(7) / Number(10), Number(11));
            Assert.Equal(trialSummary.GetProperty("accuracy").GetDouble(), Number(12));
        }
    }

    [Fact]
    public async Task A_trial_that_throws_or_diverges_is_recorded_and_the_others_go_on()
    {
        // One linear unit fitting XOR: lr 0.1 learns what it can, lr 10 makes every update overshoot further.
        const string linear = "{linear: {units: 1, init: xavier}}";
        var sweep = TestSweeps.Load($"""
                model: [[{linear}], [{linear}, exploding], [{linear}]]
                optimizer.learning_rate: [0.1, 0.1, 10]
            """, "  mode: zip", epochs: 1000, model: "  - " + linear);
        var outcome = await RunAsync(sweep, "out");

        Assert.Equal(SweepStatus.Completed, outcome.Status);
        Assert.Equal([TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Diverged], outcome.Trials.Select(t => t.Status));
        Assert.Contains("forward exploded", outcome.Trials[1].Reason);
        Assert.Matches("^cost .* exceeded 10000 × the first epoch's cost .* at epoch [0-9]$", outcome.Trials[2].Reason);
        Assert.InRange(outcome.Trials[2].EpochsCompleted!.Value, 1, 9);
        Assert.False(outcome.AllFailed);
        Assert.Equal(["failed"], Summary(outcome, 1, "status"));
        Assert.Equal(["diverged"], Summary(outcome, 2, "status"));
    }

    [Fact]
    public async Task On_error_stop_starts_no_trial_after_the_first_failure()
    {
        var sweep = TestSweeps.Xor("    model[1]: [exploding, sigmoid, tanh, relu]", "  on_error: stop");
        var outcome = await RunAsync(sweep, "out", parallel: 1);

        Assert.Equal(SweepStatus.Stopped, outcome.Status);
        Assert.Equal([TrialStatus.Failed, TrialStatus.Pending, TrialStatus.Pending, TrialStatus.Pending], outcome.Trials.Select(t => t.Status));
        Assert.Equal(SweepStatus.Stopped, Manifest(outcome.Folder.FullPath).Status);
        Assert.False(Directory.Exists(Path.Combine(outcome.Folder.FullPath, "trials", sweep.Trials[1].Label)));
    }

    [Fact]
    public async Task Cancelling_cancels_the_running_trials_starts_no_more_and_leaves_a_valid_manifest()
    {
        var sweep = TestSweeps.Xor("    optimizer.learning_rate: [0.1, 0.5, 1, 2]", epochs: 50_000_000);
        using var cancellation = new CancellationTokenSource();
        var monitor = new CancelWhenRunning(cancellation);
        var outcome = await RunAsync(sweep, new SweepRunOptions { OutputDirectory = _dir.Combine("out"), Parallel = 2, Monitor = monitor, TrialFiles = SweepTrialFiles.Full },
            cancellation.Token);

        Assert.Equal(SweepStatus.Cancelled, outcome.Status);
        var manifest = Manifest(outcome.Folder.FullPath);
        Assert.Equal(SweepStatus.Cancelled, manifest.Status);
        Assert.Equal([TrialStatus.Cancelled, TrialStatus.Cancelled, TrialStatus.Pending, TrialStatus.Pending], manifest.Trials.Select(t => t.Status));
        Assert.All(manifest.Trials.Take(2), t => Assert.Equal("cancelled by the user", t.Reason));
    }

    [Fact]
    public async Task Resume_runs_only_the_trials_not_completed_or_diverged_and_replaces_their_folders()
    {
        var sweep = TestSweeps.LearningRates();
        var first = await RunAsync(sweep, "out");
        string folder = first.Folder.FullPath;
        // As if the sweep had been killed: trial 1 running, 3 failed, 4 never started (and no folder).
        var manifest = Manifest(folder);
        var edited = manifest.Trials.ToArray();
        edited[1] = edited[1] with { Status = TrialStatus.Running };
        edited[3] = edited[3] with { Status = TrialStatus.Failed, Reason = "boom" };
        edited[4] = edited[4] with { Status = TrialStatus.Pending };
        ManifestFile.Write(Path.Combine(folder, SweepFiles.Manifest), manifest with { Trials = edited, Status = SweepStatus.Running });
        // The state files are the record a resume reads first: without them the folder reads as a sweep from before them,
        // whose trials.json and trial folders are all there is.
        Directory.Delete(Path.Combine(folder, StateLog.Folder), recursive: true);
        File.WriteAllText(Path.Combine(folder, "trials", sweep.Trials[1].Label, "stale.txt"), "from the killed run");
        Directory.Delete(Path.Combine(folder, "trials", sweep.Trials[4].Label), recursive: true);
        var untouched = File.GetLastWriteTimeUtc(Path.Combine(folder, "trials", sweep.Trials[0].Label, RunFiles.Summary));
        var costsBefore = CsvLines(folder, SweepFiles.Costs);

        var resumed = await RunAsync(TestSweeps.LearningRates(), new SweepRunOptions { ResumeDirectory = folder, Parallel = 2, TrialFiles = SweepTrialFiles.Full });

        Assert.Equal(3, resumed.Ran);
        Assert.Equal(SweepStatus.Completed, resumed.Status);
        Assert.All(resumed.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Path.Combine(folder, "trials", sweep.Trials[0].Label, RunFiles.Summary)));
        Assert.False(File.Exists(Path.Combine(folder, "trials", sweep.Trials[1].Label, "stale.txt")));
        Assert.Equal(costsBefore, CsvLines(folder, SweepFiles.Costs));
        Assert.Equal(Json(manifest.Trials[0]), Json(Manifest(folder).Trials[0]));
    }

    [Fact]
    public async Task Resume_refuses_a_folder_of_a_different_sweep_and_changes_nothing()
    {
        var first = await RunAsync(TestSweeps.LearningRates(), "out");
        string folder = first.Folder.FullPath;
        string before = File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest));
        var changed = TestSweeps.Xor("    optimizer.learning_rate: [0.1, 0.5, 1, 2, 6]");

        var e = await Assert.ThrowsAsync<SweepFolderException>(() =>
            RunAsync(changed, new SweepRunOptions { ResumeDirectory = folder }));

        Assert.Contains("holds a different sweep", e.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest)));
        await Assert.ThrowsAsync<SweepFolderException>(() =>
            RunAsync(changed, new SweepRunOptions { ResumeDirectory = _dir.Combine("nothing-here") }));
    }

    [Fact]
    public async Task The_manifest_is_valid_json_whenever_another_process_reads_it()
    {
        var sweep = TestSweeps.Xor("    optimizer.learning_rate: {linspace: [0.1, 3, 12]}", epochs: 100);
        string path = _dir.Combine("out", SweepFiles.Manifest);
        using var done = new CancellationTokenSource();
        int reads = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                if (!File.Exists(path)) continue;
                var manifest = ManifestFile.Read(path); // throws on a torn file
                Assert.Equal(12, manifest.Trials.Count);
                reads++;
            }
        });

        await RunAsync(sweep, "out");
        await done.CancelAsync();
        await reader;
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task A_new_sweep_refuses_a_non_empty_out_folder()
    {
        Directory.CreateDirectory(_dir.Combine("taken"));
        File.WriteAllText(_dir.Combine("taken", "notes.txt"), "mine");

        var e = await Assert.ThrowsAsync<SweepFolderException>(() => RunAsync(TestSweeps.LearningRates(), "taken"));

        Assert.Contains("not empty", e.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(_dir.Combine("taken")).Select(Path.GetFileName));
    }

    [Fact]
    public void Ranking_puts_completed_trials_by_final_cost_first_then_diverged_then_failed()
    {
        TrialRecord Trial(int index, TrialStatus status, double? cost) =>
            new(index, "id", $"{index:000}", new Dictionary<string, string>(), status, null, "", cost);
        var trials = new[]
        {
            Trial(0, TrialStatus.Failed, null), Trial(1, TrialStatus.Diverged, 1e9), Trial(2, TrialStatus.Completed, 0.5),
            Trial(3, TrialStatus.Completed, 0.1), Trial(4, TrialStatus.Pending, null), Trial(5, TrialStatus.Completed, double.NaN),
        };

        Assert.Equal([3, 2, 1, 5, 0, 4], SweepRanking.Sort(trials).Select(t => t.Index));
        Assert.Equal(3, SweepRanking.Best(trials)!.Index);
    }

    private static string[] Summary(SweepOutcome outcome, int trial, string column)
    {
        var lines = File.ReadAllLines(Path.Combine(outcome.Folder.FullPath, SweepFiles.Summary));
        int index = Array.IndexOf(CsvFields(lines[0]), column);
        return [CsvFields(lines[trial + 1])[index]];
    }

    private static string Json(TrialRecord record) => JsonSerializer.Serialize(record, NnLab.Runner.Output.RunJson.Options);

    /// <summary>The fields of one CSV line; labels hold commas, so they come quoted.</summary>
    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    /// <summary>Cancels the sweep once two trials are running (training 50 million epochs, they cannot finish first).</summary>
    private sealed class CancelWhenRunning(CancellationTokenSource cancellation) : ISweepMonitor
    {
        public async Task WatchAsync(SweepProgress progress, Task sweep)
        {
            while (progress.Read().Running < 2) await Task.Delay(5);
            await Task.Delay(50);
            await cancellation.CancelAsync();
        }
    }
}
