using System.Runtime.InteropServices;
using System.Text;
using NnLab.Runner.IO;

namespace NnLab.Cli.Logging;

/// <summary>
/// stderr, buffered when it is redirected (a file, a pipe, CI's log): as C's stdio does, a terminal gets each line
/// as it is written, anything else gets them in blocks. A sweep of many short trials writes a line per trial, and
/// written and flushed one at a time they cost a system call each, under a lock the trials' threads queue for (in a
/// sampled profile of 10,000 50-epoch trials, 16% of the process's CPU with stderr a pipe, 2.4% with it a file).
/// </summary>
/// <remarks>
/// <para>No line is lost and none is late for long. What is held is written out when the buffer fills, at most
/// <see cref="DelayedFlush.Delay"/> after the first line held (so <c>tail -f</c> and a CI log keep up), before anything
/// is written to stdout (so the two still interleave as the program wrote them when both go to one file or pipe), on
/// Ctrl+C, SIGTERM and SIGQUIT (the lines so far show while the command winds down), when the process exits
/// (normally, by <c>Environment.Exit</c> in a plugin: from then on every write goes straight out, for the handlers
/// still to run) and when an exception nobody caught is about to end it (before the runtime prints it). Only a kill
/// (SIGKILL) or a crash of the runtime itself can lose the last fraction of a second of lines; what a sweep records
/// (its state files) does not depend on them.</para>
/// <para>Every writer of stderr goes through <see cref="Console.Error"/> (the log lines, the commands' own
/// <c>error:</c> lines, plugin messages), so the order of lines is the order they were written in.</para>
/// </remarks>
internal static class StandardStreams
{
    private static BufferedWriter? _error;
    private static PosixSignalRegistration[]? _signals;

    /// <summary>Buffers stderr when it is redirected; call first thing, before anything writes to either stream.</summary>
    public static void Install()
    {
        if (_error is not null || !Console.IsErrorRedirected) return;
        var encoding = Encoding();
        var error = new BufferedWriter(() => Console.OpenStandardError(), encoding);
        _error = error;
        Console.SetError(error);
        Console.SetOut(new FlushingErrorFirst(error, encoding));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => error.WriteThrough();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => error.WriteThrough();
        // The handlers only flush: they leave what the signal does (the host's cancellation, or the default) alone.
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => error.Flush()),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => error.Flush()),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => error.Flush()),
        ];
    }

    /// <summary>Writes out what stderr holds (before output that bypasses <see cref="Console.Out"/>).</summary>
    public static void FlushError() => _error?.Flush();

    /// <summary>The console's encoding without a byte-order mark (the console's own writers leave it out too).</summary>
    private static Encoding Encoding()
    {
        var encoding = Console.OutputEncoding;
        return encoding.CodePage == 65001 ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : encoding;
    }

    /// <summary>
    /// A stream's text writer holding what it is given until one of the moments above. Thread-safe by itself (the
    /// delayed flush runs on a thread of its own); <see cref="Console.SetError"/> adds its own lock in front, which is
    /// never contended for long now that no write waits for a system call.
    /// </summary>
    /// <remarks>
    /// Only the synchronous methods are written out: <see cref="Console.SetError"/> wraps this in the runtime's
    /// synchronized writer, whose asynchronous methods call them synchronously, in order with every other write.
    /// </remarks>
    private sealed class BufferedWriter : TextWriter
    {
        // 16K characters: a hundred log lines or more in one write (or what the delayed flush finds, if it comes first).
        private const int BufferCharacters = 16 * 1024;

        private readonly Func<Stream> _open;
        private readonly Encoding _encoding;
        private readonly Action _flush;
        private readonly Lock _gate = new();
        private StreamWriter? _writer;
        private bool _holding;
        private bool _writeThrough;

        public BufferedWriter(Func<Stream> open, Encoding encoding)
        {
            _open = open;
            _encoding = encoding;
            _flush = Flush;
        }

        public override Encoding Encoding => _encoding;

        // Created at the first write: a command that writes nothing to stderr does not pay for the buffers.
        private StreamWriter Writer => _writer ??= new StreamWriter(_open(), _encoding, BufferCharacters, leaveOpen: true);

        public override void Write(char value)
        {
            lock (_gate)
            {
                Writer.Write(value);
                Written();
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                Writer.Write(buffer, index, count);
                Written();
            }
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (_gate)
            {
                Writer.Write(buffer);
                Written();
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                Writer.Write(value);
                Written();
            }
        }

        public override void Write(StringBuilder? value)
        {
            lock (_gate)
            {
                Writer.Write(value);
                Written();
            }
        }

        // A line and its newline in one go: another thread's line never lands between them.
        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                Writer.WriteLine(value);
                Written();
            }
        }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            lock (_gate)
            {
                Writer.WriteLine(buffer);
                Written();
            }
        }

        public override void WriteLine()
        {
            lock (_gate)
            {
                Writer.WriteLine();
                Written();
            }
        }

        public override void Flush()
        {
            lock (_gate)
            {
                if (!_holding) return;
                _holding = false;
                _writer!.Flush();
            }
        }

        /// <summary>Flushes, and from now on writes each call straight out (the process is ending: nothing may wait).</summary>
        public void WriteThrough()
        {
            lock (_gate)
            {
                _writeThrough = true;
                Flush();
            }
        }

        /// <summary>After a write, under the lock: the flush it is owed.</summary>
        private void Written()
        {
            if (_writeThrough)
            {
                _writer!.Flush();
                return;
            }
            if (_holding) return;
            _holding = true;
            DelayedFlush.Schedule(_flush);
        }
    }

    /// <summary>
    /// stdout, unbuffered as the console's own writer is, but writing out what stderr holds before each write: a
    /// result table printed after the log lines comes after them in a file or pipe both go to.
    /// </summary>
    private sealed class FlushingErrorFirst(BufferedWriter error, Encoding encoding) : TextWriter
    {
        private StreamWriter? _out;

        public override Encoding Encoding => encoding;

        // As the console makes it (autoflush), at the first write: a command that prints nothing does not pay for it.
        private StreamWriter Out
        {
            get
            {
                error.Flush();
                return _out ??= new StreamWriter(Console.OpenStandardOutput(), encoding, 256, leaveOpen: true) { AutoFlush = true };
            }
        }

        public override void Write(char value) => Out.Write(value);

        public override void Write(char[] buffer, int index, int count) => Out.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Out.Write(buffer);

        public override void Write(string? value) => Out.Write(value);

        public override void WriteLine(string? value) => Out.WriteLine(value);

        public override void WriteLine(ReadOnlySpan<char> buffer) => Out.WriteLine(buffer);

        public override void WriteLine() => Out.WriteLine();

        public override void Flush() => _out?.Flush();
    }
}
