using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace NnLab.Cli.Logging;

/// <summary>
/// The console logger, created before the host so that start-up failures are logged too. It writes to stderr so
/// stdout carries only results (the run summary, validate's YAML). Its level can be changed while running:
/// from configuration, by --verbose, and lowered to warnings while a progress bar owns the terminal.
/// </summary>
internal sealed class ConsoleLogging : IDisposable
{
    public const string LevelKey = "NnLab:ConsoleLogLevel";

    private readonly LoggingLevelSwitch _level = new(LogEventLevel.Information);

    public ConsoleLogging()
    {
        Logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(_level)
            // The host's own chatter (lifetime, DI) is not what a user of nnlab wants to read.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.Console(new ConsoleLineFormatter(() => Verbose), standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
    }

    public Logger Logger { get; }

    public bool Verbose { get; private set; }

    /// <summary>Applies NnLab:ConsoleLogLevel (appsettings.json, environment NnLab__ConsoleLogLevel, ...).</summary>
    public void Configure(IConfiguration configuration)
    {
        var text = configuration[LevelKey];
        if (string.IsNullOrWhiteSpace(text)) return;
        if (Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level)) _level.MinimumLevel = level;
        else Logger.Warning("Ignoring {Key} = {Value}: not a log level (Verbose, Debug, Information, Warning, Error)", LevelKey, text);
    }

    /// <summary>--verbose: debug events and stack traces.</summary>
    public void EnableVerbose()
    {
        Verbose = true;
        if (_level.MinimumLevel > LogEventLevel.Debug) _level.MinimumLevel = LogEventLevel.Debug;
    }

    /// <summary>Hides information events until disposed (a progress bar is drawing); warnings still show.</summary>
    public IDisposable ShowWarningsOnly()
    {
        var previous = _level.MinimumLevel;
        if (previous < LogEventLevel.Warning) _level.MinimumLevel = LogEventLevel.Warning;
        return new RestoreLevel(_level, previous);
    }

    public void Dispose() => Logger.Dispose();

    private sealed class RestoreLevel(LoggingLevelSwitch level, LogEventLevel previous) : IDisposable
    {
        public void Dispose() => level.MinimumLevel = previous;
    }
}
