using System.Runtime.InteropServices;
using System.Text;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads a text file within a size and a line-length bound, cancellably, so that no file makes a load hang or
/// exhaust memory: a device (<c>/dev/zero</c>), a pipe with no writer, a file that grows while read or a line a
/// gigabyte long is refused with a message instead. Where the file is not a regular one (known on Linux without
/// opening it) it is refused outright when <c>regularOnly</c>; otherwise (an experiment file given as
/// <c>&lt;(…)</c>) it is read on a worker the caller can abandon on Ctrl+C, since opening a pipe blocks until a
/// writer comes.
/// </summary>
internal static class BoundedFile
{
    /// <summary>A failure to read: the message, and the 1-based line and column it concerns (1, 1 for the file as a whole).</summary>
    public sealed record Failure(string Message, int Line = 1, int Column = 1);

    public static string? TryRead(string path, long maxChars, int maxLineLength, bool regularOnly, CancellationToken cancellation,
        out Failure? failure)
    {
        cancellation.ThrowIfCancellationRequested();
        failure = null;
        var kind = FileKind.Of(path);
        if (kind == FileKind.Kind.Missing)
        {
            failure = new Failure("file not found");
            return null;
        }
        if (kind == FileKind.Kind.Directory)
        {
            failure = new Failure("it is a folder, not a file");
            return null;
        }
        if (kind == FileKind.Kind.Other && regularOnly)
        {
            failure = new Failure("it is not a regular file (a device, a pipe or a socket): copy the data to a file");
            return null;
        }
        long length = kind == FileKind.Kind.Regular ? new FileInfo(path).Length : 0;
        if (length > maxChars)
        {
            failure = new Failure($"the file is {length} bytes long; at most {maxChars} are read");
            return null;
        }
        if (kind == FileKind.Kind.Regular) return Read(path, length, maxChars, maxLineLength, cancellation, out failure);

        // A pipe's open blocks until a writer comes: read on a worker and stop waiting for it on cancellation.
        var worker = Task.Factory.StartNew(() =>
        {
            string? text = Read(path, -1, maxChars, maxLineLength, cancellation, out var f);
            return (text, f);
        }, cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            worker.Wait(cancellation);
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }
        (string? result, failure) = worker.Result;
        return result;
    }

    private static string? Read(string path, long expectedBytes, long maxChars, int maxLineLength, CancellationToken cancellation, out Failure? failure)
    {
        failure = null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var text = new StringBuilder();
        var buffer = new char[1 << 16];
        int line = 1;
        long lineLength = 0;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            // UTF-8 and UTF-16 never give more characters than bytes: a file that does grew while read, or is a device.
            if (expectedBytes >= 0 && text.Length + (long)read > expectedBytes)
            {
                failure = new Failure($"the file grew past its size of {expectedBytes} bytes while read (or is a device): copy the data to a file");
                return null;
            }
            if (text.Length + (long)read > maxChars)
            {
                failure = new Failure($"the file holds more than {maxChars} characters; at most {maxChars} are read");
                return null;
            }
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    line++;
                    lineLength = 0;
                }
                else if (++lineLength > maxLineLength)
                {
                    failure = new Failure($"this line is longer than {maxLineLength} characters", line, maxLineLength + 1);
                    return null;
                }
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }
}

/// <summary>What a path names, told without opening it (opening a pipe blocks): through statx on Linux, else as .NET sees it.</summary>
internal static class FileKind
{
    public enum Kind { Missing, Directory, Regular, Other }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint ModeTypeMask = 0xF000;
    private const uint ModeRegular = 0x8000;
    private const uint ModeDirectory = 0x4000;
    private static bool _statxMissing;

    public static Kind Of(string path)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing)
        {
            try
            {
                // struct statx is the same on every Linux architecture: stx_mode is the u16 at offset 28.
                var buffer = new byte[256];
                if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
                    return Directory.Exists(path) ? Kind.Directory : File.Exists(path) ? Kind.Other : Kind.Missing;
                uint mode = BitConverter.ToUInt16(buffer, 28) & ModeTypeMask;
                return mode == ModeRegular ? Kind.Regular : mode == ModeDirectory ? Kind.Directory : Kind.Other;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _statxMissing = true;
            }
        }
        if (Directory.Exists(path)) return Kind.Directory;
        if (!File.Exists(path)) return Kind.Missing;
        // Without statx a device cannot be told from a regular file before opening; the size and line bounds still hold.
        return Kind.Regular;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
