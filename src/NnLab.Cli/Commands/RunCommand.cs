using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Cli.Progress;
using NnLab.Experiments;
using NnLab.Runner;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab run FILE [--set path=value]... [--out DIR]</c>: validates the file (nothing is created when it is
/// wrong), trains into a run folder and prints a short summary. Exit 0 completed, 130 cancelled, 1 diverged or
/// failed, 2 nothing run.
/// </summary>
internal sealed class RunCommand(IServiceProvider services, ConsoleLogging console)
{
    private readonly ExperimentInput _input = new();

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write the run into this folder (created; must be new or empty) instead of runs/<name>/<UTC time>/.",
        HelpName = "DIR",
    };

    public Command Build()
    {
        var command = new Command("run", "Train an experiment and write its run folder.");
        _input.AddTo(command);
        command.Options.Add(_out);
        command.SetAction(ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken stopping)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var loaded = _input.Load(parse, new ExperimentLoader(registry));
        if (loaded.Experiment is not { } experiment) return ConfigErrorReport.Print(loaded.Errors, Console.Error);

        var options = new RunOptions
        {
            OutputDirectory = parse.GetValue(_out),
            Monitor = SpectreTrainingMonitor.ForTerminal(console),
        };
        RunOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<ExperimentRunner>().RunAsync(experiment, options, stopping);
        }
        catch (RunFolderException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        RunSummaryPrinter.Print(outcome, Console.Out);
        return ExitCodes.For(outcome.Summary.Status);
    }
}
