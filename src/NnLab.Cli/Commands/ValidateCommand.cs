using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments;

namespace NnLab.Cli.Commands;

/// <summary><c>nnlab validate FILE [--set path=value]...</c>: checks the file and prints the resolved YAML; writes nothing.</summary>
internal sealed class ValidateCommand(IServiceProvider services)
{
    private readonly ExperimentInput _input = new();

    public Command Build()
    {
        var command = new Command("validate", "Check an experiment file and print its resolved configuration; writes nothing.");
        _input.AddTo(command);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var loaded = _input.Load(parse, new ExperimentLoader(registry));
        if (loaded.Experiment is not { } experiment) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        Console.Out.Write(experiment.ResolvedYaml);
        return ExitCodes.Success;
    }
}
