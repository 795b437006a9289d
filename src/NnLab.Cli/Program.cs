using NnLab.Cli;
using NnLab.Cli.Commands;
using NnLab.Cli.Hosting;
using NnLab.Cli.Logging;

NnLab.Diagnostics.StartupTrace.Mark("runtime started");
// The experiment-loading code gets ready on the second core while this thread builds the services.
StartupWarmup.Start(args);
// The console logger exists before the services so that a failure while building them is reported too.
using var console = new ConsoleLogging();
NnLab.Diagnostics.StartupTrace.Mark("console logger");
try
{
    var (configurationArgs, commandArgs) = ConfigurationArguments.Split(args);
    // Ctrl+C and SIGTERM only cancel `Stopping` while it lives: the command ends its work, writes what it completed,
    // and the process exits when the command returns.
    using var host = NnLabHost.Build(configurationArgs, console);
    NnLab.Diagnostics.StartupTrace.Mark("host built");
    return await NnLabCommandLine.InvokeAsync(commandArgs, host.Services, console, host.Stopping);
}
catch (Exception e)
{
    Console.Error.WriteLine(console.Verbose
        ? $"error: {e}"
        : $"error: {e.Message} ({e.GetType().Name}; run with --verbose for details)");
    return ExitCodes.Failure;
}
