using System.Globalization;
using System.Text;

namespace NnLab.Runner;

/// <summary>
/// The folder one run writes into: either <c>runs/&lt;name&gt;/&lt;UTC timestamp&gt;</c> (with -2, -3, ... when that
/// second is taken) or a folder the user chose, which must be new or empty so two runs never mix.
/// </summary>
public sealed class RunFolder
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";


    private RunFolder(string fullPath) => FullPath = fullPath;

    public string FullPath { get; }

    /// <summary>The path as the user would type it: relative to the current directory when inside it.</summary>
    public string DisplayPath
    {
        get
        {
            string relative = Path.GetRelativePath(Environment.CurrentDirectory, FullPath);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? FullPath : relative;
        }
    }

    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    public override string ToString() => DisplayPath;

    /// <summary>Creates <c>runsRoot/experimentName/20261122T131800Z</c>, or the first free -2, -3, ... variant.</summary>
    public static RunFolder CreateTimestamped(string runsRoot, string experimentName, DateTimeOffset utcNow)
    {
        string parent = Path.Combine(Path.GetFullPath(runsRoot), SafeName(experimentName));
        string stamp = utcNow.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        // Runs started in the same second, by one process (a sweep's trials) or by several (two terminals), must not
        // pick the same name: the look and the create happen under a machine-wide mutex for this parent folder.
        using var naming = new Mutex(false, NamingMutexName(parent));
        try
        {
            naming.WaitOne();
        }
        catch (AbandonedMutexException)
        {
            // Its holder died; the mutex is ours now, and whatever that process created is on disk to be seen.
        }
        try
        {
            for (int n = 1; ; n++)
            {
                string candidate = Path.Combine(parent, n == 1 ? stamp : $"{stamp}-{n}");
                if (Directory.Exists(candidate) || File.Exists(candidate)) continue;
                return Create(candidate);
            }
        }
        finally
        {
            naming.ReleaseMutex();
        }
    }

    private static string NamingMutexName(string parent) =>
        "nnlab-run-names-" + Convert.ToHexString(Hashing.Sha256.HashData(Encoding.UTF8.GetBytes(parent)))[..32];

    /// <summary>Uses <paramref name="directory"/> itself as the run folder, creating it; refuses one that has anything in it.</summary>
    public static RunFolder CreateAt(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || directory.Contains('\0'))
            throw new RunFolderException("--out needs the path of a folder to create, got an empty one.");
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
            throw new RunFolderException($"output folder '{directory}' is a file, not a folder.");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new RunFolderException(
                $"output folder '{directory}' already exists and is not empty; choose a new or empty folder so runs never mix.");
        return Create(full);
    }

    /// <summary>An existing folder, to add to (a resumed sweep); refuses a path that is not a folder.</summary>
    public static RunFolder Existing(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new RunFolderException($"folder '{directory}' does not exist.");
        return new RunFolder(full);
    }

    private static RunFolder Create(string fullPath)
    {
        try
        {
            Directory.CreateDirectory(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"cannot create run folder '{fullPath}': {e.Message}", e);
        }
        return new RunFolder(fullPath);
    }

    /// <summary>The experiment name as one safe path segment: it comes from a YAML file and must not climb out of runs/.</summary>
    internal static string SafeName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        string safe = new(chars);
        return safe.Trim('.').Length == 0 ? "experiment" : safe;
    }
}
