using System.Diagnostics;
using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary>Issue #19 through the real CLI: limits with exit 2 and a location, raising a limit, Ctrl+C while loading, a plugin that ends the process, --out "".</summary>
public sealed class ReliabilityCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Deep_nesting_is_refused_with_exit_2_and_a_location_and_the_limit_can_be_raised()
    {
        File.WriteAllText(_cwd.Combine("deep.yaml"), "name: x\nvalue: " + new string('[', 37_000) + "\n");
        var clock = Stopwatch.StartNew();
        var deep = await NnLabProcess.RunAsync(_cwd.Path, "validate", "deep.yaml");
        Assert.True(deep.ExitCode == 2, deep.ToString());
        Assert.Contains(deep.StderrLines, l => l.StartsWith("error: deep.yaml:2:") && l.Contains("NnLab:Limits:MaxDepth"));
        Assert.True(clock.Elapsed.TotalSeconds < 10);

        File.WriteAllText(_cwd.Combine("ninety.yaml"), File.ReadAllText(Repository.Experiment("xor.yaml"))
            + "extra: " + new string('[', 90) + new string(']', 90) + "\n");
        var refused = await NnLabProcess.RunAsync(_cwd.Path, "validate", "ninety.yaml");
        Assert.Contains(refused.StderrLines, l => l.Contains("nested more than 64 levels"));
        var raised = await NnLabProcess.RunAsync(_cwd.Path, "validate", "ninety.yaml", "--NnLab:Limits:MaxDepth=100");
        Assert.DoesNotContain(raised.StderrLines, l => l.Contains("nested more than"));
        Assert.Contains(raised.StderrLines, l => l.Contains("unknown key 'extra'") || l.Contains("extra"));
    }

    [Fact]
    public async Task Ctrl_c_while_the_experiment_file_is_a_pipe_without_writer_exits_130()
    {
        using (var mkfifo = Process.Start("mkfifo", [_cwd.Combine("exp.yaml")])!) mkfifo.WaitForExit();
        using var nnlab = NnLabProcess.Start(_cwd.Path, ["validate", "exp.yaml"]);
        await Task.Delay(1500);
        Assert.False(nnlab.HasExited);
        nnlab.Signal(NnLabProcess.SigInt);
        var clock = Stopwatch.StartNew();
        var result = await nnlab.WaitAsync();
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(clock.Elapsed.TotalSeconds < 3, $"{clock.Elapsed.TotalSeconds:F1} s after SIGINT");
    }

    [Fact]
    public async Task A_plugin_that_ends_the_process_mid_run_leaves_a_failed_summary_and_a_non_zero_exit()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        File.WriteAllText(_cwd.Combine("exit.yaml"), """
            name: exits
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model: [{linear: {units: 2}}, exiting_forward, {linear: {units: 1}}, sigmoid]
            training: {epochs: 100, log_every: 1}
            """);
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "exit.yaml", "--out", "out", "--plugins", "my-plugins");
        Assert.True(result.ExitCode == 1, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("out", "summary.json")));
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.Contains("Environment.Exit", summary.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_trial_that_ends_the_process_fails_the_in_process_sweep_with_a_reason_and_a_resume_completes_it()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        File.WriteAllText(_cwd.Combine("exit.flag"), "");
        // While exit.flag exists, trial 1 ends the process (Environment.Exit(0)) on its third forward pass, and trial 0
        // holds its first one: both are running then.
        File.WriteAllText(_cwd.Combine("exits.yaml"), """
            name: exits
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model: [{linear: {units: 2}}, {exit_when_marked: {pass: 0, marker: exit.flag}}, {linear: {units: 1}}, sigmoid]
            training: {epochs: 3000, log_every: 100}
            sweep:
              mode: zip
              axes:
                model[1].pass: [0, 3]
                model[1].wait: [true, false]
            """);
        string[] args = ["sweep", "exits.yaml", "--launcher", "in-process", "--parallel", "2", "--plugins", "my-plugins"];

        var ended = await NnLabProcess.RunAsync(_cwd.Path, [.. args, "--out", "s"]);

        Assert.True(ended.ExitCode == 1, ended.ToString());
        using (var manifest = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("s", "trials.json"))))
        {
            var root = manifest.RootElement;
            Assert.Equal("failed", root.GetProperty("status").GetString());
            string reason = root.GetProperty("reason").GetString()!;
            Assert.StartsWith("the process was ended (Environment.Exit) while trials 0 (", reason);
            Assert.Contains(", 1 (", reason);
            Assert.All(root.GetProperty("trials").EnumerateArray(), t =>
            {
                Assert.Equal("failed", t.GetProperty("status").GetString());
                Assert.Contains("Environment.Exit", t.GetProperty("reason").GetString());
            });
        }
        // The state file, the sweep's record, says the same: each trial's last event is failed, with the reason.
        var events = Directory.GetFiles(_cwd.Combine("s", "state"), "*.jsonl").SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (int trial in new[] { 0, 1 })
        {
            var last = events.Last(e => e.GetProperty("trial").GetInt32() == trial);
            Assert.Equal("failed", last.GetProperty("status").GetString());
            Assert.Contains("Environment.Exit", last.GetProperty("reason").GetString());
        }

        File.Delete(_cwd.Combine("exit.flag"));
        var resumed = await NnLabProcess.RunAsync(_cwd.Path, [.. args, "--resume", "s"]);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        using var done = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("s", "trials.json")));
        Assert.Equal("completed", done.RootElement.GetProperty("status").GetString());
        Assert.All(done.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_run_folder_is_locked_a_second_resume_is_refused_naming_the_owner_and_a_dead_owners_lock_is_taken_over()
    {
        string[] longRun = ["run", TempWorkingDirectory.Experiment, "--out", "r", "--set", "training.epochs=100000000",
            "--set", "training.log_every=1000", "--set", "training.checkpoint_every=1000"];
        string host = Environment.MachineName;
        using (var first = NnLabProcess.Start(_cwd.Path, longRun))
        {
            await first.TrainingStarted;
            // The run itself holds its folder: resuming it meanwhile would run two trainings into one folder.
            var meanwhile = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "r");
            Assert.True(meanwhile.ExitCode == 2, meanwhile.ToString());
            Assert.Contains($"error: the run folder 'r' is in use by process {first.Id} on {host}", meanwhile.Stderr);
            first.Signal(NnLabProcess.SigKill);
            await first.WaitAsync();
        }
        Assert.True(File.Exists(_cwd.Combine("r", "run.lock")), "a killed run leaves its lock (stale)");

        using (var resume = NnLabProcess.Start(_cwd.Path, ["run", "--resume", "r"]))
        {
            // The killed run's lock was stale: this resume took it over.
            await resume.TrainingStarted;
            var second = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "r");
            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains($"error: the run folder 'r' is in use by process {resume.Id} on {host}", second.Stderr);
            Assert.Contains("run.lock", second.Stderr);
            resume.Signal(NnLabProcess.SigKill);
            await resume.WaitAsync();
        }

        using var third = NnLabProcess.Start(_cwd.Path, ["run", "--resume", "r"]);
        await third.TrainingStarted;
        third.Signal(NnLabProcess.SigInt);
        var stopped = await third.WaitAsync();
        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.False(File.Exists(_cwd.Combine("r", "run.lock")), "a run gives its lock back when it ends");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    public async Task An_empty_out_is_a_usage_error(string command)
    {
        string file = command == "run" ? Repository.Experiment("xor.yaml") : Repository.Experiment("sweeps/xor-learning-rate.yaml");
        var result = await NnLabProcess.RunAsync(_cwd.Path, command, file, "--out", "");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.StderrLines, l => l.Contains("--out needs the path of a folder"));
    }
}
