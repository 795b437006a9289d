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
        var options = new SweepRunOptions
        {
            OutputDirectory = output,
            ResumeDirectory = resume,
            Parallel = parallel ?? sweep.Settings.Parallel ?? Environment.ProcessorCount,
            Monitor = SpectreSweepMonitor.ForTerminal(console),
            Launcher = launcher,
            TrialFiles = trialFiles,
        };
        SweepOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<SweepRunner>().RunAsync(sweep, options, stopping);
        }
        catch (SweepFolderException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        SweepResultPrinter.Print(outcome, Console.Out);
        AutoReport.AfterSweep(outcome, sweep, Console.Out);
        return ExitCodes.For(outcome);
    }
}
