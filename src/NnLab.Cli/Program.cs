using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NnLab.Cli;
using NnLab.Cli.Commands;
using NnLab.Cli.Hosting;
using NnLab.Cli.Logging;

NnLab.Diagnostics.StartupTrace.Mark("runtime started");
// The experiment-loading code gets ready on the second core while this thread builds the host.
StartupWarmup.Start(args);
// The console logger exists before the host so that a failure while building the host is reported too.
using var console = new ConsoleLogging();
NnLab.Diagnostics.StartupTrace.Mark("console logger");
try
{
    var (configurationArgs, commandArgs) = ConfigurationArguments.Split(args);
    using var host = NnLabHost.Build(configurationArgs, console);
    NnLab.Diagnostics.StartupTrace.Mark("host built");
    // Starting the host installs its Ctrl+C/SIGTERM handling; the command itself runs here, outside the host's
    // shutdown wait, so a signal only cancels `stopping` and the process ends when the run folder is written.
    await host.StartAsync();
    NnLab.Diagnostics.StartupTrace.Mark("host started");
    try
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return await NnLabCommandLine.InvokeAsync(commandArgs, host.Services, console, stopping);
    }
    finally
    {
        await host.StopAsync();
        NnLab.Diagnostics.StartupTrace.Mark("host stopped");
    }
}
catch (Exception e)
{
    Console.Error.WriteLine(console.Verbose
        ? $"error: {e}"
        : $"error: {e.Message} ({e.GetType().Name}; run with --verbose for details)");
    return ExitCodes.Failure;
}
