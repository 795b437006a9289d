using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Progress;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>How a sweep command ended, and what its report needs.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="ReportFolder">The sweep folder to write report.html in; null: no report (nothing ran, or the disk is full).</param>
/// <param name="Registry">The components the sweep was loaded with (its plugins'), which the report names.</param>
internal sealed record SweepRun(int ExitCode, string? ReportFolder = null, NnLab.Registry.ComponentRegistry? Registry = null)
{
    /// <summary>A command that ended without running a sweep (a usage error, a dry run, a Slurm submission): no report.</summary>
    public static implicit operator SweepRun(int exitCode) => new(exitCode);
}

/// <summary>Runs a loaded sweep for <c>nnlab sweep</c> and for <c>nnlab run</c> on a sweep file and prints its table (<see cref="ReportAfterAsync"/> writes its report).</summary>
internal sealed class SweepExecution(IServiceProvider services, ConsoleLogging console)
{
    /// <param name="sweep">The validated sweep.</param>
    /// <param name="registry">The components it was loaded with (its plugins'), which its report names.</param>
    /// <param name="parallel">--parallel, or null for the sweep block's <c>parallel</c>, else the processor count.</param>
    /// <param name="output">--out, or null for sweeps/&lt;name&gt;/&lt;UTC time&gt;.</param>
    /// <param name="resume">--resume, or null for a new sweep.</param>
    /// <param name="stopping">Ctrl+C / SIGTERM.</param>
    /// <param name="launcher">--launcher processes: run the trials in child worker processes; null: in this process.</param>
    /// <param name="trialFiles">--trial-files, or null for the sweep block's <c>trial_files</c>.</param>
    public async Task<SweepRun> RunAsync(Sweep sweep, NnLab.Registry.ComponentRegistry registry, int? parallel, string? output, string? resume, CancellationToken stopping,
        ISweepLauncher? launcher = null, SweepTrialFiles? trialFiles = null)
    {
        if (output is not null && string.IsNullOrWhiteSpace(output))
        {
            await Console.Error.WriteLineAsync("error: --out needs the path of a folder to create, got an empty one.");
            return ExitCodes.Usage;
        }
        var options = new SweepRunOptions
        {
            OutputDirectory = output,
            ResumeDirectory = resume,
            Parallel = parallel ?? sweep.Settings.Parallel ?? Environment.ProcessorCount,
            Monitor = SpectreSweepMonitor.ForTerminal(console),
            Launcher = launcher,
            TrialFiles = trialFiles,
        };
        var (exitCode, folder) = await RunAndPrintAsync(sweep, options, stopping);
        return new SweepRun(exitCode, folder, registry);
    }

    /// <summary>
    /// Waits for a sweep command (<paramref name="running"/>: loading the sweep, running it, printing its table), then writes
    /// the sweep's report.html from its folder, and gives the command's exit code.
    /// </summary>
    /// <remarks>
    /// The report is made here, after the command's own methods have returned, so that the sweep they held (its trials:
    /// 26 bytes each, 26 MB at 1,000,000) is gone before the report reads the folder. The sweep's end resumes its
    /// methods one from another, nested on the stack of the thread that finished the last trial, and this method too:
    /// the report waits for that thread to leave those frames, which takes microseconds. (Were it still in them, the
    /// sweep would only be collected later: the outcome's results, released once printed, go either way.)
    /// </remarks>
    public static async Task<int> ReportAfterAsync(Task<SweepRun> running)
    {
        var run = await running;
        if (run.ReportFolder is not { } folder || run.Registry is not { } registry) return run.ExitCode;
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        // An aggressive collection also decommits what it frees (a plain one keeps it for the heap to grow into).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        AutoReport.AfterSweep(folder, registry, Console.Out);
        return run.ExitCode;
    }

    /// <summary>Runs the sweep and prints its table: the exit code, and the folder to report on (null: no report).</summary>
    private async Task<(int ExitCode, string? Folder)> RunAndPrintAsync(Sweep sweep, SweepRunOptions options, CancellationToken stopping)
    {
        SweepOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<SweepRunner>().RunAsync(sweep, options, stopping);
        }
        catch (SweepFolderException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return (ExitCodes.Usage, null);
        }
        catch (SweepDiskFullException e)
        {
            await Console.Error.WriteLineAsync(e.Resumable
                ? $"error: {e.Message}. The sweep stopped; what it recorded in '{e.Folder}' is whole. Free some space, then continue it with: {ResumeCommand(sweep, e.Folder)}"
                : $"error: {e.Message}. The sweep in '{e.Folder}' recorded nothing; free some space and start it again.");
            return (ExitCodes.Failure, null);
        }
        SweepResultPrinter.Print(outcome, Console.Out);
        int exitCode = ExitCodes.For(outcome);
        if (outcome.Status == SweepStatus.Failed)
        {
            // A full disk: the report would not fit either, and the sweep is to be resumed, not read.
            await Console.Error.WriteLineAsync($"error: {outcome.Reason}. The sweep stopped; what it recorded is whole. "
                + $"Free some space, then continue it with: {ResumeCommand(sweep, outcome.Folder.DisplayPath)}");
            return (exitCode, null);
        }
        outcome.ReleaseResults();
        return (exitCode, outcome.Folder.FullPath);
    }

    /// <summary>The command that continues the sweep in <paramref name="folder"/>: its file and --set options, and --resume.</summary>
    private static string ResumeCommand(Sweep sweep, string folder) =>
        string.Join(' ', new[] { "nnlab", "sweep", Quote(sweep.SourceFile) }
            .Concat(sweep.Overrides.SelectMany(o => new[] { "--set", Quote(o.ToString()) }))
            .Concat(["--resume", Quote(folder)]));

    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',') ? text : $"'{text.Replace("'", "'\\''")}'";
}
