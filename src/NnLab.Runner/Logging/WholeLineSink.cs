using System.Buffers;
using System.Globalization;
using System.Text;
using NnLab.Runner.IO;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace NnLab.Runner.Logging;

/// <summary>
/// Appends each event to a file as one whole line, or not at all: on a full disk the partial line is cut back and the
/// file stops taking events, so it never ends torn mid-line. The run itself reports the failure (its summary says why).
/// </summary>
/// <remarks>
/// <para>Unbuffered (a run's log.jsonl), each line is written in one go as it is logged: a killed run keeps every line
/// logged.</para>
/// <para>Buffered (a sweep's sweep.log.jsonl, two lines a trial: a 10,000-trial sweep spent as much CPU writing them one
/// system call at a time as putting them together), lines are held and written in blocks of whole lines: when the
/// block is full, at most <see cref="DelayedFlush.Delay"/> after the first line held, when the sink is closed, and when
/// the process exits or an exception nobody caught is about to end it (from then on each line is written at once, for
/// the handlers still running: a sweep records there the trials a plugin's <c>Environment.Exit</c> cut short). Only a
/// kill (SIGKILL) or a crash of the runtime can lose the last fraction of a second of lines; the sweep's record is its
/// state files, written line by line as before, not this log. A block the disk refuses is cut back whole and its lines
/// are then written one at a time, so every line that fits is kept, as when each went alone.</para>
/// </remarks>
internal sealed class WholeLineSink : ILogEventSink, IDisposable
{
    // Room for a hundred-odd sweep events (~450 bytes each): a write every block rather than every line.
    private const int BlockBytes = 64 * 1024;

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // Each thread puts its lines together in a writer of its own, reused: no writer and string per event.
    [ThreadStatic]
    private static StringWriter? _text;

    private readonly WholeLineFile _file;
    private readonly ITextFormatter _formatter;
    private readonly Lock _gate = new();
    private readonly bool _buffered;
    private readonly Action _flush;
    private readonly Encoder _encoder = Utf8NoBom.GetEncoder();
    private byte[] _block = [];
    private int _held;
    private bool _writeThrough;
    private bool _broken;
    private bool _closed;

    /// <param name="path">The file, appended to (created when missing).</param>
    /// <param name="formatter">Writes one event as one line, newline included.</param>
    /// <param name="buffered">Hold lines and write them in blocks (see the remarks); else each line at once.</param>
    public WholeLineSink(string path, ITextFormatter formatter, bool buffered = false)
    {
        _file = WholeLineFile.Open(path);
        _formatter = formatter;
        _buffered = buffered;
        _flush = Flush;
        if (!buffered) return;
        AppDomain.CurrentDomain.ProcessExit += OnEnding;
        AppDomain.CurrentDomain.UnhandledException += OnEnding;
    }

    public void Emit(LogEvent logEvent)
    {
        var writer = _text ??= new StringWriter(new StringBuilder(512), CultureInfo.InvariantCulture);
        var text = writer.GetStringBuilder();
        text.Clear();
        _formatter.Format(logEvent, writer);
        lock (_gate)
        {
            if (_broken || _closed) return;
            if (!_buffered || _writeThrough) Write(text);
            else Hold(text);
        }
        // A line with a long stack trace does not keep its builder's size for the rest of the process.
        if (text.Capacity > 64 * 1024) _text = null;
    }

    /// <summary>Writes out the lines held (the delayed flush's call; safe after closing).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_closed) WriteHeld();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            WriteHeld();
            _closed = true;
            _file.Dispose();
        }
        if (!_buffered) return;
        AppDomain.CurrentDomain.ProcessExit -= OnEnding;
        AppDomain.CurrentDomain.UnhandledException -= OnEnding;
    }

    private void OnEnding(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            _writeThrough = true;
            if (!_closed) WriteHeld();
        }
    }

    /// <summary>Adds the line to the block (writing the block first when it would not fit), under the lock.</summary>
    private void Hold(StringBuilder text)
    {
        int most = Utf8NoBom.GetMaxByteCount(text.Length);
        if (most > BlockBytes)
        {
            WriteHeld();
            if (!_broken) Write(text);
            return;
        }
        if (_block.Length == 0) _block = new byte[BlockBytes];
        if (_held + most > BlockBytes) WriteHeld();
        if (_broken) return;
        bool wasEmpty = _held == 0;
        _held += Encode(text, _block.AsSpan(_held));
        if (wasEmpty) DelayedFlush.Schedule(_flush);
    }

    /// <summary>Writes the line at once, alone, under the lock.</summary>
    private void Write(StringBuilder text)
    {
        byte[] line = ArrayPool<byte>.Shared.Rent(Utf8NoBom.GetMaxByteCount(text.Length));
        try
        {
            Append(line.AsSpan(0, Encode(text, line)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    /// <summary>Writes the block held, under the lock: whole, or else line by line up to the first that does not fit.</summary>
    private void WriteHeld()
    {
        if (_held == 0) return;
        var block = _block.AsSpan(0, _held);
        _held = 0;
        if (_broken) return;
        try
        {
            _file.Append(block);
            return;
        }
        catch (IOException)
        {
            // Cut back whole; its first lines may still fit on their own.
        }
        while (!_broken && block.Length > 0)
        {
            int end = block.IndexOf((byte)'\n') + 1;
            if (end == 0) end = block.Length;
            Append(block[..end]);
            block = block[end..];
        }
    }

    private void Append(ReadOnlySpan<byte> lines)
    {
        try
        {
            _file.Append(lines);
        }
        catch (IOException)
        {
            _broken = true;
        }
    }

    /// <summary>The text as UTF-8 into <paramref name="into"/> (room for its most bytes), under the lock: the bytes written.</summary>
    private int Encode(StringBuilder text, Span<byte> into)
    {
        int written = 0;
        foreach (var chunk in text.GetChunks())
        {
            _encoder.Convert(chunk.Span, into[written..], flush: false, out _, out int bytes, out _);
            written += bytes;
        }
        _encoder.Convert([], into[written..], flush: true, out _, out int last, out _);
        return written + last;
    }
}
