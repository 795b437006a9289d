using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace NnLab.Cli.Tests.Slurm;

/// <summary>
/// <c>nnlab sweep --launcher slurm</c> against the real single-node cluster of <see cref="SlurmCluster"/>: the trials
/// run as packed array tasks (nnlab sweep-worker on the node, each task appending to its own state file) into the same
/// folder, with the same numbers as an in-process sweep, split into several arrays past MaxArraySize, cancelled and
/// resumed, and preempted (checkpointed, recorded so), requeued and continued from the checkpoints.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmSweepTests(SlurmCluster cluster, ITestOutputHelper output) : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    private const string Xor = """
        name: xor-slurm
        seed: 48
        data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        optimizer: {name: gradient_descent, learning_rate: 1}

        """;

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Xor_learning_rate_sweep_as_packed_array_tasks_gives_the_local_costs_bit_for_bit()
    {
        string file = _cwd.Combine("xor-learning-rate.yaml");
        File.WriteAllText(file, File.ReadAllText(Repository.Experiment("sweeps/xor-learning-rate.yaml"))
            + "  launcher: {name: slurm, trials_per_task: 12, cpus_per_task: 2}\n");
        string slurmDir = cluster.NewFolder("xor");
        Directory.Delete(slurmDir);

        var local = await Nnlab("sweep", file, "--set", "training.epochs=500", "--launcher", "local", "--out", "local");
        Assert.True(local.ExitCode == 0, local.ToString());
        var slurm = await Nnlab("sweep", file, "--set", "training.epochs=500", "--out", slurmDir);
        Assert.True(slurm.ExitCode == 0, slurm.ToString());

        var jobs = Jobs(slurmDir);
        Assert.Equal(["0-11", "12-23", "24-35", "36-47"], jobs.Single().Tasks);
        Assert.Equal(File.ReadAllText(_cwd.Combine("local", "costs.csv")), File.ReadAllText(Path.Combine(slurmDir, "costs.csv")));
        Assert.Equal(48, Trials(slurmDir).Count(t => t.Status is "completed" or "diverged"));
        Assert.Contains("best ", slurm.Stdout);
        Assert.Contains("slurm: ", slurm.Stderr);
    }

    [Fact]
    public async Task A_sweep_of_more_tasks_than_MaxArraySize_is_split_into_arrays_that_all_complete()
    {
        string file = _cwd.Combine("split.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 200, log_every: 100}
            sweep:
              launcher: {name: slurm, trials_per_task: 1}
              axes:
                optimizer.learning_rate: {linspace: [0.5, 5, 10]}
            """);
        string dir = Path.Combine(cluster.NewFolder("split"), "sweep");
        // squeue as nnlab finds it on PATH: the real one, each call's arguments logged.
        string calls = _cwd.Combine("squeue-calls.txt");
        string tools = Tools(squeue: $"#!/bin/sh\necho \"$*\" >> {calls}\nexec /usr/bin/squeue \"$@\"\n");

        var result = await NnLabProcess.RunAsync(_cwd.Path, ["sweep", file, "--out", dir], [.. cluster.Environment, ("PATH", tools)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var jobs = Jobs(dir);
        Assert.Equal([SlurmCluster.MaxArraySize, 10 - SlurmCluster.MaxArraySize], jobs.Select(a => a.Tasks.Length));
        Assert.All(Trials(dir), t => Assert.Equal("completed", t.Status));
        Assert.Equal(10, File.ReadAllLines(Path.Combine(dir, "summary.csv")).Length - 1);
        // While it waited, every poll asked squeue once about both arrays.
        var polls = File.ReadAllLines(calls);
        Assert.NotEmpty(polls);
        Assert.All(polls, p => Assert.Equal($"-h -r -o %i %T -j {jobs[0].JobId},{jobs[1].JobId}", p));
    }

    [Fact]
    public async Task Without_squeue_the_wait_follows_the_trial_files_to_the_end()
    {
        // No squeue on PATH (and no accounting on this cluster, and sacct is never used): nnlab still submits, waits until
        // every trial has ended by the state files alone, and prints the table.
        string file = _cwd.Combine("nosqueue.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 200, log_every: 100}
            sweep:
              launcher: {name: slurm, trials_per_task: 2}
              axes:
                optimizer.learning_rate: [1, 2, 3]
            """);
        string dir = Path.Combine(cluster.NewFolder("nosqueue"), "sweep");

        var result = await NnLabProcess.RunAsync(_cwd.Path, ["sweep", file, "--out", dir], [.. cluster.Environment, ("PATH", Tools(squeue: null))]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("squeue did not answer (progress from the trial files only)", result.Stderr);
        Assert.Contains("3/3 trials done", result.Stderr);
        Assert.All(Trials(dir), t => Assert.Equal("completed", t.Status));
        Assert.Contains("status       completed (3 trials, 3 run now: 3 completed)", result.Stdout);
        cluster.WaitGone(Jobs(dir).Select(a => a.JobId), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_task_that_cannot_see_the_sweep_folder_is_named_with_the_reason_and_resume_runs_its_trials()
    {
        // The nodes of a real cluster see the folder or they do not; here the one node is kept from it by moving the
        // folder away while the array is held, then releasing the array. Slurm cannot open the task's log in the folder,
        // so the task ends before nnlab starts, leaving no log and its trials pending.
        string file = _cwd.Combine("unshared.yaml");
        string sweepFile = Xor + """
            training: {epochs: 200, log_every: 100}
            sweep:
              launcher: {name: slurm, trials_per_task: 2, sbatch_args: ["--hold"]}
              axes:
                optimizer.learning_rate: [1, 2, 3]
            """;
        File.WriteAllText(file, sweepFile);
        string dir = Path.Combine(cluster.NewFolder("unshared"), "sweep"), away = dir + "-elsewhere";
        var submitted = await Nnlab("sweep", file, "--out", dir, "--detach");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        string job = Jobs(dir).Single().JobId;
        Directory.Move(dir, away);
        cluster.Client("scontrol", "release", job);
        cluster.WaitGone([job], TimeSpan.FromSeconds(30));
        Directory.Move(away, dir);

        var status = await Nnlab("sweep", "status", dir);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("status       cancelled (3 trials, 0 run now: 3 pending)", status.Stdout);
        foreach (string task in new[] { $"{job}_0", $"{job}_1" })
            Assert.Contains($"task error   slurm/{task}: the task left the queue without writing its log slurm/{task}.out, and its trials never ran: "
                + "it was cancelled before it started, or its node could not open the sweep folder (the folder must be on a filesystem every node shares", status.Stdout);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "trials.json"))))
            Assert.Equal([$"never ran: its task (slurm/{job}_0) left the queue without writing its log (slurm/{job}_0.out): {NoLog}",
                    $"never ran: its task (slurm/{job}_0) left the queue without writing its log (slurm/{job}_0.out): {NoLog}",
                    $"never ran: its task (slurm/{job}_1) left the queue without writing its log (slurm/{job}_1.out): {NoLog}"],
                json.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("reason").GetString()));

        // Once the folder is where the nodes see it, a resume runs them (the launcher block is not part of the definition).
        File.WriteAllText(file, sweepFile.Replace(", sbatch_args: [\"--hold\"]", ""));
        var resumed = await Nnlab("sweep", file, "--resume", dir, "--launcher", "slurm");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.All(Trials(dir), t => Assert.Equal("completed", t.Status));
    }

    [Fact]
    public async Task Plugins_reach_the_tasks_and_a_failed_or_crashed_trial_names_its_tasks_log()
    {
        // --plugins on the submitting command reaches every task's worker. Trial 1's plugin layer throws (failed, its
        // exception in the reason); trial 3's ends its worker's process (Environment.Exit(3)) mid-trial, so its task ends
        // with the trial still running by the state files: recorded crashed. Both name their task's log; the others run.
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        string file = _cwd.Combine("plugins.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 50, log_every: 10}
            sweep:
              launcher: {name: slurm, trials_per_task: 2}
              axes:
                model[1]: [sigmoid, throwing_forward, sigmoid, crashing_forward, tanh]
            """);
        string dir = Path.Combine(cluster.NewFolder("plugins"), "sweep");

        var result = await Nnlab("sweep", file, "--plugins", "my-plugins", "--out", dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        string job = Jobs(dir).Single().JobId;
        Assert.Equal(["completed", "failed", "completed", "crashed", "completed"], Trials(dir).Select(t => t.Status));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "trials.json")));
        var reasons = json.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.TryGetProperty("reason", out var r) ? r.GetString() : null).ToArray();
        Assert.Equal("layer 'throwing_forward' (plugin my-plugins/broken (NnLab.TestPlugins.Broken 0.1.0.0)): layer 1 forward pass threw "
            + $"InvalidOperationException: forward exploded (log: slurm/{job}_0.err)", reasons[1]);
        Assert.Equal("its task ended while it ran: its worker process died (a plugin that ended it, a crash, the node lost, or the time limit "
            + $"reached before the warning was handled) (log: slurm/{job}_1.err)", reasons[3]);
        Assert.Contains("status       completed (5 trials, 5 run now:", result.Stdout);
        Assert.Contains("/my-plugins", File.ReadAllText(Path.Combine(dir, "slurm", "array-1.sh")));
    }

    private const string NoLog = "it was cancelled before it started, or its node could not open the sweep folder "
        + "(the folder must be on a filesystem every node shares; Slurm writes the task's log into it before nnlab starts)";

    /// <summary>
    /// A PATH for nnlab (and the tasks, which inherit it) with every command of /usr/bin but squeue, which is
    /// <paramref name="squeue"/> (a shell script) or missing.
    /// </summary>
    private string Tools(string? squeue)
    {
        string bin = _cwd.Combine("tools-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(bin);
        foreach (string tool in Directory.GetFiles("/usr/bin"))
            if (Path.GetFileName(tool) != "squeue") File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(tool)), tool);
        if (squeue is not null && !OperatingSystem.IsWindows())
        {
            File.WriteAllText(Path.Combine(bin, "squeue"), squeue);
            File.SetUnixFileMode(Path.Combine(bin, "squeue"), (UnixFileMode)0b111_101_101);
        }
        return $"{bin}:/usr/sbin:/sbin";
    }

    [Fact]
    public async Task Detach_status_cancel_then_resume_completes_the_cancelled_trials()
    {
        // Two trials of about 8 s each (16M XOR epochs at ~0.5 µs) in one task, side by side: long enough that the
        // cancel always lands while they run, short enough that the resume is quick.
        string file = _cwd.Combine("long.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 16000000, log_every: 100000}
            sweep:
              launcher: {name: slurm, trials_per_task: 2, cpus_per_task: 2, sbatch_args: ["--hold"]}
              axes:
                optimizer.learning_rate: [1, 2]
            """);
        string dir = Path.Combine(cluster.NewFolder("cancel"), "sweep");

        // The array is submitted held (sbatch --hold): no trial can run until the test releases it, so --detach returns
        // as soon as it is submitted or not at all (a nnlab that waited would time out here).
        var submitted = await Nnlab("sweep", file, "--out", dir, "--detach");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Contains("detached", submitted.Stdout);
        string job = Jobs(dir).Single().JobId;
        Assert.Equal("PENDING", cluster.Client("squeue", "-h", "-r", "-j", job, "-o", "%T").Trim());
        Assert.Empty(StateLines(dir));
        // status of the detached sweep while its task waits in the queue.
        var status = await Nnlab("sweep", "status", dir);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("status       running (2 trials, 0 run now: 2 pending)", status.Stdout);
        Assert.Contains("ranked by final cost", status.Stdout);
        Assert.Contains($"array job    {job}: 1 task(s) (slurm/array-1.sh); 1 pending", status.Stdout);

        cluster.Client("scontrol", "release", job);
        // Lean trials: a worker's state file says when its trials start. Cancelled at once, the trials (about 4 s each)
        // are still training.
        cluster.WaitFor(() => StateLines(dir).Any(l => l.Contains("\"status\":\"running\"")), "a trial to start", TimeSpan.FromSeconds(30));
        Assert.False(Directory.Exists(Path.Combine(dir, "trials")));

        var cancel = await Nnlab("sweep", "cancel", dir);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        cluster.WaitGone(Jobs(dir).Select(a => a.JobId), TimeSpan.FromSeconds(30));
        var after = await Nnlab("sweep", "status", dir);
        Assert.Contains("no task queued or running", after.Stdout);
        Assert.Contains(Trials(dir), t => t.Status == "cancelled");
        Assert.Contains("(log: slurm/", after.Stdout + File.ReadAllText(Path.Combine(dir, "trials.json")));
        Assert.DoesNotContain(Trials(dir), t => t.Status == "running");

        File.WriteAllText(file, File.ReadAllText(file).Replace(", sbatch_args: [\"--hold\"]", ""));
        var resumed = await Nnlab("sweep", file, "--resume", dir, "--launcher", "slurm");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(2, Jobs(dir).Count);
        Assert.All(Trials(dir), t => Assert.Equal("completed", t.Status));
    }

    [Fact]
    public async Task A_preempted_task_requeues_and_continues_its_trials_from_their_checkpoints_to_the_numbers_of_an_uninterrupted_run()
    {
        // Two trials side by side in one task: 0 short, 1 two hundred times longer. When 0 has completed, 1 has seconds of
        // training left (both sweeps are waited for in turn), so the preemption lands in the middle of it. (At 10 million
        // epochs, trial 1 took about a second once the XOR loop ran at 4-5 million epochs/s: on a busy machine the second
        // sweep's trial 1 could end before the test looked.) The same sweep twice at once: lean trials (the default: the
        // checkpoint is written only on the preemption) and full ones (run folders, compared file by file).
        const int longTrial = 40_000_000;
        string file = _cwd.Combine("preempt.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 40000000, log_every: 200000}
            sweep:
              launcher: {name: slurm, trials_per_task: 2, cpus_per_task: 2}
              axes:
                training.epochs: [200000, 40000000]
            """);
        var watch = Stopwatch.StartNew();
        string lean = Path.Combine(cluster.NewFolder("preempt-lean"), "sweep"), full = Path.Combine(cluster.NewFolder("preempt-full"), "sweep");
        foreach (var (dir, files) in new[] { (lean, "lean"), (full, "full") })
        {
            var submitted = await Nnlab("sweep", file, "--out", dir, "--trial-files", files, "--detach");
            Assert.True(submitted.ExitCode == 0, submitted.ToString());
        }
        var sweeps = new[] { lean, full }.Select(dir => (Dir: dir, Job: Jobs(dir).Single().JobId)).ToArray();
        string StateFile((string Dir, string Job) s) => Path.Combine(s.Dir, "state", $"slurm-{s.Job}_0.jsonl");
        string OutLog((string Dir, string Job) s) => Path.Combine(s.Dir, "slurm", $"{s.Job}_0.out");
        foreach (var sweep in sweeps)
        {
            cluster.WaitFor(() => Events(StateFile(sweep), 0).Contains("completed") && Events(StateFile(sweep), 1).SequenceEqual(["running"]),
                "trial 0 to complete while trial 1 trains", TimeSpan.FromSeconds(60));
            // What Slurm does signal_seconds before the time limit: USR1 to the batch shell.
            cluster.Client("scancel", "--signal=USR1", "--batch", $"{sweep.Job}_0");
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: trial 0 of {sweep.Job}_0 completed, trial 1 training: USR1 sent");
        }
        foreach (var sweep in sweeps)
            cluster.WaitFor(() => File.ReadAllText(OutLog(sweep)).Contains("requeueing task")
                && cluster.Client("squeue", "-h", "-j", sweep.Job, "-o", "%T").Trim() == "PENDING", "the task to be requeued", TimeSpan.FromSeconds(30));
        // Slurm holds a requeued job back for a while (its begin time); a test need not wait for that. But slurmd
        // refuses a credential issued in the same second its predecessor's was revoked ("Job credential revoked"):
        // let the clock move on first.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var (_, job) in sweeps) cluster.Client("scontrol", "update", $"JobId={job}_0", "StartTime=now");
        foreach (var sweep in sweeps)
            cluster.WaitFor(() => File.ReadAllText(OutLog(sweep)).Contains("restart 1"), "the requeued task to start", TimeSpan.FromSeconds(60));
        cluster.WaitGone(sweeps.Select(s => s.Job), TimeSpan.FromSeconds(60));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: both requeued tasks ended");

        var local = await Nnlab("sweep", file, "--launcher", "local", "--trial-files", "full", "--out", "local");
        Assert.True(local.ExitCode == 0, local.ToString());
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: the uninterrupted in-process sweep ended");
        int fullStoppedAt = 0;
        foreach (var sweep in sweeps)
        {
            string log = File.ReadAllText(OutLog(sweep));
            Assert.True(log.Contains("requeueing task") && log.Contains("restart 1"), log);
            // Both runs of the task appended to one state file. Trial 0 had completed: the requeued task skipped it.
            Assert.Equal(["running", "completed"], Events(StateFile(sweep), 0));
            Assert.Equal(["running", "preempted", "running", "completed"], Events(StateFile(sweep), 1));
            var trial1 = Lines(StateFile(sweep)).Where(e => e.GetProperty("trial").GetInt32() == 1).ToArray();
            // Preempted mid-training, it kept its checkpoint and the requeued task went on from there: it trained only
            // the epochs after it, not all of them again.
            int stoppedAt = trial1[1].GetProperty("epochs_completed").GetInt32();
            Assert.InRange(stoppedAt, 1, longTrial - 1);
            Assert.Contains("continues from its checkpoint", trial1[1].GetProperty("reason").GetString());
            Assert.False(trial1[0].TryGetProperty("resumed_from_epoch", out _));
            Assert.Equal(stoppedAt, trial1[2].GetProperty("resumed_from_epoch").GetInt32());
            Assert.Equal(stoppedAt, trial1[3].GetProperty("resumed_from_epoch").GetInt32());
            Assert.Equal(longTrial, trial1[3].GetProperty("epochs_completed").GetInt32());
            if (sweep.Dir == full) fullStoppedAt = stoppedAt;
            output.WriteLine($"{(sweep.Dir == full ? "full" : "lean")}: trial 1 preempted after epoch {stoppedAt}, continued from it: "
                + $"{longTrial - stoppedAt} epochs trained after the requeue, of {longTrial}");

            var status = await Nnlab("sweep", "status", sweep.Dir);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.All(Trials(sweep.Dir), t => Assert.True(t.Status == "completed", status.ToString() + log));
            // The continued trial's whole curve, and every other number, as an uninterrupted in-process sweep's.
            Assert.Equal(File.ReadAllText(_cwd.Combine("local", "costs.csv")), File.ReadAllText(Path.Combine(sweep.Dir, "costs.csv")));
            Assert.Equal(Numbers(_cwd.Combine("local")), Numbers(sweep.Dir));
        }
        // A lean trial keeps nothing once it has ended: the folder its preemption wrote is gone.
        Assert.False(Directory.Exists(Path.Combine(lean, "trials")));
        // A full trial's folder ends as the uninterrupted run's, file for file, without the checkpoint.
        string label = Path.GetFileName(Directory.GetDirectories(_cwd.Combine("local", "trials")).Order().Last());
        string continued = Path.Combine(full, "trials", label);
        foreach (string name in new[] { "cost.csv", "weights.json", "predictions.csv", "config.resolved.yaml" })
            Assert.True(File.ReadAllBytes(_cwd.Combine("local", "trials", label, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(continued, name))), name);
        Assert.False(Directory.Exists(Path.Combine(continued, "checkpoints")));
        Assert.Contains($"Resuming xor-slurm at epoch {fullStoppedAt} of {longTrial}", File.ReadAllText(Path.Combine(continued, "log.jsonl")));
    }

    [Fact]
    public async Task Dry_run_prints_the_batch_scripts_and_sbatch_command_lines_and_submits_nothing()
    {
        string file = _cwd.Combine("dry.yaml");
        File.WriteAllText(file, Xor + """
            training: {epochs: 200, log_every: 100}
            sweep:
              launcher: {name: slurm, trials_per_task: 3, partition: debug, time: "00:10:00", array_parallelism: 2, setup: ["module load dotnet"], sbatch_args: ["--nice=10"],
                         cpus_per_task: 2, mem: 2G, account: lab, qos: short, constraint: avx2, gres: "gpu:1", job_name: lr, signal_seconds: 90}
              axes:
                optimizer.learning_rate: {linspace: [0.5, 5, 10]}
            """);

        var result = await Nnlab("sweep", file, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Every option as its sbatch flag (the log and working-directory paths aside).
        Assert.Equal(["--job-name=lr", "--array=0-3%2", "--open-mode=append", "--cpus-per-task=2", "--signal=B:USR1@90", "--requeue",
                "--partition=debug", "--time=00:10:00", "--mem=2G", "--account=lab", "--qos=short", "--constraint=avx2", "--gres=gpu:1"],
            result.Stdout.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l["#SBATCH ".Length..])
                .Where(d => !d.StartsWith("--output=", StringComparison.Ordinal) && !d.StartsWith("--error=", StringComparison.Ordinal) && !d.StartsWith("--chdir=", StringComparison.Ordinal)));
        Assert.Contains("/slurm/%A_%a.out", result.Stdout);
        Assert.Contains("/slurm/%A_%a.err", result.Stdout);
        Assert.Contains("module load dotnet", result.Stdout);
        Assert.Contains("ranges=(0-2 3-5 6-8 9-9)", result.Stdout);
        Assert.Contains("sbatch --parsable --nice=10 ", result.Stdout);
        Assert.False(Directory.Exists(_cwd.Combine("sweeps")));

        // The default trials_per_task: the example's 48 XOR trials (5000 epochs, about 7 ms each) all in one task; trials
        // expected to take over a minute (500 M epochs) one per task, 48 tasks in arrays of MaxArraySize (8).
        var packed = await Nnlab("sweep", Repository.Experiment("sweeps/xor-learning-rate.yaml"), "--launcher", "slurm", "--dry-run");
        Assert.True(packed.ExitCode == 0, packed.ToString());
        Assert.Contains("48 trials, 48 per task, 1 array(s)", packed.Stdout);
        Assert.Contains("ranges=(0-47)", packed.Stdout);
        var single = await Nnlab("sweep", Repository.Experiment("sweeps/xor-learning-rate.yaml"), "--launcher", "slurm", "--dry-run", "--set", "training.epochs=500000000");
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Contains("48 trials, 1 per task, 6 array(s)", single.Stdout);
        Assert.Contains("ranges=(40-40 41-41 42-42 43-43 44-44 45-45 46-46 47-47)", single.Stdout);
        // Each array's own script in its sbatch command line.
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"slurm/array-{n}.sh"),
            single.Stdout.Split('\n').Where(l => l.StartsWith("# ---- submitted with: sbatch", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("slurm/array-", StringComparison.Ordinal))..].TrimEnd('\'')));
        Assert.False(Directory.Exists(_cwd.Combine("sweeps")));
    }

    [Fact]
    public async Task Slurm_errors_are_clear_and_exit_2()
    {
        string file = _cwd.Combine("err.yaml");
        File.WriteAllText(file, Xor + "training: {epochs: 10}\nsweep:\n  launcher: {name: slurm, mem: 1G, mem_per_cpu: 1G}\n  axes:\n    seed: [1, 2]\n");
        var both = await Nnlab("sweep", file);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("sweep.launcher.mem: give either 'mem'", both.Stderr);

        File.WriteAllText(file, Xor + "training: {epochs: 10}\nsweep:\n  launcher: slurm\n  axes:\n    seed: [1, 2]\n");
        var parallel = await Nnlab("sweep", file, "--parallel", "2");
        Assert.Equal(2, parallel.ExitCode);
        Assert.Contains("--parallel is for the in-process and processes launchers", parallel.Stderr);
        var detach = await Nnlab("sweep", file, "--launcher", "in-process", "--detach");
        Assert.Equal(2, detach.ExitCode);
        Assert.Contains("--detach needs the Slurm launcher", detach.Stderr);

        var noSbatch = await NnLabProcess.RunAsync(_cwd.Path, ["sweep", file, "--out", "nowhere"], [.. cluster.Environment, ("PATH", "/nonexistent")]);
        Assert.Equal(2, noSbatch.ExitCode);
        Assert.Contains("is not on PATH", noSbatch.Stderr);
        Assert.False(Directory.Exists(_cwd.Combine("nowhere")));

        // sbatch's own refusal, word for word after nnlab's line.
        File.WriteAllText(file, Xor + "training: {epochs: 10}\nsweep:\n  launcher: {name: slurm, partition: nosuchpartition}\n  axes:\n    seed: [1, 2]\n");
        var refused = await Nnlab("sweep", file, "--out", "refused");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: sbatch refused the submission (exit 1): sbatch: error: invalid partition specified: nosuchpartition", refused.Stderr);
        Assert.Contains("sbatch: error: Batch job submission failed: Invalid partition name specified", refused.Stderr);
        Assert.False(File.Exists(_cwd.Combine("refused", "slurm", "jobs.json")));

        var unshared = await Nnlab("sweep-worker", "/nonexistent/sweep", "--trials", "0-1");
        Assert.Equal(2, unshared.ExitCode);
        Assert.Contains("is not a sweep folder: no such folder here", unshared.Stderr);
    }

    private Task<CliResult> Nnlab(params string[] args) => NnLabProcess.RunAsync(_cwd.Path, args, cluster.Environment);

    /// <summary>The complete lines of a state file (none while it does not exist).</summary>
    private static JsonElement[] Lines(string stateFile) =>
        File.Exists(stateFile)
            ? File.ReadAllText(stateFile).Split('\n').SkipLast(1).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToArray()
            : [];

    /// <summary>The statuses a state file records for one trial, in order.</summary>
    private static string[] Events(string stateFile, int trial) =>
        Lines(stateFile).Where(e => e.GetProperty("trial").GetInt32() == trial).Select(e => e.GetProperty("status").GetString()!).ToArray();

    /// <summary>summary.csv without its wall_time_seconds column (the only one two runs of a sweep differ in).</summary>
    private static string[] Numbers(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        int wall = System.Array.IndexOf(lines[0].Split(','), "wall_time_seconds");
        // Labels are quoted and hold commas: the column is counted from the end (wall time, reason).
        int fromEnd = lines[0].Split(',').Length - wall;
        return lines.Select(l => l.Split(',') is var f ? string.Join(',', f.Where((_, i) => i != f.Length - fromEnd)) : l).ToArray();
    }

    private sealed record Array(string JobId, string[] Tasks);

    private sealed record Trial(int Index, string Status);

    private static IEnumerable<string> StateLines(string dir) =>
        Directory.Exists(Path.Combine(dir, "state"))
            ? Directory.GetFiles(Path.Combine(dir, "state"), "*.jsonl").SelectMany(f => File.ReadAllLines(f))
            : [];

    private static List<Array> Jobs(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "slurm", "jobs.json")));
        return json.RootElement.GetProperty("arrays").EnumerateArray()
            .Select(a => new Array(a.GetProperty("job_id").GetString()!, a.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()!).ToArray()))
            .ToList();
    }

    /// <summary>Every trial's status in trials.json (as the last nnlab command merged it).</summary>
    private static List<Trial> Trials(string dir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "trials.json")));
        return json.RootElement.GetProperty("trials").EnumerateArray()
            .Select(t => new Trial(t.GetProperty("index").GetInt32(), t.GetProperty("status").GetString()!)).ToList();
    }
}
