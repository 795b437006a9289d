using NnLab.Cli;
using NnLab.Cli.Commands;
using NnLab.Cli.Hosting;
using NnLab.Cli.Logging;

// The console logger exists before anything else so that a failure while reading the settings is reported too.
using var console = new ConsoleLogging();
try
{
    var (configurationArgs, commandArgs) = ConfigurationArguments.Split(args);
    var configuration = NnLabConfiguration.Build(configurationArgs);
    console.Configure(configuration);
    // From here to the end a signal only cancels `Stopping`; the command runs to its end (the run folder is
    // written) and the process exits with the command's code.
    using var signals = new ShutdownSignals(console.Logger);
    var services = new NnLabServices(configuration, console);
    return await NnLabCommandLine.InvokeAsync(commandArgs, services, console, signals.Stopping);
}
catch (Exception e)
{
    Console.Error.WriteLine(console.Verbose
        ? $"error: {e}"
        : $"error: {e.Message} ({e.GetType().Name}; run with --verbose for details)");
    return ExitCodes.Failure;
}
