using Microsoft.Win32.SafeHandles;

namespace NnLab.Runner.IO;

/// <summary>
/// A file appended to a whole line at a time, each line reaching the file in one write at a known offset, or not
/// at all: when a write fails (a full disk writes part of it, then ENOSPC) the file is cut back to the line before,
/// so a reader never finds a torn last line. Used by cost.csv and log.jsonl, the files a run appends to.
/// </summary>
internal sealed class WholeLineFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private WholeLineFile(SafeFileHandle handle, long length)
    {
        _handle = handle;
        Length = length;
    }

    /// <summary>Bytes in the file: every line written so far, whole.</summary>
    public long Length { get; private set; }

    /// <summary>Creates (or empties) <paramref name="path"/>.</summary>
    public static WholeLineFile Create(string path) =>
        new(File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read), 0);

    /// <summary>Opens <paramref name="path"/> to append at <paramref name="length"/> (cutting what follows), or at its end when null.</summary>
    public static WholeLineFile Open(string path, long? length = null)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            long size = RandomAccess.GetLength(handle);
            long at = length ?? size;
            if (at != size) RandomAccess.SetLength(handle, at);
            return new WholeLineFile(handle, at);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="line"/> (with its newline) whole, or throws with the file as it was.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        try
        {
            RandomAccess.Write(_handle, line, Length);
            Length += line.Length;
        }
        catch (IOException)
        {
            try
            {
                RandomAccess.SetLength(_handle, Length);
            }
            catch (IOException)
            {
                // Cutting back only frees space; if even that fails the reader sees the line's start, nothing more.
            }
            throw;
        }
    }

    public void FlushToDisk() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();

    /// <summary>The full-disk error <paramref name="e"/> is or wraps (an inner exception), or null.</summary>
    public static IOException? DiskFullIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException io && IsDiskFull(io)) return io;
        return null;
    }

    /// <summary>True for the errors of a full disk or quota (ENOSPC, EDQUOT; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL).</summary>
    public static bool IsDiskFull(Exception e) =>
        e is IOException && ((e.HResult & 0xFFFF) is 112 or 39 or 28 or 122
            || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase));
}
