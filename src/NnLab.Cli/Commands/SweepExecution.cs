using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Progress;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>Runs a loaded sweep for <c>nnlab sweep</c> and for <c>nnlab run</c> on a sweep file, prints its table and gives the exit code.</summary>
internal sealed class SweepExecution(IServiceProvider services, ConsoleLogging console)
{
    /// <param name="sweep">The validated sweep.</param>
    /// <param name="parallel">--parallel, or null for the sweep block's <c>parallel</c>, else the processor count.</param>
    /// <param name="output">--out, or null for sweeps/&lt;name&gt;/&lt;UTC time&gt;.</param>
    /// <param name="resume">--resume, or null for a new sweep.</param>
    /// <param name="stopping">Ctrl+C / SIGTERM.</param>
    /// <param name="launcher">--launcher processes: run the trials in child worker processes; null: in this process.</param>
    /// <param name="trialFiles">--trial-files, or null for the sweep block's <c>trial_files</c>.</param>
    public async Task<int> RunAsync(Sweep sweep, int? parallel, string? output, string? resume, CancellationToken stopping,
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
        if (folder is null) return exitCode;
        // The report reads the sweep folder: the sweep's records in memory (~65 MB at 1,000,000 trials), released with the
        // outcome's results, are collected now, so the report builds in that space rather than beside it. An aggressive
        // collection also decommits what it frees (a plain one keeps it for the heap to grow into).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        AutoReport.AfterSweep(folder, sweep, Console.Out);
        return exitCode;
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
        // Printed: the results can go. (The outcome cannot be dropped instead: the sweep's end resumed its awaiting
        // methods synchronously, nested on the stack of the one that finished first, and those frames hold their
        // finished tasks, so the outcome, until the command returns: a heap dump found them as the records' only roots.)
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
