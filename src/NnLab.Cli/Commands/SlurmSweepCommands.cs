using System.CommandLine;
using NnLab.Runner.Launchers;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// The Slurm part of <c>nnlab sweep status DIR</c> (its arrays' tasks as squeue has them, the errors they logged) and
/// <c>nnlab sweep cancel DIR</c> (scancel on its arrays).
/// </summary>
internal static class SlurmSweepCommands
{
    /// <summary>Whether <paramref name="dir"/> is a sweep folder the Slurm launcher submitted (it has slurm/jobs.json).</summary>
    public static bool IsSlurmSweep(string dir) => File.Exists(SlurmJobs.PathIn(dir));

    /// <summary>
    /// Merges the state files (the sweep is running while squeue shows a task of it), prints the table as for any
    /// sweep, then each array's tasks and the error lines of their logs.
    /// </summary>
    public static int PrintStatus(string dir)
    {
        var jobs = SlurmJobs.Read(dir);
        var state = SlurmSweepWatch.Read(dir);
        // With no task queued, a trial the state files still show running has lost its worker: Finish records it crashed.
        bool active = state.Queue is { Count: > 0 } || (state.Queue is null && state.Trials.Any(t => t.Status == TrialStatus.Running));
        var status = active ? SweepStatus.Running
            : state.Trials.All(t => t.IsFinal || t.Status is TrialStatus.Failed or TrialStatus.Crashed or TrialStatus.Running) ? SweepStatus.Completed : SweepStatus.Cancelled;
        var outcome = SlurmSweepWatch.Finish(dir, status, state.Queue);
        var stdout = Console.Out;
        SweepResultPrinter.Print(outcome, stdout);
        stdout.WriteLine();
        stdout.WriteLine($"slurm        {state.Describe()}");
        foreach (var array in jobs.Arrays)
        {
            var tasks = state.Queue?.Where(q => q.Key.StartsWith(array.JobId + "_", StringComparison.Ordinal)).ToList();
            string queued = tasks is null ? "squeue did not answer" : tasks.Count == 0 ? "no task queued or running"
                : string.Join(", ", tasks.GroupBy(t => t.Value).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"));
            stdout.WriteLine($"array job    {array.JobId}: {array.Tasks.Count} task(s) ({array.Script}); {queued}");
        }
        foreach (string error in state.Errors) stdout.WriteLine($"task error   {error}");
        return ExitCodes.Success;
    }

    public static Command Cancel()
    {
        var folder = new Argument<string>("dir") { Description = "The sweep folder." };
        var command = new Command("cancel", "Cancel a Slurm sweep's array jobs (scancel); its running trials are recorded cancelled.");
        command.Arguments.Add(folder);
        command.SetAction(parse => CancelArrays(parse.GetValue(folder)!));
        return command;
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
