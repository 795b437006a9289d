using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace NnLab.Runner.Logging;

/// <summary>
/// The logger of one run: writes to the application's logger and, at Debug and above, to the run folder's
/// log.jsonl (compact JSON, CLEF), each event a whole line. Disposing it closes the file, so it is complete when the run returns.
/// </summary>
internal sealed class RunLog : IDisposable
{
    private readonly SerilogLoggerProvider _fileProvider;

    private RunLog(SerilogLoggerProvider fileProvider, Microsoft.Extensions.Logging.ILogger logger)
    {
        _fileProvider = fileProvider;
        Logger = logger;
    }

    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    public static RunLog Open(string path, Microsoft.Extensions.Logging.ILogger applicationLogger, string category)
    {
        var file = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Sink(new WholeLineSink(path, new JsonLinesFormatter()))
            .CreateLogger();
        var provider = new SerilogLoggerProvider(file, dispose: true);
        return new RunLog(provider, new TeeLogger(applicationLogger, provider.CreateLogger(category)));
    }

    public void Dispose() => _fileProvider.Dispose();
}
