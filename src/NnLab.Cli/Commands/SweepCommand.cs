using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab sweep FILE [--set path=value]... [--parallel N] [--out DIR | --resume DIR] [--dry-run]</c>: checks every
/// trial of the file's sweep block (nothing is created when any is wrong), then runs them in parallel into a sweep
/// folder and prints a table ranked by final cost. Exit 0 when the sweep ran (diverged trials are results), 1 when
/// <c>on_error: stop</c> stopped it or every trial failed, 2 when nothing ran, 130 when cancelled.
/// </summary>
internal sealed class SweepCommand(IServiceProvider services, ConsoleLogging console)
{
    private readonly ExperimentInput _input = new();

    private readonly Option<int?> _parallel = new("--parallel")
    {
        Description = "Run at most N trials at once (default: the sweep's 'parallel', else the number of processors).",
        HelpName = "N",
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write the sweep into this folder (created; must be new or empty) instead of sweeps/<name>/<UTC time>/.",
        HelpName = "DIR",
    };

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Continue the sweep in DIR: run only its trials that did not complete or diverge. FILE and --set must be as when it started.",
        HelpName = "DIR",
    };


    private readonly Option<string?> _trialFiles = new("--trial-files")
    {
        Description = "What each trial writes: lean (its record and cost curve in the sweep's state files) or full (a whole run "
            + "folder); default: the sweep's trial_files, else lean.",
        HelpName = "lean|full",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Check every trial and print the trial list (number, label, overrides); run and write nothing.",
    };

    private readonly Option<string?> _launcher = new("--launcher")
    {
        Description = "Where the trials run: in-process (trials on this process's threads, the fastest; 'local' is the same), processes "
            + "(each trial in a child worker process: a plugin that kills its process only loses its own trial, recorded 'crashed') "
            + "or slurm (array jobs of sweep-workers; options from the file's sweep.launcher block). Default: the file's "
            + "sweep.launcher, else in-process.",
        HelpName = "in-process|processes|slurm",
    };

    private readonly Option<bool> _detach = new("--detach")
    {
        Description = "Slurm: return as soon as the arrays are submitted (follow with 'nnlab sweep status DIR').",
    };

    public Command Build()
    {
        var command = new Command("sweep", "Run every trial of a sweep file in parallel and compare them.");
        _input.AddTo(command);
        command.Options.Add(_parallel);
        command.Options.Add(_out);
        command.Options.Add(_resume);
        command.Options.Add(_dryRun);
        command.Options.Add(_launcher);
        command.Options.Add(_trialFiles);
        command.Options.Add(_detach);
        _launcher.AcceptOnlyFromAmong("in-process", "local", "processes", "slurm");
        _trialFiles.AcceptOnlyFromAmong("lean", "full");
        command.Subcommands.Add(StatusCommand());
        command.Subcommands.Add(SlurmSweepCommands.Cancel());
        command.Subcommands.Add(MaterializeCommand());
        _parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--parallel must be at least 1.");
        });
        command.Validators.Add(result =>
        {
            if (result.GetResult(_out) is not null && result.GetResult(_resume) is not null)
                result.AddError("use either --out (a new sweep) or --resume (an earlier one), not both.");
        });
        command.SetAction(ExecuteAsync);
        return command;
    }

    private Task<int> ExecuteAsync(ParseResult parse, CancellationToken stopping) => SweepExecution.ReportAfterAsync(LoadAndRunAsync(parse, stopping));

    private async Task<SweepRun> LoadAndRunAsync(ParseResult parse, CancellationToken stopping)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var loaded = _input.LoadSweep(parse, Loaders.Sweep(services, registry));
        if (!loaded.TryGetSweep(out var sweep)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        string? chosen = parse.GetValue(_launcher);
        SweepTrialFiles? files = parse.GetValue(_trialFiles) switch { "lean" => SweepTrialFiles.Lean, "full" => SweepTrialFiles.Full, _ => null };
        if (chosen == "slurm" || (chosen is null && sweep.Settings.Launcher.Kind == SweepLauncherKind.Slurm))
        {
            var slurm = sweep.Settings.Launcher.Kind == SweepLauncherKind.Slurm ? sweep.Settings.Launcher : new SweepLauncher { Kind = SweepLauncherKind.Slurm };
            if (parse.GetValue(_parallel) is not null)
            {
                await Console.Error.WriteLineAsync("error: --parallel is for the in-process and processes launchers; with Slurm each array task runs "
                    + "cpus_per_task trials at once (sweep.launcher.cpus_per_task) and array_parallelism limits the tasks running at once.");
                return ExitCodes.Usage;
            }
            return await SlurmSweepExecution.RunAsync(sweep, slurm, parse.GetValue(_out), parse.GetValue(_resume), files, parse.GetValue(_detach),
                parse.GetValue(_dryRun), parse.GetValue(ComponentCatalog.Option) ?? [], stopping);
        }
        if (parse.GetValue(_detach))
        {
            await Console.Error.WriteLineAsync("error: --detach needs the Slurm launcher (--launcher slurm): the in-process and processes launchers run the sweep from this command.");
            return ExitCodes.Usage;
        }
        if (parse.GetValue(_dryRun))
        {
            SweepListing.Print(sweep, Console.Out);
            return ExitCodes.Success;
        }
        var launcher = chosen == "processes"
            ? new ProcessLauncher(args => SweepWorkerCommand.WorkerCommand(args, parse.GetValue(ComponentCatalog.Option) ?? []), TimeProvider.System)
            : null;
        return await new SweepExecution(services, console)
            .RunAsync(sweep, registry, parse.GetValue(_parallel), parse.GetValue(_out), parse.GetValue(_resume), stopping, launcher, files);
    }

    /// <summary>
    /// <c>nnlab sweep status DIR</c>: merge the state files into trials.json and the summaries, print the table; for a
    /// Slurm sweep also its array tasks' states (squeue) and the error lines of their logs.
    /// </summary>
    private static Command StatusCommand()
    {
        var folder = new Argument<string>("dir") { Description = "The sweep folder." };
        var command = new Command("status", "Merge a sweep folder's state files into trials.json, summary.csv, groups.csv and costs.csv (atomically) and print its table; "
            + "works while workers run. For a Slurm sweep, also its array tasks' states and the errors they logged.");
        command.Arguments.Add(folder);
        command.SetAction(async (parse, _) =>
        {
            try
            {
                string dir = parse.GetValue(folder)!;
                if (SlurmSweepCommands.IsSlurmSweep(dir) && File.Exists(Path.Combine(dir, SweepFiles.Manifest))) return SlurmSweepCommands.PrintStatus(dir);
                var outcome = SweepRunner.Merge(parse.GetValue(folder)!, TimeProvider.System);
                SweepResultPrinter.Print(outcome, Console.Out);
                return ExitCodes.Success;
            }
            catch (SweepFolderException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>
    /// <c>nnlab sweep materialize DIR TRIAL</c>: rerun one trial (number or label) into a full run folder,
    /// trials/&lt;label&gt;/, with every file <c>nnlab run</c> writes.
    /// </summary>
    private Command MaterializeCommand()
    {
        var folder = new Argument<string>("dir") { Description = "The sweep folder." };
        var trial = new Argument<string>("trial") { Description = "The trial's number (from 0) or label." };
        var command = new Command("materialize", "Rerun one trial of a sweep folder into a full run folder (config, cost.csv, predictions, weights, summary, log, checkpoints) under trials/.");
        command.Arguments.Add(folder);
        command.Arguments.Add(trial);
        command.SetAction(async (parse, stopping) =>
        {
            string directory = parse.GetValue(folder)!;
            if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
            try
            {
                var (sweep, manifest) = SweepWorker.Load(directory, new SweepLoader(registry));
                string which = parse.GetValue(trial)!;
                var chosen = sweep.Trials.FirstOrDefault(t => t.Label == which)
                    ?? (int.TryParse(which, out int n) && n >= 0 && n < sweep.Trials.Count ? sweep.Trials[n] : null);
                if (chosen is null)
                {
                    await Console.Error.WriteLineAsync($"error: the sweep has no trial '{which}' (numbers 0-{sweep.Trials.Count - 1}, or a label).");
                    return ExitCodes.Usage;
                }
                string path = Path.Combine(directory, SweepFiles.Trials, chosen.Label);
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                var outcome = await services.GetRequiredService<NnLab.Runner.ExperimentRunner>()
                    .RunAsync(chosen.Experiment, new NnLab.Runner.RunOptions { OutputDirectory = path }, stopping);
                RunSummaryPrinter.Print(outcome, Console.Out);
                var recorded = SweepRunner.ReadRecords(directory, manifest)[chosen.Index];
                if (recorded.IsFinal)
                    Console.Out.WriteLine(recorded.FinalCost == outcome.Summary.FinalCost
                        ? $"the sweep's record of trial {chosen.Index} says the same final cost ({recorded.FinalCost})"
                        : $"note: the sweep recorded final cost {recorded.FinalCost} for trial {chosen.Index}; this rerun gives {outcome.Summary.FinalCost}");
                return ExitCodes.For(outcome.Summary.Status);
            }
            catch (SweepFolderException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
