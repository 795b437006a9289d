using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab validate FILE [--set path=value]...</c>: checks the file and prints the resolved YAML; writes nothing.
/// A sweep file is checked trial by trial and its trial list printed, as <c>nnlab sweep FILE --dry-run</c> does.
/// </summary>
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
        NnLab.Diagnostics.StartupTrace.Mark("registry");
        if (_input.IsSweep(parse, services)) return ValidateSweep(parse, registry);
        NnLab.Diagnostics.StartupTrace.Mark("sweep check");
        var loaded = _input.Load(parse, Loaders.Experiment(services, registry));
        if (!loaded.TryGetExperiment(out var experiment)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        NnLab.Diagnostics.StartupTrace.Mark("experiment loaded");
        Console.Out.Write(experiment.ResolvedYaml);
        NnLab.Diagnostics.StartupTrace.Mark("output printed");
        return ExitCodes.Success;
    }

    private int ValidateSweep(ParseResult parse, ComponentRegistry registry)
    {
        var loaded = _input.LoadSweep(parse, Loaders.Sweep(services, registry));
        if (!loaded.TryGetSweep(out var sweep)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        SweepListing.Print(sweep, Console.Out);
        return ExitCodes.Success;
    }
}
