using System.CommandLine;
using System.CommandLine.Invocation;
using NnLab.Cli.Logging;
using NnLab.Cli.Plugins;

namespace NnLab.Cli.Commands;

/// <summary>nnlab's command tree (run, sweep, validate, data, plugins, gradcheck, trace, predict, evaluate, export, --verbose, --help, --version) and how it is invoked.</summary>
internal static class NnLabCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, IServiceProvider services, ConsoleLogging console,
        CancellationToken stopping)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Show debug messages and stack traces.",
            Recursive = true,
        };
        var root = new RootCommand("NnLab: declarative neural-network experiments, from a YAML file to a run folder.");
        root.Options.Add(verbose);
        root.Options.Add(ComponentCatalog.Option);
        root.Subcommands.Add(new RunCommand(services, console).Build());
        root.Subcommands.Add(new SweepCommand(services, console).Build());
        root.Subcommands.Add(new SweepWorkerCommand(services).Build());
        root.Subcommands.Add(new ValidateCommand(services).Build());
        root.Subcommands.Add(new DataCommand(services).Build());
        root.Subcommands.Add(new PluginsCommand(services).Build());
        root.Subcommands.Add(new GradcheckCommand(services).Build());
        root.Subcommands.Add(new TraceCommand(services).Build());
        foreach (var command in new ModelCommands(services).Build()) root.Subcommands.Add(command);
        root.Subcommands.Add(new ReportCommand(services).Build());
        root.Subcommands.Add(new RunsCommand().Build());

        NnLab.Diagnostics.StartupTrace.Mark("command tree");
        var parse = root.Parse(args);
        NnLab.Diagnostics.StartupTrace.Mark("command line parsed");
        if (parse.GetValue(verbose)) console.EnableVerbose();
        if (parse.Action is ParseErrorAction) return ReportUsageErrors(parse);

        var invocation = new InvocationConfiguration
        {
            // Unexpected exceptions reach Program, which prints one line (a stack trace only with --verbose).
            EnableDefaultExceptionHandler = false,
            // SignalLifetime already turns Ctrl+C/SIGTERM into `stopping`; a second handler with
            // a timeout would kill the process before the run folder is written.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM while loading or validating: nothing was written, nothing runs.
            Console.Error.WriteLine("cancelled: nothing was run.");
            return ExitCodes.Cancelled;
        }
    }

    private static int ReportUsageErrors(ParseResult parse)
    {
        foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine("Run 'nnlab --help' for usage.");
        return ExitCodes.Usage;
    }
}
