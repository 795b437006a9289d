using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace NnLab.Cli.Logging;

/// <summary>
/// The console logger, created before the services (<see cref="Hosting.NnLabHost"/>) so that start-up failures are
/// logged too. It writes to stderr so stdout carries only results (the run summary, validate's YAML). Its level can be
/// changed while running: from configuration, by --verbose, and lowered to warnings while a progress bar owns the
/// terminal.
/// </summary>
/// <remarks>
/// The Serilog pipeline behind it is built when the first event is written, not before: a command that logs
/// nothing to the console (validate, most of the others) does not pay for building it. Which events are written is
/// decided without it, from the level and the category: the libraries' own chatter (categories Microsoft.*) only from
/// warnings up, as it is not what a user of nnlab wants to read.
/// </remarks>
internal sealed class ConsoleLogging : IDisposable
{
    public const string LevelKey = "NnLab:ConsoleLogLevel";

    private readonly LoggingLevelSwitch _level = new(LogEventLevel.Information);
    private readonly Lazy<Logger> _logger;

    public ConsoleLogging() => _logger = new Lazy<Logger>(CreateLogger);

    /// <summary>The Serilog logger writing the console's lines; built on first use.</summary>
    public Logger Logger => _logger.Value;

    public bool Verbose { get; private set; }

    /// <summary>The logging provider for the console, the only one the services' logging has.</summary>
    public ILoggerProvider CreateProvider() => new ConsoleLoggerProvider(this);

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

    public void Dispose()
    {
        if (_logger.IsValueCreated) _logger.Value.Dispose();
    }

    private Logger CreateLogger() => new LoggerConfiguration()
        .MinimumLevel.ControlledBy(_level)
        .WriteTo.Console(new ConsoleLineFormatter(() => Verbose), standardErrorFromLevel: LogEventLevel.Verbose)
        .CreateLogger();

    /// <summary>Whether an event of <paramref name="level"/> is written (of a Microsoft.* category: <paramref name="hostCategory"/>).</summary>
    private bool Writes(LogLevel level, bool hostCategory) =>
        level != LogLevel.None && (int)level >= (int)_level.MinimumLevel && (!hostCategory || level >= LogLevel.Warning);

    private sealed class RestoreLevel(LoggingLevelSwitch level, LogEventLevel previous) : IDisposable
    {
        public void Dispose() => level.MinimumLevel = previous;
    }

    /// <summary>Hands out loggers that decide alone whether to write, and reach the Serilog pipeline only to write.</summary>
    private sealed class ConsoleLoggerProvider(ConsoleLogging console) : ILoggerProvider
    {
        private readonly object _gate = new();
        private SerilogLoggerProvider? _serilog;

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

        public Microsoft.Extensions.Logging.ILogger Inner(string category)
        {
            lock (_gate) return (_serilog ??= new SerilogLoggerProvider(console.Logger)).CreateLogger(category);
        }

        public bool Writes(LogLevel level, bool hostCategory) => console.Writes(level, hostCategory);

        public void Dispose()
        {
            lock (_gate) _serilog?.Dispose();
        }
    }

    private sealed class CategoryLogger(ConsoleLoggerProvider provider, string category) : Microsoft.Extensions.Logging.ILogger
    {
        private readonly bool _hostCategory = category == "Microsoft" || category.StartsWith("Microsoft.", StringComparison.Ordinal);
        private Microsoft.Extensions.Logging.ILogger? _inner;

        private Microsoft.Extensions.Logging.ILogger Inner => _inner ??= provider.Inner(category);

        public bool IsEnabled(LogLevel logLevel) => provider.Writes(logLevel, _hostCategory);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Inner.Log(logLevel, eventId, state, exception, formatter);
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => Inner.BeginScope(state);
    }
}
