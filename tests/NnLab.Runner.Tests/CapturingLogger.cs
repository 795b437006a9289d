using Microsoft.Extensions.Logging;

namespace NnLab.Runner.Tests;

/// <summary>Records every event with its structured properties (thread-safe: training logs from its own thread).</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<CapturedEvent> _events = [];

    public IReadOnlyList<CapturedEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var properties = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        var captured = new CapturedEvent(logLevel, formatter(state, exception), properties.ToDictionary(p => p.Key, p => p.Value));
        lock (_events) _events.Add(captured);
    }
}

internal sealed record CapturedEvent(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);
