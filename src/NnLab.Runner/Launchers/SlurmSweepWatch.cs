using System.Text;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Launchers;

/// <summary>Where a Slurm sweep stands: its trials (merged state files), its arrays' tasks in squeue, and errors its tasks logged.</summary>
/// <param name="Trials">Every trial's record.</param>
/// <param name="Queue">"job_task" → Slurm state for the tasks still queued or running; null when squeue did not answer.</param>
/// <param name="Errors">"slurm/A_a.err: line" for every line starting "error:" in the tasks' logs, and a line for every task
/// that left the queue without writing a log while trials of it never ran (see <see cref="SlurmSweepWatch.Unlogged"/>).</param>
public sealed record SlurmSweepState(IReadOnlyList<TrialRecord> Trials, IReadOnlyDictionary<string, string>? Queue, IReadOnlyList<string> Errors)
{
    public int Count(TrialStatus status) => Trials.Count(t => t.Status == status);

    /// <summary>One line: the trials by status, then the tasks by Slurm state.</summary>
    public string Describe(IReadOnlyCollection<int>? of = null)
    {
        var trials = of is null ? Trials : Trials.Where(t => of.Contains(t.Index)).ToList();
        var text = new StringBuilder($"{trials.Count(t => t.IsFinal)}/{trials.Count} trials done");
        foreach (var status in Enum.GetValues<TrialStatus>())
        {
            int n = trials.Count(t => t.Status == status);
            if (n > 0 && status is not TrialStatus.Completed) text.Append($", {n} {status.ToString().ToLowerInvariant()}");
        }
        if (Queue is null) text.Append("; squeue did not answer (progress from the trial files only)");
        else if (Queue.Count == 0) text.Append("; no task in the queue");
        else text.Append("; tasks: ").Append(string.Join(", ", Queue.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}")));
        return text.ToString();
    }
}

/// <summary>Reads a Slurm sweep's state, waits for its arrays (polling squeue, one call for all), and writes its summaries.</summary>
public static class SlurmSweepWatch
{
    public static SlurmSweepState Read(string folder)
    {
        var jobs = SlurmJobs.Read(folder);
        var queue = SlurmClient.Queue(jobs.Arrays.Select(a => a.JobId).ToList());
        var manifest = ManifestFile.Read(Path.Combine(folder, SweepFiles.Manifest));
        var trials = SweepRunner.ReadRecords(folder, manifest);
        var errors = Errors(folder).Concat(Unlogged(folder, jobs, queue, trials).Select(u =>
            $"{SlurmJobs.Folder}/{u}: the task left the queue without writing its log {SlurmJobs.Folder}/{u}.out, and its trials never ran: {NoLog}")).ToList();
        return new SlurmSweepState(trials, queue, errors);
    }

    /// <summary>
    /// Polls every <paramref name="interval"/> until none of the sweep's tasks is queued or running (or, where squeue
    /// does not answer, every trial of <paramref name="toRun"/> has ended), calling <paramref name="report"/> when
    /// anything changed. Returns the last state, or null when <paramref name="cancellation"/> stopped the wait.
    /// </summary>
    public static async Task<SlurmSweepState?> WaitAsync(string folder, IReadOnlyCollection<int> toRun, TimeSpan interval,
        Action<SlurmSweepState> report, CancellationToken cancellation)
    {
        string? last = null;
        while (true)
        {
            var state = Read(folder);
            string line = state.Describe(toRun);
            if (line != last) report(state);
            last = line;
            bool ended = state.Queue is { Count: 0 }
                || (state.Queue is null && state.Trials.Where(t => toRun.Contains(t.Index)).All(t => t.HasEnded && t.Status != TrialStatus.Preempted));
            if (ended) return state;
            try
            {
                await Task.Delay(interval, cancellation);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Merges the state files into trials.json (with <paramref name="status"/>) and the CSV files; a trial that failed,
    /// was cancelled or preempted, or never ran although its task ended gets the log of the task that ran it in its reason.
    /// </summary>
    /// <remarks>
    /// A pending trial whose task left the queue (<paramref name="queue"/> answered) without writing a log never
    /// started: its reason says why that happens (<see cref="NoLog"/>) instead of naming a log that does not exist. A
    /// trial still running by the state files whose task has left the queue is <c>crashed</c> (<see cref="Died"/>): its
    /// worker ended without recording its end, as a process launcher's child would.
    /// </remarks>
    public static SweepOutcome Finish(string folder, SweepStatus status, IReadOnlyDictionary<string, string>? queue = null)
    {
        var jobs = SlurmJobs.Read(folder);
        return SweepRunner.Merge(folder, TimeProvider.System, t =>
        {
            if (t.IsFinal || jobs.LogOf(t.Index) is not { } log || t.Reason?.Contains(log, StringComparison.Ordinal) == true) return t;
            bool gone = queue is not null && !queue.ContainsKey(log[(SlurmJobs.Folder.Length + 1)..]);
            if (t.Status == TrialStatus.Running)
                return gone ? t with { Status = TrialStatus.Crashed, Reason = $"its task ended while it ran: {Died} (log: {log}.err)" } : t;
            if (t.Status == TrialStatus.Pending && gone && !HasLog(folder, log))
                return t with { Reason = $"never ran: its task ({log}) left the queue without writing its log ({log}.out): {NoLog}" };
            string why = t.Reason ?? (t.Status == TrialStatus.Pending ? "never ran" : "");
            return t with { Reason = $"{why} (log: {log}.err)".TrimStart() };
        }, status);
    }

    /// <summary>Why a task ends while its worker still has a trial running.</summary>
    public const string Died = "its worker process died (a plugin that ended it, a crash, the node lost, or the time limit reached "
        + "before the warning was handled)";

    /// <summary>Why a task leaves no log: what the user should check.</summary>
    public const string NoLog = "it was cancelled before it started, or its node could not open the sweep folder "
        + "(the folder must be on a filesystem every node shares; Slurm writes the task's log into it before nnlab starts)";

    /// <summary>
    /// The tasks ("A_a") that are no longer queued or running, wrote no log (.out or .err), and have a trial that is
    /// still pending: they never started, so their trials never ran. None when squeue did not answer (a task may
    /// still be waiting).
    /// </summary>
    public static IReadOnlyList<string> Unlogged(string folder, SlurmJobs jobs, IReadOnlyDictionary<string, string>? queue, IReadOnlyList<TrialRecord> trials)
    {
        if (queue is null) return [];
        var tasks = new List<string>();
        foreach (var trial in trials)
        {
            if (trial.Status != TrialStatus.Pending || jobs.LogOf(trial.Index) is not { } log) continue;
            string task = log[(SlurmJobs.Folder.Length + 1)..];
            if (!queue.ContainsKey(task) && !HasLog(folder, log) && !tasks.Contains(task)) tasks.Add(task);
        }
        return tasks;
    }

    private static bool HasLog(string folder, string log) =>
        File.Exists(Path.Combine(folder, log + ".out")) || File.Exists(Path.Combine(folder, log + ".err"));

    /// <summary>Lines that start with "error:" in the tasks' .err logs, each prefixed with its log's name.</summary>
    public static IReadOnlyList<string> Errors(string folder)
    {
        string logs = Path.Combine(folder, SlurmJobs.Folder);
        if (!Directory.Exists(logs)) return [];
        var errors = new List<string>();
        foreach (string file in Directory.GetFiles(logs, "*.err").Order(StringComparer.Ordinal))
        {
            try
            {
                foreach (string line in File.ReadLines(file))
                    if (line.StartsWith("error:", StringComparison.Ordinal)) errors.Add($"{SlurmJobs.Folder}/{Path.GetFileName(file)}: {line}");
            }
            catch (IOException)
            {
            }
        }
        return errors;
    }
}
