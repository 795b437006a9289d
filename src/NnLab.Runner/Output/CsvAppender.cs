using System.Text;
using NnLab.Runner.IO;

namespace NnLab.Runner.Output;

/// <summary>
/// An append-only CSV file: the header line first, then one row at a time, each handed to the operating system as it
/// is written (one write call), so a process killed at any moment leaves every row written so far and at most a
/// torn last line. It takes the column names and, per row, one already-formatted field per column: a new column is
/// a new name and a new field, nothing else.
/// </summary>
internal sealed class CsvAppender : IDisposable
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly WholeLineFile _file;
    private readonly StringBuilder _line = new();
    private byte[] _bytes = new byte[256];

    private CsvAppender(WholeLineFile file, IReadOnlyList<string> columns, int rows)
    {
        _file = file;
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows written after the header (those kept when continuing included).</summary>
    public int Rows { get; private set; }

    /// <summary>Bytes in the file: where the next row goes.</summary>
    public long Length => _file.Length;

    /// <summary>Creates (or empties) <paramref name="path"/> and writes the header.</summary>
    public static CsvAppender Create(string path, IReadOnlyList<string> columns)
    {
        var appender = new CsvAppender(WholeLineFile.Create(path), columns, 0);
        appender.WriteLine(columns);
        return appender;
    }

    /// <summary>
    /// Continues <paramref name="path"/> after its first <paramref name="length"/> bytes (the header and
    /// <paramref name="rows"/> rows), dropping whatever follows. Throws <see cref="IOException"/> when the file is
    /// shorter or its header names other columns.
    /// </summary>
    public static CsvAppender Continue(string path, IReadOnlyList<string> columns, long length, int rows)
    {
        CheckPrefix(path, columns, length);
        return new CsvAppender(WholeLineFile.Open(path, length), columns, rows);
    }

    /// <summary>Throws <see cref="IOException"/> unless the file holds at least <paramref name="length"/> bytes after the header.</summary>
    public static void CheckPrefix(string path, IReadOnlyList<string> columns, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        CheckPrefix(stream, columns, length);
    }

    private static void CheckPrefix(FileStream stream, IReadOnlyList<string> columns, long length)
    {
        byte[] header = Utf8NoBom.GetBytes(string.Join(',', columns) + "\n");
        if (stream.Length < length || length < header.Length)
            throw new IOException($"it holds {stream.Length} bytes, fewer than the {length} recorded");
        var start = new byte[header.Length];
        stream.Position = 0;
        stream.ReadExactly(start);
        if (!start.AsSpan().SequenceEqual(header))
            throw new IOException($"its header is not '{string.Join(',', columns)}'");
    }

    /// <summary>Writes one row: one field per column, in column order, already formatted (<see cref="Csv"/>).</summary>
    public void Append(params ReadOnlySpan<string> fields)
    {
        if (fields.Length != Columns.Count)
            throw new ArgumentException($"a row of {string.Join(',', Columns)} has {Columns.Count} fields, got {fields.Length}");
        WriteLine(fields);
        Rows++;
    }

    /// <summary>Forces what was written to the disk (the rows are already with the operating system).</summary>
    public void FlushToDisk() => _file.FlushToDisk();

    public void Dispose() => _file.Dispose();

    private void WriteLine(ReadOnlySpan<string> fields)
    {
        _line.Clear();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) _line.Append(',');
            _line.Append(fields[i]);
        }
        _line.Append('\n');
        int count = Utf8NoBom.GetMaxByteCount(_line.Length);
        if (_bytes.Length < count) _bytes = new byte[Math.Max(count, 2 * _bytes.Length)];
        int length = Utf8NoBom.GetBytes(_line.ToString(), _bytes);
        // A row reaches the file whole or not at all (a full disk cuts it back): readers never see a torn row.
        _file.Append(_bytes.AsSpan(0, length));
    }

    private void WriteLine(IReadOnlyList<string> fields) => WriteLine(fields.ToArray().AsSpan());
}
