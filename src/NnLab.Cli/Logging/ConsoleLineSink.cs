using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace NnLab.Cli.Logging;

/// <summary>
/// Writes each event to <see cref="Console.Error"/> as it is at the time, in one write (so another thread's line
/// never lands inside it) and without flushing: when stderr is redirected the writer holds lines and decides when
/// they go out (<see cref="StandardStreams"/>); a terminal's writer writes each one at once. Serilog's console sink
/// flushed every event, a system call per line under a lock the sweep's threads queued for.
/// </summary>
internal sealed class ConsoleLineSink(ITextFormatter formatter) : ILogEventSink
{
    // Each thread puts its lines together in a builder of its own, reused: no writer and string per line.
    [ThreadStatic]
    private static StringWriter? _line;

    public void Emit(LogEvent logEvent)
    {
        var line = _line ??= new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
        var text = line.GetStringBuilder();
        text.Clear();
        formatter.Format(logEvent, line);
        Console.Error.Write(text);
        // A line with a long stack trace does not keep its builder's size for the rest of the process.
        if (text.Capacity > 16 * 1024) _line = null;
    }
}
