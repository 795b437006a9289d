using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;
using NnLab.Cli.Progress;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;
using NnLab.Runner;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab run FILE [--set path=value]... [--out DIR]</c>: validates the file (nothing is created when it is
/// wrong), trains into a run folder and prints a short summary. <c>nnlab run --resume RUNDIR</c> continues a stopped
/// or killed run from its checkpoint, with the run folder's own configuration. Exit 0 completed, 130 cancelled, 1 diverged or
/// failed, 2 nothing run. A file with a sweep block runs as <c>nnlab sweep FILE</c> would (--out is the sweep folder).
/// </summary>
internal sealed class RunCommand(IServiceProvider services, ConsoleLogging console)
{
    private readonly ExperimentInput _input = new();

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write the run into this folder (created; must be new or empty) instead of runs/<name>/<UTC time>/.",
        HelpName = "DIR",
    };

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Continue the stopped or killed run in this run folder from its checkpoint (no FILE, --set or --out).",
        HelpName = "RUNDIR",
    };

    public Command Build()
    {
        var command = new Command("run", "Train an experiment and write its run folder (a file with a sweep block runs as 'nnlab sweep').");
        _input.AddTo(command, fileOptional: true);
        command.Options.Add(_out);
        command.Options.Add(_resume);
        command.SetAction(ExecuteAsync);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken stopping)
    {
        if (parse.GetValue(_resume) is { } resume) return await ResumeAsync(parse, resume, stopping);
        if (!_input.HasFile(parse))
        {
            await Console.Error.WriteLineAsync("error: nnlab run needs an experiment FILE (or --resume RUNDIR).");
            await Console.Error.WriteLineAsync("Run 'nnlab --help' for usage.");
            return ExitCodes.Usage;
        }
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        NnLab.Diagnostics.StartupTrace.Mark("registry");
        if (_input.IsSweep(parse, services)) return await SweepExecution.ReportAfterAsync(RunSweepAsync(parse, registry, stopping));
        NnLab.Diagnostics.StartupTrace.Mark("sweep check");
        var loaded = _input.Load(parse, Loaders.Experiment(services, registry));
        if (!loaded.TryGetExperiment(out var experiment)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);

        NnLab.Diagnostics.StartupTrace.Mark("experiment loaded");
        var options = new RunOptions
        {
            OutputDirectory = parse.GetValue(_out),
            Monitor = SpectreTrainingMonitor.ForTerminal(console),
        };
        NnLab.Diagnostics.StartupTrace.Mark("progress monitor");
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
        NnLab.Diagnostics.StartupTrace.Mark("run finished");
        RunSummaryPrinter.Print(outcome, Console.Out);
        NnLab.Diagnostics.StartupTrace.Mark("output printed");
        AutoReport.AfterRun(outcome, experiment, Console.Out);
        NnLab.Diagnostics.StartupTrace.Mark("report.html");
        return ExitCodes.For(outcome.Summary.Status);
    }

    /// <summary>Resumes RUNDIR; every refusal (not a run folder, completed, no checkpoint, a mismatch) is exit 2 with nothing changed.</summary>
    private async Task<int> ResumeAsync(ParseResult parse, string directory, CancellationToken stopping)
    {
        if (_input.HasFile(parse) || _input.HasOverrides(parse) || parse.GetValue(_out) is not null)
        {
            await Console.Error.WriteLineAsync("error: --resume takes the run folder's own configuration: give no FILE, --set or --out with it.");
            await Console.Error.WriteLineAsync("Run 'nnlab --help' for usage.");
            return ExitCodes.Usage;
        }
        RunOutcome outcome;
        try
        {
            using var resumption = RunResumption.Open(directory);
            if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
            var loaded = Loaders.Experiment(services, registry).LoadText(resumption.ResolvedConfigText, resumption.ResolvedConfigPath,
                resumption.DataDirectory);
            if (!loaded.TryGetExperiment(out var experiment)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
            var options = new RunOptions { Monitor = SpectreTrainingMonitor.ForTerminal(console) };
            outcome = await services.GetRequiredService<ExperimentRunner>().ResumeAsync(resumption, experiment, options, stopping);
            RunSummaryPrinter.Print(outcome, Console.Out);
            AutoReport.AfterRun(outcome, experiment, Console.Out);
        }
        catch (RunFolderException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        return ExitCodes.For(outcome.Summary.Status);
    }

    private async Task<SweepRun> RunSweepAsync(ParseResult parse, ComponentRegistry registry, CancellationToken stopping)
    {
        var loaded = _input.LoadSweep(parse, Loaders.Sweep(services, registry));
        if (!loaded.TryGetSweep(out var sweep)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        return await new SweepExecution(services, console).RunAsync(sweep, registry, parallel: null, parse.GetValue(_out), resume: null, stopping);
    }
}
