using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// <c>--launcher processes</c>: runs the trials in child processes, <c>nnlab sweep-worker DIR --trials A-B --parallel 1</c>,
/// N at once, each on a contiguous slice of the trials. A trial whose process dies under it (Environment.Exit in a
/// plugin, a native crash, a stack overflow) is recorded <c>crashed</c> with the exit code or signal, in this process's
/// state file, and the rest of that slice goes on in a new worker. Progress comes from the workers' state files.
/// </summary>
/// <param name="command">Builds the command line of a worker from its arguments (after <c>nnlab</c>).</param>
/// <param name="time">The clock of the records it writes.</param>
public sealed class ProcessLauncher(Func<IReadOnlyList<string>, ProcessStartInfo> command, TimeProvider time) : ISweepLauncher
{
    private const int SigTerm = 15;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public async Task<bool> RunAsync(SweepLaunch launch, CancellationToken cancellation)
    {
        using var state = new SweepState(launch.Folder.FullPath, launch.Manifest);
        state.Refresh();
        // The status last published of each trial to run (the others are never published).
        var seen = new TrialStatus?[state.Count];
        foreach (int i in launch.ToRun) seen[i] = state[i].Status;
        var changed = new List<int>();
        bool stopped = false;

        void Publish()
        {
            changed.Clear();
            if (!state.Refresh(changed)) return;
            foreach (int i in changed.Distinct())
            {
                if (seen[i] is not { } before) continue;
                var now = state[i];
                if (now.HasEnded && before != TrialStatus.Running) launch.Changed(now with { Status = TrialStatus.Running });
                if (now.Status != before || now.HasEnded) launch.Changed(now);
                seen[i] = now.Status;
                if (now.Status is TrialStatus.Failed && launch.Sweep.Settings.OnError == SweepErrorPolicy.Stop) stopped = true;
            }
        }

        var pending = new Queue<IReadOnlyList<int>>(Slices(launch.ToRun, launch.Parallel));
        var running = new List<Worker>();
        int started = 0;
        using var registration = cancellation.Register(() =>
        {
            lock (running) foreach (var w in running) w.Terminate();
        });
        while (true)
        {
            lock (running)
            {
                while (running.Count < launch.Parallel && pending.Count > 0 && !cancellation.IsCancellationRequested && !stopped)
                    running.Add(Worker.Start(command, launch.Folder.FullPath, pending.Dequeue(), $"proc-{Environment.ProcessId}-{started++}"));
                if (running.Count == 0) break;
            }
            var exited = await Task.WhenAny(running.Select(w => w.Exited).Append(Task.Delay(Poll, time, CancellationToken.None)));
            Publish();
            Worker[] done;
            lock (running)
            {
                done = running.Where(w => w.Process.HasExited).ToArray();
                foreach (var w in done) running.Remove(w);
            }
            foreach (var worker in done)
            {
                await worker.Exited;
                Publish();
                var rest = Settle(worker, state, launch, cancellation.IsCancellationRequested);
                Publish();
                if (rest.Count > 0 && !cancellation.IsCancellationRequested && !stopped) pending.Enqueue(rest);
            }
        }
        Publish();
        return stopped;
    }

    /// <summary>
    /// After a worker ended: its trial still running died with it (crashed, or cancelled when the sweep was); the trials
    /// after it that never ran are returned, for a new worker. A worker that died before starting any trial (it could
    /// not load the sweep) takes its trials with it as failed, with its last words, rather than being restarted forever.
    /// </summary>
    private IReadOnlyList<int> Settle(Worker worker, SweepState state, SweepLaunch launch, bool cancelled)
    {
        int code = worker.Process.ExitCode;
        var now = time.GetUtcNow().UtcDateTime;
        var unfinished = worker.Trials.Where(i => !state[i].HasEnded).ToList();
        var died = unfinished.Where(i => state[i].Status == TrialStatus.Running).ToList();
        foreach (int i in died)
        {
            var record = state[i] with
            {
                Status = cancelled ? TrialStatus.Cancelled : TrialStatus.Crashed,
                Reason = cancelled ? "cancelled" : Describe(code), FinishedUtc = now,
            };
            launch.State.Append(TrialEvent.Of(record, launch.State.Worker, now, exitCode: code));
            if (!cancelled) launch.Log.LogWarning("Trial {Trial} {Label} crashed: {Reason}", i, record.Label, record.Reason);
        }
        var rest = unfinished.Except(died).ToList();
        bool startedAny = worker.Trials.Any(i => state[i].StartedUtc is { } s && s >= worker.StartedUtc);
        if (rest.Count > 0 && !startedAny && !cancelled && code != 130)
        {
            string reason = $"its worker exited with code {code} before running a trial: {worker.LastError}";
            foreach (int i in rest)
            {
                var record = state[i] with { Status = TrialStatus.Failed, Reason = reason, FinishedUtc = now };
                launch.State.Append(TrialEvent.Of(record, launch.State.Worker, now, exitCode: code));
            }
            launch.Log.LogError("A worker exited with code {Code} before running a trial: {Error}", code, worker.LastError);
            return [];
        }
        return rest;
    }

    /// <summary>An exit code in words; 128 + N is signal N (how .NET reports a child killed by a signal).</summary>
    public static string Describe(int code) => code is > 128 and < 160
        ? $"its process was killed by signal {code - 128}{SignalName(code - 128)} (exit code {code})"
        : $"its process exited with code {code.ToString(CultureInfo.InvariantCulture)}";

    private static string SignalName(int signal) => signal switch
    {
        4 => " (SIGILL)", 6 => " (SIGABRT: e.g. a stack overflow)", 7 => " (SIGBUS)", 8 => " (SIGFPE)", 9 => " (SIGKILL)",
        11 => " (SIGSEGV)", 15 => " (SIGTERM)", _ => "",
    };

    /// <summary>The trials cut into <paramref name="count"/> contiguous slices of nearly equal size, in order.</summary>
    internal static IEnumerable<IReadOnlyList<int>> Slices(IReadOnlyList<int> trials, int count)
    {
        count = Math.Clamp(count, 1, Math.Max(1, trials.Count));
        int start = 0;
        for (int s = 0; s < count; s++)
        {
            int size = (trials.Count - start) / (count - s);
            if (size > 0) yield return trials.Skip(start).Take(size).ToList();
            start += size;
        }
    }

    private sealed class Worker
    {
        private readonly Queue<string> _stderr = new();

        private Worker(Process process, IReadOnlyList<int> trials)
        {
            Process = process;
            Trials = trials;
        }

        public Process Process { get; }
        public IReadOnlyList<int> Trials { get; }
        public DateTime StartedUtc { get; } = DateTime.UtcNow.AddSeconds(-1);
        public Task Exited { get; private set; } = Task.CompletedTask;

        public string LastError
        {
            get
            {
                lock (_stderr) return _stderr.LastOrDefault(l => l.StartsWith("error", StringComparison.Ordinal)) ?? _stderr.LastOrDefault() ?? "(no output)";
            }
        }

        public static Worker Start(Func<IReadOnlyList<string>, ProcessStartInfo> command, string folder, IReadOnlyList<int> trials, string id)
        {
            var start = command(["sweep-worker", folder, "--trials", $"{trials[0]}-{trials[^1]}", "--parallel", "1", "--worker-id", id]);
            start.RedirectStandardError = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardInput = true;
            start.UseShellExecute = false;
            var worker = new Worker(new Process { StartInfo = start }, trials);
            worker.Process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (worker._stderr)
                {
                    worker._stderr.Enqueue(e.Data);
                    if (worker._stderr.Count > 20) worker._stderr.Dequeue();
                }
            };
            worker.Process.OutputDataReceived += (_, _) => { };
            worker.Process.Start();
            worker.Process.StandardInput.Close();
            worker.Process.BeginErrorReadLine();
            worker.Process.BeginOutputReadLine();
            worker.Exited = worker.Process.WaitForExitAsync();
            return worker;
        }

        public void Terminate()
        {
            try
            {
                if (!Process.HasExited) _ = Kill(Process.Id, SigTerm);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
