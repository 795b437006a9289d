using Serilog.Events;
using Serilog.Formatting;
using NnLab.Runner.Logging;

namespace NnLab.Cli.Logging;

/// <summary>
/// Plain, readable console lines: the message alone ("Epoch 4900 cost 0.0009210166430616655"), warnings and errors
/// prefixed like compiler output, and stack traces only when asked for with --verbose.
/// </summary>
internal sealed class ConsoleLineFormatter(Func<bool> showExceptions) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(Prefix(logEvent.Level));
        output.Write(MessageRenderer.Render(logEvent));
        output.Write('\n');
        if (logEvent.Exception is not null && showExceptions())
        {
            output.Write(logEvent.Exception.ToString());
            output.Write('\n');
        }
    }

    private static string Prefix(LogEventLevel level) => level switch
    {
        LogEventLevel.Warning => "warning: ",
        LogEventLevel.Error or LogEventLevel.Fatal => "error: ",
        _ => "",
    };
}
