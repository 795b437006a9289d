using System.Text;
using NnLab.Runner.IO;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace NnLab.Runner.Logging;

/// <summary>
/// Appends each event to a file as one whole line, written in one go and flushed (a killed run keeps every line
/// logged), or not at all: on a full disk the partial line is cut back and the file stops taking events, so it
/// never ends torn mid-line. The run itself reports the failure (its summary says why).
/// </summary>
internal sealed class WholeLineSink : ILogEventSink, IDisposable
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly WholeLineFile _file;
    private readonly ITextFormatter _formatter;
    private readonly Lock _gate = new();
    private bool _broken;

    public WholeLineSink(string path, ITextFormatter formatter)
    {
        _file = WholeLineFile.Open(path);
        _formatter = formatter;
    }

    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter();
        _formatter.Format(logEvent, text);
        byte[] line = Utf8NoBom.GetBytes(text.ToString());
        lock (_gate)
        {
            if (_broken) return;
            try
            {
                _file.Append(line);
            }
            catch (IOException)
            {
                _broken = true;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }
}
