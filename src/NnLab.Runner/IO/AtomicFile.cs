using System.Text;

namespace NnLab.Runner.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new contents, never a torn file:
/// the data goes to a temporary file in the same directory (so the final rename stays on one file system),
/// is flushed to disk, and is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string contents) => WriteText(path, writer => writer.Write(contents));

    /// <summary>Writes UTF-8 text (no BOM, "\n" line endings whatever the platform).</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public static void Write(string path, Action<Stream> write)
    {
        string target = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Cleanup must not replace the error that matters with its own (e.g. the folder is gone).</summary>
    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
