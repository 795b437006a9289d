using System.Globalization;
using NnLab.Experiments.Sweeps;
using NnLab.Runner;
using NnLab.Runner.Launchers;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab sweep FILE --launcher slurm</c> (or <c>sweep.launcher: slurm</c>): submits the sweep as Slurm array jobs,
/// then returns (<c>--detach</c>) or waits for them with progress on stderr, polling squeue and the trial files, and
/// prints the ranked table like a local sweep.
/// </summary>
internal static class SlurmSweepExecution
{
    /// <summary>Seconds between polls while waiting (NNLAB_SLURM_POLL_SECONDS, default 2).</summary>
    private static TimeSpan PollInterval =>
        double.TryParse(Environment.GetEnvironmentVariable("NNLAB_SLURM_POLL_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(Sweep sweep, SweepLauncher launcher, string? output, string? resume, SweepTrialFiles? trialFiles,
        bool detach, bool dryRun, IReadOnlyList<string> plugins, CancellationToken stopping)
    {
        var started = DateTimeOffset.UtcNow;
        string command = launcher.Command ?? NnLabCommand();
        SlurmLaunch launch;
        try
        {
            launch = SlurmSweepLauncher.Launch(sweep, launcher, new SweepRunOptions { OutputDirectory = output, ResumeDirectory = resume, TrialFiles = trialFiles },
                command, dryRun, started, plugins);
        }
        catch (Exception e) when (e is SlurmException or SweepFolderException or RunFolderException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        if (dryRun)
        {
            PrintDryRun(launch);
            return ExitCodes.Success;
        }
        var stdout = Console.Out;
        await stdout.WriteLineAsync($"sweep folder {launch.Folder}");
        foreach (var array in launch.Arrays)
            await stdout.WriteLineAsync($"submitted   array job {array.JobId}: {array.Tasks.Count} task(s), trials {array.Tasks[0].Split('-')[0]}-{array.Tasks[^1].Split('-')[^1]} ({array.Script})");
        await stdout.WriteLineAsync($"trials      {launch.ToRun.Count} to run of {sweep.Trials.Count}, {launch.TrialsPerTask} per task");
        if (detach && launch.ToRun.Count > 0)
        {
            await stdout.WriteLineAsync($"detached    follow with: nnlab sweep status {launch.Folder}   (stop: nnlab sweep cancel {launch.Folder})");
            return ExitCodes.Success;
        }
        var toRun = launch.ToRun.ToHashSet();
        var last = await SlurmSweepWatch.WaitAsync(launch.Folder, toRun, PollInterval,
            state => Console.Error.WriteLine($"slurm: {state.Describe(toRun)}"), stopping);
        if (last is null)
        {
            await Console.Error.WriteLineAsync($"stopped waiting; the array jobs keep running. Follow: nnlab sweep status {launch.Folder}; stop: nnlab sweep cancel {launch.Folder}");
            return ExitCodes.Cancelled;
        }
        var status = last.Trials.Where(t => toRun.Contains(t.Index)).All(t => t.IsFinal || t.Status is TrialStatus.Failed or TrialStatus.Crashed
                || (t.Status == TrialStatus.Running && last.Queue is not null)) // its task has ended: Finish records it crashed
            ? SweepStatus.Completed : SweepStatus.Cancelled;
        var outcome = SlurmSweepWatch.Finish(launch.Folder, status, last.Queue) with { Ran = toRun.Count, WallTime = DateTimeOffset.UtcNow - started };
        foreach (string error in last.Errors) await Console.Error.WriteLineAsync(error);
        SweepResultPrinter.Print(outcome, stdout);
        return ExitCodes.For(outcome);
    }

    private static void PrintDryRun(SlurmLaunch launch)
    {
        var stdout = Console.Out;
        stdout.WriteLine($"# sweep folder {launch.Folder}; {launch.ToRun.Count} trials, {launch.TrialsPerTask} per task, {launch.Scripts.Count} array(s)");
        for (int i = 0; i < launch.Scripts.Count; i++)
        {
            stdout.WriteLine($"# ---- array {i + 1}: slurm/array-{i + 1}.sh ----");
            stdout.Write(launch.Scripts[i]);
            stdout.WriteLine($"# ---- submitted with: {string.Join(' ', launch.Commands[i].Select(SlurmScript.Quote))}");
        }
    }

    /// <summary>The running nnlab, as the nodes can start it: its own executable, or dotnet with nnlab.dll's absolute path.</summary>
    public static string NnLabCommand()
    {
        string process = Environment.ProcessPath ?? "nnlab";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
            return $"{SlurmScript.Quote(process)} {SlurmScript.Quote(Path.Combine(AppContext.BaseDirectory, "nnlab.dll"))}";
        return SlurmScript.Quote(process);
    }
}
