using System.Text;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Launchers;

/// <summary>
/// Writes one array's batch script. Task t runs <c>nnlab sweep-worker DIR --trials A-B --parallel N</c> with its
/// range from the script's own table; stdout and stderr go to <c>slurm/&lt;array&gt;_&lt;task&gt;.out/.err</c>. Slurm
/// sends the batch shell USR1 <c>signal_seconds</c> before the time limit (<c>--signal=B:USR1@S</c>): the script then
/// creates the preemption marker, sends the worker SIGTERM (it stops its running trials, checkpoints them and records
/// them <c>preempted</c>), waits for it, and requeues the task (<c>scontrol requeue</c>): the requeued worker skips the
/// trials already completed or diverged, continues the preempted ones from their checkpoints and runs the others.
/// Every run of task t appends to the same state file,
/// <c>state/slurm-&lt;array job&gt;_&lt;t&gt;.jsonl</c>.
/// </summary>
public static class SlurmScript
{
    /// <param name="launcher">The sbatch options.</param>
    /// <param name="sweepName">The sweep's name (the default job name).</param>
    /// <param name="tasks">Each task's trial range.</param>
    /// <param name="sweepFolder">The sweep folder's absolute path (on a filesystem the nodes share).</param>
    /// <param name="workingDirectory">Where the worker starts (the submitting directory: relative data paths resolve from it).</param>
    /// <param name="command">The nnlab command line, already quoted for the shell.</param>
    /// <param name="plugins">Plugin folders the worker loads (<c>--plugins</c>, absolute paths), as the submitting nnlab did.</param>
    public static string Render(SweepLauncher launcher, string sweepName, string sweepFolder, string workingDirectory, string command,
        IReadOnlyList<(int First, int Last)> tasks, IReadOnlyList<string>? plugins = null)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# Written by nnlab for the sweep in ").Append(sweepFolder).Append(": one array task per line of 'ranges' below.\n");
        foreach (string directive in Directives(launcher, sweepName, sweepFolder, workingDirectory, tasks.Count))
            s.Append("#SBATCH ").Append(directive).Append('\n');
        s.Append('\n');
        foreach (string line in launcher.Setup) s.Append(line).Append('\n');
        if (launcher.Setup.Count > 0) s.Append('\n');
        s.Append("sweep=").Append(Quote(sweepFolder)).Append('\n');
        s.Append("ranges=(").Append(string.Join(' ', tasks.Select(SlurmPlan.Range))).Append(")\n");
        s.Append("range=${ranges[$SLURM_ARRAY_TASK_ID]}\n");
        s.Append("export NNLAB_PREEMPT_MARKER=\"$sweep/slurm/preempted.${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n");
        s.Append("rm -f \"$NNLAB_PREEMPT_MARKER\"\n");
        s.Append("echo \"nnlab: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (job $SLURM_JOB_ID, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname): trials $range\"\n");
        s.Append('\n');
        s.Append("# Slurm's warning before the time limit (or a preemption): checkpoint the running trials, record them preempted, stop, requeue.\n");
        s.Append("preempted=\n");
        s.Append("on_warning() {\n");
        s.Append("  preempted=1\n");
        s.Append("  touch \"$NNLAB_PREEMPT_MARKER\"\n");
        s.Append("  kill -TERM \"$worker\" 2>/dev/null\n");
        s.Append("}\n");
        s.Append("trap on_warning USR1\n");
        s.Append('\n');
        s.Append(command).Append(" sweep-worker \"$sweep\" --trials \"$range\" --parallel \"${SLURM_CPUS_PER_TASK:-1}\" "
            + "--worker-id \"slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\""
            + string.Concat((plugins ?? []).Select(p => " --plugins " + Quote(p))) + " &\n");
        s.Append("worker=$!\n");
        s.Append("# wait returns early when a signal is trapped: wait again until the worker has really ended.\n");
        s.Append("while :; do\n");
        s.Append("  wait \"$worker\"; code=$?\n");
        s.Append("  kill -0 \"$worker\" 2>/dev/null || break\n");
        s.Append("done\n");
        s.Append("if [[ -n $preempted ]]; then\n");
        s.Append("  echo \"nnlab: requeueing task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (worker exit $code)\"\n");
        s.Append("  scontrol requeue \"$SLURM_JOB_ID\"\n");
        s.Append("  exit 0\n");
        s.Append("fi\n");
        s.Append("exit $code\n");
        return s.ToString();
    }

    private static IEnumerable<string> Directives(SweepLauncher launcher, string sweepName, string sweepFolder, string workingDirectory, int taskCount)
    {
        yield return $"--job-name={launcher.JobName ?? "nnlab-" + sweepName}";
        yield return $"--array=0-{taskCount - 1}" + (launcher.ArrayParallelism is { } p ? $"%{p}" : "");
        yield return $"--output={sweepFolder}/{SlurmJobs.Folder}/%A_%a.out";
        yield return $"--error={sweepFolder}/{SlurmJobs.Folder}/%A_%a.err";
        yield return "--open-mode=append";
        yield return $"--chdir={workingDirectory}";
        yield return $"--cpus-per-task={launcher.CpusPerTask ?? 1}";
        yield return $"--signal=B:USR1@{launcher.SignalSeconds}";
        yield return "--requeue";
        if (launcher.Partition is { } partition) yield return $"--partition={partition}";
        if (launcher.Time is { } time) yield return $"--time={time}";
        if (launcher.Mem is { } mem) yield return $"--mem={mem}";
        if (launcher.MemPerCpu is { } memPerCpu) yield return $"--mem-per-cpu={memPerCpu}";
        if (launcher.Account is { } account) yield return $"--account={account}";
        if (launcher.Qos is { } qos) yield return $"--qos={qos}";
        if (launcher.Constraint is { } constraint) yield return $"--constraint={constraint}";
        if (launcher.Gres is { } gres) yield return $"--gres={gres}";
    }

    /// <summary>Single-quoted for bash: safe for any path.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@".Contains(c)) ? text : "'" + text.Replace("'", "'\\''") + "'";
}
