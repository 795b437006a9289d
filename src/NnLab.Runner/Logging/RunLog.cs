using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace NnLab.Runner.Logging;

/// <summary>
/// The logger of one run (or sweep): writes to the application's logger and, at Debug and above, to the run folder's
/// log.jsonl (or the sweep's sweep.log.jsonl; compact JSON, CLEF), each event a whole line. Disposing it closes the
/// file, so it is complete when the run returns.
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

    /// <param name="path">The file, appended to.</param>
    /// <param name="applicationLogger">The application's logger (the console), which gets every event too.</param>
    /// <param name="category">The events' source (SourceContext).</param>
    /// <param name="buffered">Write the file's lines in blocks, at most a fraction of a second late, rather than each
    /// at once (see <see cref="WholeLineSink"/>): for a log that is not what a killed process's work is recovered from.</param>
    public static RunLog Open(string path, Microsoft.Extensions.Logging.ILogger applicationLogger, string category, bool buffered = false)
    {
        var file = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Sink(new WholeLineSink(path, new JsonLinesFormatter(), buffered))
            .CreateLogger();
        var provider = new SerilogLoggerProvider(file, dispose: true);
        return new RunLog(provider, new TeeLogger(applicationLogger, provider.CreateLogger(category)));
    }

    public void Dispose() => _fileProvider.Dispose();
}
