using System.CommandLine;
using NnLab.Runner.Launchers;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab sweep status DIR</c> (progress of a sweep folder, with its Slurm tasks' states when squeue answers and the
/// errors its tasks logged) and <c>nnlab sweep cancel DIR</c> (scancel on its arrays).
/// </summary>
internal static class SlurmSweepCommands
{
    public static Command Status()
    {
        var folder = new Argument<string>("dir") { Description = "The sweep folder." };
        var command = new Command("status", "Show a sweep folder's progress: trials by status, its Slurm tasks, errors they logged.");
        command.Arguments.Add(folder);
        command.SetAction(parse => PrintStatus(parse.GetValue(folder)!));
        return command;
    }

    public static Command Cancel()
    {
        var folder = new Argument<string>("dir") { Description = "The sweep folder." };
        var command = new Command("cancel", "Cancel a Slurm sweep's array jobs (scancel); its running trials are recorded cancelled.");
        command.Arguments.Add(folder);
        command.SetAction(parse => CancelArrays(parse.GetValue(folder)!));
        return command;
    }

    private static int PrintStatus(string dir)
    {
        if (!File.Exists(Path.Combine(dir, SweepFiles.Manifest)))
        {
            Console.Error.WriteLine($"error: '{dir}' is not a sweep folder: it has no {SweepFiles.Manifest}.");
            return ExitCodes.Usage;
        }
        var jobs = SlurmJobs.Read(dir);
        var state = SlurmSweepWatch.Read(dir);
        bool active = state.Queue is { Count: > 0 } || state.Trials.Any(t => t.Status == TrialStatus.Running);
        var status = active ? SweepStatus.Running
            : state.Trials.All(t => t.IsFinal || t.Status == TrialStatus.Failed) ? SweepStatus.Completed : SweepStatus.Cancelled;
        var results = SlurmSweepWatch.Finish(dir, status);
        var stdout = Console.Out;
        stdout.WriteLine($"sweep folder {Path.GetFullPath(dir)}");
        stdout.WriteLine($"status       {status.ToString().ToLowerInvariant()}");
        stdout.WriteLine($"progress     {state.Describe()}");
        foreach (var array in jobs.Arrays)
        {
            var tasks = state.Queue?.Where(q => q.Key.StartsWith(array.JobId + "_", StringComparison.Ordinal)).ToList();
            string queued = tasks is null ? "squeue did not answer" : tasks.Count == 0 ? "no task queued or running"
                : string.Join(", ", tasks.GroupBy(t => t.Value).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"));
            stdout.WriteLine($"array job    {array.JobId}: {array.Tasks.Count} task(s) ({array.Script}); {queued}");
        }
        foreach (var trial in results.Select(r => r.Record).Where(t => t.Status is not (TrialStatus.Completed or TrialStatus.Diverged or TrialStatus.Pending or TrialStatus.Running)))
            stdout.WriteLine($"trial        {trial.Label}: {trial.Status.ToString().ToLowerInvariant()}{(trial.Reason is null ? "" : $" ({trial.Reason})")}");
        foreach (string error in state.Errors) stdout.WriteLine($"task error   {error}");
        return ExitCodes.Success;
    }

    private static int CancelArrays(string dir)
    {
        var jobs = SlurmJobs.Read(dir);
        if (jobs.Arrays.Count == 0)
        {
            Console.Error.WriteLine($"error: '{dir}' has no Slurm array jobs ({SlurmJobs.Folder}/{SlurmJobs.FileName}).");
            return ExitCodes.Usage;
        }
        try
        {
            var ids = jobs.Arrays.Select(a => a.JobId).ToList();
            var result = SlurmClient.Cancel(ids);
            if (result.ExitCode != 0)
            {
                Console.Error.WriteLine($"error: scancel failed (exit {result.ExitCode}): {result.Message}");
                return ExitCodes.Failure;
            }
            Console.Out.WriteLine($"cancelled    array job(s) {string.Join(", ", ids)}; 'nnlab sweep status {dir}' shows where they stopped, "
                + "'nnlab sweep FILE --resume DIR --launcher slurm' runs the rest");
            return ExitCodes.Success;
        }
        catch (SlurmException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
