using System.Globalization;
using NnLab.Cli.Logging;
using NnLab.Runner;
using NnLab.Training;
using Spectre.Console;

namespace NnLab.Cli.Progress;

/// <summary>
/// A progress bar on the terminal, fed by polling <see cref="TrainingProgress"/> (training never waits for it).
/// Epoch log lines are held back while training so they do not tear the bar; they are all in log.jsonl and cost.csv.
/// The bar appears only if training takes longer than half a second, so quick runs print just their summary.
/// </summary>
internal sealed class SpectreTrainingMonitor : ITrainingMonitor
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private readonly ConsoleLogging _console;
    private readonly IAnsiConsole _terminal;

    private SpectreTrainingMonitor(ConsoleLogging console, IAnsiConsole terminal)
    {
        _console = console;
        _terminal = terminal;
    }

    /// <summary>A monitor drawing on stderr (where the log goes) when that is a terminal; null when output is redirected.</summary>
    public static ITrainingMonitor? ForTerminal(ConsoleLogging console)
    {
        return StderrTerminal.CreateOrNull() is { } terminal ? new SpectreTrainingMonitor(console, terminal) : null;
    }

    public async Task WatchAsync(TrainingProgress progress, Task training)
    {
        using var quiet = _console.ShowWarningsOnly();
        if (await Task.WhenAny(training, Task.Delay(ShowAfter)) == training) return;

        await _terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(progress), maxValue: progress.TotalEpochs);
                while (!training.IsCompleted)
                {
                    Update(bar, progress);
                    await Task.WhenAny(training, Task.Delay(PollEvery));
                }
                Update(bar, progress);
            });
    }

    private static void Update(ProgressTask bar, TrainingProgress progress)
    {
        bar.Value = progress.CompletedEpochs;
        bar.Description = Describe(progress);
    }

    private static string Describe(TrainingProgress progress)
    {
        string cost = progress.CompletedEpochs == 0 ? "-" : progress.LastCost.ToString("G6", CultureInfo.InvariantCulture);
        return Markup.Escape($"epoch {progress.CompletedEpochs}/{progress.TotalEpochs}  cost {cost}");
    }
}
