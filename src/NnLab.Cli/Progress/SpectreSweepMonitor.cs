using System.Globalization;
using NnLab.Cli.Logging;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;
using Spectre.Console;

namespace NnLab.Cli.Progress;

/// <summary>
/// A live line on the terminal while a sweep runs: trials done of total with a bar, how many are running, failed
/// and diverged, the best value of the ranking metric (rank_by) so far, elapsed time and an estimate of the time left. It polls
/// <see cref="SweepProgress"/>, so trials never wait for it. The sweep's per-trial log lines are held back while it
/// draws (they are all in sweep.log.jsonl); quick sweeps, done within half a second, print only their table.
/// </summary>
internal sealed class SpectreSweepMonitor : ISweepMonitor
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private readonly ConsoleLogging _console;
    private readonly IAnsiConsole _terminal;

    private SpectreSweepMonitor(ConsoleLogging console, IAnsiConsole terminal)
    {
        _console = console;
        _terminal = terminal;
    }

    /// <summary>A monitor drawing on stderr when that is a terminal; null when output is redirected (the log lines then show progress).</summary>
    public static ISweepMonitor? ForTerminal(ConsoleLogging console)
    {
        return StderrTerminal.CreateOrNull() is { } terminal ? new SpectreSweepMonitor(console, terminal) : null;
    }

    public async Task WatchAsync(SweepProgress progress, Task sweep)
    {
        using var quiet = _console.ShowWarningsOnly();
        if (await Task.WhenAny(sweep, Task.Delay(ShowAfter)) == sweep) return;

        await _terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(progress.Read()), maxValue: Math.Max(1, progress.Total));
                while (!sweep.IsCompleted)
                {
                    Update(bar, progress.Read());
                    await Task.WhenAny(sweep, Task.Delay(PollEvery));
                }
                Update(bar, progress.Read());
            });
    }

    private static void Update(ProgressTask bar, SweepProgress.Snapshot counts)
    {
        bar.Value = counts.Done;
        bar.Description = Describe(counts);
    }

    private static string Describe(SweepProgress.Snapshot c)
    {
        var metric = SweepMetrics.Of(c.RankBy);
        string best = c.Best?.Metric(metric) is { } value
            ? $"best {c.RankBy.Words()} {value.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e")} ({c.Best.Label})"
            : "best -";
        return Markup.Escape($"{c.Done}/{c.Total} done  {c.Running} running  {c.Failed} failed  {c.Diverged} diverged  {best}");
    }
}
