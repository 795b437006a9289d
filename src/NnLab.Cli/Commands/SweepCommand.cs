using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Experiments.Sweeps;

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

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Check every trial and print the trial list (number, label, overrides); run and write nothing.",
    };

    private readonly Option<string?> _launcher = new("--launcher")
    {
        Description = "Where the trials run: local (in this process, the default) or slurm (array jobs; options from the file's sweep.launcher block).",
        HelpName = "local|slurm",
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
        command.Options.Add(_detach);
        _launcher.AcceptOnlyFromAmong("local", "slurm");
        command.Subcommands.Add(SlurmSweepCommands.Status());
        command.Subcommands.Add(SlurmSweepCommands.Cancel());
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

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken stopping)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var loaded = _input.LoadSweep(parse, new SweepLoader(registry));
        if (loaded.Sweep is not { } sweep) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        var launcher = parse.GetValue(_launcher) switch
        {
            "slurm" when sweep.Settings.Launcher.Kind == SweepLauncherKind.Slurm => sweep.Settings.Launcher,
            "slurm" => new SweepLauncher { Kind = SweepLauncherKind.Slurm },
            "local" => SweepLauncher.Local,
            _ => sweep.Settings.Launcher,
        };
        if (launcher.Kind == SweepLauncherKind.Slurm)
        {
            if (parse.GetValue(_parallel) is not null)
            {
                await Console.Error.WriteLineAsync("error: --parallel is the local launcher's; with Slurm each array task runs cpus_per_task trials at once "
                    + "(sweep.launcher.cpus_per_task) and array_parallelism limits the tasks running at once.");
                return ExitCodes.Usage;
            }
            return await SlurmSweepExecution.RunAsync(sweep, launcher, parse.GetValue(_out), parse.GetValue(_resume), parse.GetValue(_detach),
                parse.GetValue(_dryRun), stopping);
        }
        if (parse.GetValue(_detach))
        {
            await Console.Error.WriteLineAsync("error: --detach needs the Slurm launcher (--launcher slurm): a local sweep runs in this process.");
            return ExitCodes.Usage;
        }
        if (parse.GetValue(_dryRun))
        {
            SweepListing.Print(sweep, Console.Out);
            return ExitCodes.Success;
        }
        return await new SweepExecution(services, console)
            .RunAsync(sweep, parse.GetValue(_parallel), parse.GetValue(_out), parse.GetValue(_resume), stopping);
    }
}
