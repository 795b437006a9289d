using System.Text.Json;
using System.Text.Json.Nodes;

namespace NnLab.Cli.Tests;

/// <summary>
/// The sweep folder's shared format at scale: state files that survive SIGKILL, sweep-worker's contract, sweep status,
/// sweep materialize, and --launcher processes with a trial that kills its process.
/// </summary>
public sealed class SweepWorkerTests : IDisposable
{
    private const string Sweep = "sweep.yaml";
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private void WriteSweep(string block, int epochs, int logEvery = 50)
    {
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment))
            .Replace("epochs: 5000, log_every: 100", $"epochs: {epochs}, log_every: {logEvery}");
        File.WriteAllText(_cwd.Combine(Sweep), xor + block + "\n");
    }

    private JsonElement Manifest(string folder) =>
        JsonDocument.Parse(File.ReadAllText(_cwd.Combine(folder, "trials.json"))).RootElement;

    private string[] Statuses(string folder) =>
        Manifest(folder).GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("status").GetString()!).ToArray();

    /// <summary>summary.csv without its wall_time_seconds column (the only one that differs between two runs).</summary>
    private string[] SummaryNumbers(string folder)
    {
        var lines = File.ReadAllLines(_cwd.Combine(folder, "summary.csv"));
        // Labels are quoted and hold commas: drop the field counted from the end (wall time, reason).
        return lines.Select(l =>
        {
            var fields = l.Split(',');
            int at = fields.Length - 2;
            return string.Join(',', fields.Where((_, i) => i != at));
        }).ToArray();
    }

    private int StateLines(string folder) =>
        Directory.Exists(_cwd.Combine(folder, "state"))
            ? Directory.GetFiles(_cwd.Combine(folder, "state")).Sum(f => File.ReadAllLines(f).Length)
            : 0;

    [Fact]
    public async Task A_large_sweep_killed_with_sigkill_resumes_to_the_numbers_of_an_uninterrupted_one()
    {
        WriteSweep("sweep:\n  mode: random\n  samples: 2000\n  axes:\n    optimizer.learning_rate: {log_uniform: [0.1, 10]}", epochs: 40, logEvery: 20);

        using (var process = NnLabProcess.Start(_cwd.Path, ["sweep", Sweep, "--out", "killed", "--parallel", "2"]))
        {
            await WaitUntil(() => StateLines("killed") >= 600, process);
            process.Signal(NnLabProcess.SigKill);
            await process.WaitAsync();
        }
        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--resume", "killed");
        var whole = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "whole");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Matches(@"^completed \(2000 trials, \d+ run now: 2000 completed\)$", resumed.SummaryValue("status"));
        Assert.DoesNotMatch(@"2000 run now", resumed.SummaryValue("status"));
        Assert.All(Statuses("killed"), s => Assert.Equal("completed", s));
        Assert.Equal(2001, File.ReadAllLines(_cwd.Combine("killed", "summary.csv")).Length);
        Assert.Equal(2000 * 3 + 1, File.ReadAllLines(_cwd.Combine("killed", "costs.csv")).Length);
        Assert.Equal(SummaryNumbers("whole"), SummaryNumbers("killed"));
        Assert.Equal(File.ReadAllText(_cwd.Combine("whole", "costs.csv")), File.ReadAllText(_cwd.Combine("killed", "costs.csv")));
        Assert.False(Directory.Exists(_cwd.Combine("whole", "trials")), "lean trials write no run folder");
    }

    [Fact]
    public async Task Sweep_worker_runs_a_range_skips_done_trials_and_status_merges_them()
    {
        WriteSweep("sweep:\n  axes:\n    optimizer.learning_rate: [0.5, 1, 2, 4, 8, 16]", epochs: 100);
        var reference = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "ref");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        // The same sweep folder before any trial ran: trials.json all pending, no state.
        var started = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "w");
        Assert.True(started.ExitCode == 0, started.ToString());
        Directory.Delete(_cwd.Combine("w", "state"), recursive: true);
        var manifest = JsonNode.Parse(File.ReadAllText(_cwd.Combine("w", "trials.json")))!;
        foreach (var trial in manifest["trials"]!.AsArray()) trial!["status"] = "pending";
        File.WriteAllText(_cwd.Combine("w", "trials.json"), manifest.ToJsonString());

        var range = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "w", "--trials", "2-4", "--parallel", "1", "--worker-id", "a");
        var all = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "w", "--trials", "0-5", "--worker-id", "b");
        var again = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "w", "--trials", "0-5");
        var status = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "status", "w");

        Assert.True(range.ExitCode == 0, range.ToString());
        Assert.Equal("worker a: 3 trials, 0 already done, 3 completed, 0 diverged, 0 failed, 0 cancelled or not run", range.StdoutLines[^1]);
        Assert.Equal(6, File.ReadAllLines(_cwd.Combine("w", "state", "a.jsonl")).Length); // started and ended, per trial
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal("worker b: 6 trials, 3 already done, 3 completed, 0 diverged, 0 failed, 0 cancelled or not run", all.StdoutLines[^1]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("6 trials, 6 already done", again.StdoutLines[^1]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.All(Statuses("w"), s => Assert.Equal("completed", s));
        Assert.Equal(SummaryNumbers("ref"), SummaryNumbers("w"));
        Assert.Equal(File.ReadAllText(_cwd.Combine("ref", "costs.csv")), File.ReadAllText(_cwd.Combine("w", "costs.csv")));
    }

    [Fact]
    public async Task Sweep_worker_refuses_a_folder_that_is_not_a_sweep_folder_with_exit_2()
    {
        Directory.CreateDirectory(_cwd.Combine("empty"));

        var missing = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "nowhere", "--trials", "0-3");
        var empty = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "empty", "--trials", "0-3");

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.StartsWith("error: 'nowhere' is not a sweep folder: no such folder here", missing.StderrLines[0]);
        Assert.True(empty.ExitCode == 2, empty.ToString());
        Assert.StartsWith("error: 'empty' is not a sweep folder: it has no trials.json", empty.StderrLines[0]);
        Assert.False(Directory.Exists(_cwd.Combine("nowhere")));
        Assert.Empty(Directory.GetFileSystemEntries(_cwd.Combine("empty")));
    }

    [Fact]
    public async Task Sweep_worker_refuses_trials_outside_the_sweep()
    {
        WriteSweep("sweep:\n  axes:\n    optimizer.learning_rate: [0.5, 1]", epochs: 10);
        Assert.Equal(0, (await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "s")).ExitCode);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep-worker", "s", "--trials", "1-2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: --trials: '1-2' is outside the sweep's trials 0-1", result.StderrLines[^1]);
    }

    [Fact]
    public async Task Processes_launcher_records_a_trial_that_kills_its_process_as_crashed_and_runs_the_others()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        WriteSweep("sweep:\n  axes:\n    model[1]: [sigmoid, tanh, crashing_forward, sigmoid, tanh, sigmoid]", epochs: 50, logEvery: 10);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "p", "--launcher", "processes", "--parallel", "2",
            "--plugins", "my-plugins");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed (6 trials, 6 run now: 5 completed, 1 crashed)", result.SummaryValue("status"));
        Assert.Equal(["completed", "completed", "crashed", "completed", "completed", "completed"], Statuses("p"));
        Assert.Equal("its process exited with code 3", Manifest("p").GetProperty("trials")[2].GetProperty("reason").GetString());
        Assert.Contains("2,002-model[1]=crashing_forward,crashing_forward,crashed,,,,,,,,,its process exited with code 3",
            File.ReadAllLines(_cwd.Combine("p", "summary.csv")));
        // The sweep's own (the crash record) and one per worker: slices 0-2 and 3-5; trial 2 ended the first, nothing of it was left.
        Assert.Equal(3, Directory.GetFiles(_cwd.Combine("p", "state")).Length);
    }

    [Fact]
    public async Task Materialize_reruns_one_lean_trial_into_a_full_run_folder_with_the_same_numbers()
    {
        WriteSweep("sweep:\n  axes:\n    optimizer.learning_rate: [0.5, 2]", epochs: 200);
        Assert.Equal(0, (await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--out", "s")).ExitCode);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "materialize", "s", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("the sweep's record of trial 1 says the same final cost", result.StdoutLines[^1]);
        string folder = _cwd.Combine("s", "trials", "001-learning_rate=2");
        foreach (string file in new[] { "config.resolved.yaml", "cost.csv", "predictions.csv", "weights.json", "summary.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        var rerun = await NnLabProcess.RunAsync(_cwd.Path, "run", Path.Combine("s", "trials", "001-learning_rate=2", "config.resolved.yaml"), "--out", "r");
        Assert.Equal(result.SummaryValue("final cost"), rerun.SummaryValue("final cost"));
    }

    [Theory]
    [InlineData("in-process", "lean")]
    [InlineData("processes", "full")]
    public async Task A_sweep_stopped_as_preempted_checkpoints_its_running_trials_and_resume_continues_them_to_the_uninterrupted_numbers(
        string launcher, string files)
    {
        // Trial 0 short, trial 1 thirty times longer, side by side: trial 1 is stopped in the middle of its training
        // (3 M epochs: ~0.75 s at XOR's 250 ns an epoch, so the signal still lands with most of it left).
        WriteSweep("sweep:\n  axes:\n    training.epochs: [100000, 3000000]", epochs: 3000000, logEvery: 10000);
        string marker = _cwd.Combine("preempted.marker");
        string[] run = ["sweep", Sweep, "--launcher", launcher, "--trial-files", files, "--parallel", "2"];
        const string label = "001-epochs=3000000";
        using (var process = NnLabProcess.Start(_cwd.Path, [.. run, "--out", "p"], ("NNLAB_PREEMPT_MARKER", marker)))
        {
            // Trial 1 has trained: trial 0 completed beside it, and a full trial 1 has recorded 200,000 epochs.
            string costs = _cwd.Combine("p", "trials", label, "cost.csv");
            await WaitUntil(() => StateEvents("p").Any(e => e.Trial == 0 && e.Status == "completed")
                && (files == "lean" ? StateEvents("p").Any(e => e.Trial == 1) : File.Exists(costs) && File.ReadAllLines(costs).Length > 20), process);
            // What a preemption does (the Slurm batch script, or one's own): the marker, then SIGTERM.
            File.WriteAllText(marker, "");
            process.Signal(NnLabProcess.SigTerm);
            var stopped = await process.WaitAsync();
            Assert.True(stopped.ExitCode == 130, stopped.ToString());
        }
        File.Delete(marker);
        var preempted = Manifest("p").GetProperty("trials")[1];
        Assert.Equal("preempted", preempted.GetProperty("status").GetString());
        int stoppedAt = preempted.GetProperty("epochs_completed").GetInt32();
        Assert.InRange(stoppedAt, 1, 3_000_000 - 1);
        Assert.Contains($"continues from its checkpoint (trials/{label}/checkpoints/last)", preempted.GetProperty("reason").GetString());
        Assert.True(File.Exists(_cwd.Combine("p", "trials", label, "checkpoints", "last", "checkpoint.json")));
        Assert.Equal(["completed", "preempted"], Statuses("p"));

        var resumed = await NnLabProcess.RunAsync(_cwd.Path, [.. run, "--resume", "p"]);
        var whole = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Sweep, "--trial-files", files, "--out", "whole");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Equal("completed (2 trials, 1 run now: 2 completed)", resumed.SummaryValue("status"));
        // It trained only the epochs after its checkpoint, and ended with the uninterrupted numbers, curve and all.
        var continued = Manifest("p").GetProperty("trials")[1];
        Assert.Equal(stoppedAt, continued.GetProperty("resumed_from_epoch").GetInt32());
        Assert.Equal(3_000_000, continued.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(["running", "preempted", "running", "completed"], StateEvents("p").Where(e => e.Trial == 1).Select(e => e.Status));
        Assert.Equal(SummaryNumbers("whole"), SummaryNumbers("p"));
        Assert.Equal(File.ReadAllText(_cwd.Combine("whole", "costs.csv")), File.ReadAllText(_cwd.Combine("p", "costs.csv")));
        if (files == "lean")
        {
            Assert.False(Directory.Exists(_cwd.Combine("p", "trials")), "a lean trial keeps no folder once it has ended");
        }
        else
        {
            foreach (string name in new[] { "cost.csv", "weights.json", "predictions.csv" })
                Assert.Equal(File.ReadAllBytes(_cwd.Combine("whole", "trials", label, name)),
                    File.ReadAllBytes(_cwd.Combine("p", "trials", label, name)));
            Assert.False(Directory.Exists(_cwd.Combine("p", "trials", label, "checkpoints")));
        }
    }

    private sealed record StateEvent(int Trial, string Status, DateTime Utc);

    /// <summary>
    /// Every complete line of the sweep's state files in the order they were written (by their time, as the merge reads
    /// them): the files' names (writer-host-pid-random) say nothing about which process came first.
    /// </summary>
    private IEnumerable<StateEvent> StateEvents(string folder) =>
        Directory.Exists(_cwd.Combine(folder, "state"))
            ? Directory.GetFiles(_cwd.Combine(folder, "state"))
                .SelectMany(f => File.ReadAllText(f).Split('\n').SkipLast(1))
                .Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => new StateEvent(e.GetProperty("trial").GetInt32(), e.GetProperty("status").GetString()!,
                    e.GetProperty("utc").GetDateTime()))
                .OrderBy(e => e.Utc)
                .ToList()
            : [];

    private static async Task WaitUntil(Func<bool> condition, NnLabProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.False(process.HasExited, "the sweep ended before it could be killed");
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the sweep");
            await Task.Delay(10);
        }
    }
}
