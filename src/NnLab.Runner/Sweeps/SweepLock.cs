using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// <c>sweep.lock</c> in a sweep folder while a process works on it: its owner's process id, host and start time.
/// Created atomically (a new file, never overwritten), so a second <c>nnlab sweep --resume</c> of a folder that is
/// running refuses with a message naming the owner; a lock left by a process that died (same host, no such process)
/// is stale and taken over. Removed when the sweep ends.
/// </summary>
public sealed class SweepLock : IDisposable
{
    public const string FileName = "sweep.lock";

    private readonly string _path;
    private readonly string _content;

    private SweepLock(string path, string content)
    {
        _path = path;
        _content = content;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist).</summary>
    /// <exception cref="SweepFolderException">Another live process holds it.</exception>
    public static SweepLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string content = JsonSerializer.Serialize(new Owner(Environment.ProcessId, Environment.MachineName,
            DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(stream))
                    writer.Write(content);
                return new SweepLock(path, content);
            }
            catch (IOException) when (File.Exists(path))
            {
                var owner = Read(path);
                if (owner is not null && IsAlive(owner))
                    throw new SweepFolderException(
                        $"the sweep folder '{directory}' is in use by process {owner.Pid} on {owner.Host} (since {owner.StartedUtc}); " +
                        $"wait for it to finish, or stop it, then resume. Its lock is {path}.");
                // Stale (its process is gone) or unreadable (torn by a crash while written): take it over.
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
            }
        }
        throw new SweepFolderException($"cannot take the lock {path} of the sweep folder '{directory}'.");
    }

    private sealed record Owner(int Pid, string Host, string StartedUtc);

    private static Owner? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Owner>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // On another host the owner cannot be checked: count it as alive, so two machines sharing a folder never both run it.
    private static bool IsAlive(Owner owner)
    {
        if (!string.Equals(owner.Host, Environment.MachineName, StringComparison.Ordinal)) return true;
        if (owner.Pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(owner.Pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            // Only our own lock: never delete one a later owner took over.
            if (File.Exists(_path) && File.ReadAllText(_path) == _content) File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }
}
