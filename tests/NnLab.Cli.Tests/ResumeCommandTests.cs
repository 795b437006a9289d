using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary>
/// <c>nnlab run --resume RUNDIR</c>: a run SIGKILLed at seeded random moments (during the first run and during a
/// resume) and resumed ends with the bytes of the uninterrupted run; folders it cannot resume are refused with exit 2
/// and left as they were.
/// </summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    // Long enough that the first run is still training when it is killed, up to 0.7 s after its first epoch, with the
    // reference kernels compiled fully optimised from the start (30,000 mini-batch epochs then take about 0.6 s; a
    // full-batch XOR epoch ~0.25 µs plus its cost line every 7 epochs and a checkpoint every 400).
    public static TheoryData<string, string[]> Runs() => new()
    {
        { "full-batch", ["training.epochs=300000", "training.log_every=7", "training.checkpoint_every=400"] },
        { "shuffled-batches", ["training.epochs=100000", "training.log_every=7", "training.checkpoint_every=300",
            "training.batch_size=3", "optimizer.learning_rate=0.5"] },
        { "adam", ["training.epochs=100000", "training.log_every=7", "training.checkpoint_every=300", "training.batch_size=3",
            "optimizer.name=adam", "optimizer.learning_rate=0.01"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_run_killed_at_random_moments_and_resumed_ends_with_the_uninterrupted_bytes(string name, string[] overrides)
    {
        string[] sets = overrides.SelectMany(o => new[] { "--set", o }).ToArray();
        var whole = await NnLabProcess.RunAsync(_cwd.Path, ["run", TempWorkingDirectory.Experiment, "--out", "whole", .. sets]);
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var random = new Random(name.Length * 7919 + 17);
        bool killed = await KillAfter(["run", TempWorkingDirectory.Experiment, "--out", "killed", .. sets], random.Next(100, 700));
        Assert.True(killed, "the first run finished before it could be killed: make it longer");
        Assert.Equal("running", Summary("killed").GetProperty("status").GetString());
        // Killed again while resuming; a resume that finished first leaves nothing for the last one to do.
        if (await KillAfter(["run", "--resume", "killed"], random.Next(50, 500)))
        {
            var resumed = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "killed");
            Assert.True(resumed.ExitCode == 0, resumed.ToString());
        }

        foreach (string file in new[] { "cost.csv", "weights.json", "predictions.csv" })
            Assert.True(File.ReadAllBytes(_cwd.Combine("whole", file)).AsSpan().SequenceEqual(File.ReadAllBytes(_cwd.Combine("killed", file))),
                $"{file} differs from the uninterrupted run's");
        Assert.Equal(Numbers(Summary("whole")), Numbers(Summary("killed")));
        Assert.Empty(Directory.GetFiles(_cwd.Combine("killed"), "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(["last"], Directory.GetDirectories(_cwd.Combine("killed", "checkpoints")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_run_folder_is_refused_with_exit_2_and_left_alone()
    {
        Directory.CreateDirectory(_cwd.Combine("notes"));
        File.WriteAllText(_cwd.Combine("notes", "todo.txt"), "mine");
        var before = _cwd.Entries();

        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "notes");
        var missing = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "nowhere");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error: 'notes' is not a run folder", result.Stderr);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Equal(before, _cwd.Entries());
    }

    [Fact]
    public async Task A_completed_run_and_a_run_without_a_checkpoint_are_refused_with_exit_2_and_left_alone()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "done",
            "--set", "training.epochs=50");
        Assert.True(run.ExitCode == 0, run.ToString());
        var before = Snapshot();

        var completed = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "done");

        Assert.True(completed.ExitCode == 2, completed.ToString());
        Assert.Contains("has completed: there is nothing to resume", completed.Stderr);
        Assert.Equal(before, Snapshot());

        var withFile = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--resume", "done");
        Assert.True(withFile.ExitCode == 2, withFile.ToString());
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Starts nnlab, SIGKILLs it <paramref name="milliseconds"/> after its first epoch; false if it ended first.</summary>
    private async Task<bool> KillAfter(string[] args, int milliseconds)
    {
        using var nnlab = NnLabProcess.Start(_cwd.Path, args);
        await nnlab.TrainingStarted;
        await Task.Delay(milliseconds);
        if (nnlab.HasExited) return false;
        nnlab.Signal(NnLabProcess.SigKill);
        var result = await nnlab.WaitAsync();
        return result.ExitCode != 0;
    }

    private JsonElement Summary(string folder) =>
        JsonDocument.Parse(File.ReadAllText(_cwd.Combine(folder, "summary.json"))).RootElement;

    [Fact]
    public async Task A_run_killed_before_its_first_checkpoint_starts_over_and_ends_with_the_uninterrupted_bytes()
    {
        var whole = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "whole");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.False(Directory.Exists(_cwd.Combine("whole", "checkpoints"))); // a completed short run keeps none

        // What a SIGKILL after a few epochs leaves: the configs, a torn cost.csv, a log, summary.json saying running.
        Directory.CreateDirectory(_cwd.Combine("killed"));
        foreach (string file in new[] { "config.yaml", "config.resolved.yaml", "log.jsonl" })
            File.Copy(_cwd.Combine("whole", file), _cwd.Combine("killed", file));
        string costs = File.ReadAllText(_cwd.Combine("whole", "cost.csv"));
        File.WriteAllText(_cwd.Combine("killed", "cost.csv"), costs[..(costs.IndexOf("300,", StringComparison.Ordinal) + 6)]);
        File.WriteAllText(_cwd.Combine("killed", "summary.json"), File.ReadAllText(_cwd.Combine("whole", "summary.json"))
            .Replace("\"completed\"", "\"running\"", StringComparison.Ordinal));

        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "killed");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        foreach (string file in new[] { "cost.csv", "weights.json", "predictions.csv" })
            Assert.Equal(File.ReadAllBytes(_cwd.Combine("whole", file)), File.ReadAllBytes(_cwd.Combine("killed", file)));
        Assert.Equal(Numbers(Json(_cwd.Combine("whole", "summary.json"))), Numbers(Json(_cwd.Combine("killed", "summary.json"))));
    }

    [Fact]
    public async Task A_run_killed_before_its_summary_json_is_listed_as_interrupted_and_resumed_from_the_start()
    {
        var whole = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "whole",
            "--set", "training.log_every=50");
        Assert.True(whole.ExitCode == 0, whole.ToString());

        // What a SIGKILL between the configs and summary.json leaves: the log, the configs and the stale lock (a
        // kill at random moments landed there once in 30 at load ~20); no summary.json, no cost.csv.
        Directory.CreateDirectory(_cwd.Combine("runs", "killed"));
        foreach (string file in new[] { "config.yaml", "config.resolved.yaml" })
            File.Copy(_cwd.Combine("whole", file), _cwd.Combine("runs", "killed", file));
        File.WriteAllText(_cwd.Combine("runs", "killed", "log.jsonl"), File.ReadAllLines(_cwd.Combine("whole", "log.jsonl"))[0] + "\n");
        File.WriteAllText(_cwd.Combine("runs", "killed", "run.lock"), "{\"Pid\":12");

        var listed = await NnLabProcess.RunAsync(_cwd.Path, "runs", "runs", "--format", "csv");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(listed.StdoutLines, l => l.Contains("interrupted") && l.Contains("killed"));
        Assert.DoesNotContain("no summary.json", listed.Stderr);

        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "run", "--resume", "runs/killed");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        foreach (string file in new[] { "cost.csv", "weights.json", "predictions.csv" })
            Assert.Equal(File.ReadAllBytes(_cwd.Combine("whole", file)), File.ReadAllBytes(_cwd.Combine("runs", "killed", file)));
        // The overrides, which summary.json lists, come from config.resolved.yaml's header.
        Assert.Equal(Numbers(Json(_cwd.Combine("whole", "summary.json"))), Numbers(Json(_cwd.Combine("runs", "killed", "summary.json"))));
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    /// <summary>Everything in summary.json but the wall time, the start time and the folder's name.</summary>
    private static string[] Numbers(JsonElement summary) =>
        summary.EnumerateObject().Where(p => p.Name is not ("wall_time_seconds" or "started_utc" or "run_folder"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}").ToArray();

    /// <summary>Every file under the working directory with its bytes, to show that a refusal changed nothing.</summary>
    private string[] Snapshot() =>
        _cwd.Entries().Select(e => File.Exists(_cwd.Combine(e)) ? e + ":" + Convert.ToHexString(File.ReadAllBytes(_cwd.Combine(e))) : e).ToArray();
}
