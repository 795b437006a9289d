namespace NnLab.Runner.IO;

/// <summary>
/// A little space held in the run folder while the run works (a hidden file of real blocks), given back when the disk
/// fills, so that summary.json can still say <c>failed: disk full</c> rather than the run ending without one.
/// Deleted when the run ends either way.
/// </summary>
internal sealed class DiskReserve : IDisposable
{
    public const string FileName = ".nnlab-reserve";
    private const int Size = 64 * 1024;

    private readonly string? _path;

    private DiskReserve(string? path) => _path = path;

    /// <summary>Holds the reserve in <paramref name="folder"/>; a disk already too full for it just means no reserve.</summary>
    public static DiskReserve Create(string folder)
    {
        string path = Path.Combine(folder, FileName);
        try
        {
            using var file = WholeLineFile.Create(path);
            file.Append(new byte[Size]);
            return new DiskReserve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Release(path);
            return new DiskReserve(null);
        }
    }

    /// <summary>Gives the space back (the disk is full: the run's last files need it).</summary>
    public void Release()
    {
        if (_path is not null) Release(_path);
    }

    public void Dispose() => Release();

    private static void Release(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
