using Microsoft.Extensions.Logging;

namespace NnLab.Runner.Logging;

/// <summary>Sends every event to two loggers: the application's (console) and the run's own log.jsonl.</summary>
internal sealed class TeeLogger(ILogger first, ILogger second) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => first.IsEnabled(logLevel) || second.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        first.Log(logLevel, eventId, state, exception, formatter);
        second.Log(logLevel, eventId, state, exception, formatter);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        new BothScopes(first.BeginScope(state), second.BeginScope(state));

    private sealed class BothScopes(IDisposable? a, IDisposable? b) : IDisposable
    {
        public void Dispose()
        {
            b?.Dispose();
            a?.Dispose();
        }
    }
}
