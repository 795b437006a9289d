using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NnLab.Runner.IO;

/// <summary>
/// A lock file in a folder while a process works on it (<c>sweep.lock</c> in a sweep folder, <c>run.lock</c> in a run
/// folder): its owner's process id, host, when that process started and when it took the lock. A second process that
/// wants the folder (<c>nnlab sweep --resume</c>, <c>nnlab run --resume</c>) is refused with a message naming the
/// owner. A lock whose owner is gone (same host, and no such process, or a process of that id that started at another
/// time: the id was reused) is stale and taken over; one held on another host is always respected. Removed when disposed.
/// </summary>
/// <remarks>
/// The file appears whole or not at all: it is written under a temporary name and linked into place, which fails
/// when a lock is there (no reader ever sees a half-written lock and takes it for a torn one), so where there is no
/// lock the first taker gets it at once. Deciding that a lock is stale and taking it over happens under a machine-wide
/// mutex for the folder, so two processes of one host never both take over the same stale lock; a process on another
/// host never takes over a lock at all.
/// </remarks>
public sealed class FolderLock : IDisposable
{
    public const string SweepFileName = "sweep.lock";
    public const string RunFileName = "run.lock";

    private readonly string _path;
    private readonly byte[] _content;

    private FolderLock(string path, byte[] content)
    {
        _path = path;
        _content = content;
    }

    /// <summary>Takes <c>sweep.lock</c> of the sweep folder <paramref name="directory"/> (which must exist).</summary>
    /// <exception cref="Sweeps.SweepFolderException">Another live process holds it, or it cannot be written.</exception>
    public static FolderLock ForSweep(string directory) =>
        Acquire(directory, SweepFileName, "sweep folder", (message, inner) => new Sweeps.SweepFolderException(message, inner));

    /// <summary>Takes <c>run.lock</c> of the run folder <paramref name="directory"/> (which must exist).</summary>
    /// <exception cref="RunFolderException">Another live process holds it, or it cannot be written.</exception>
    public static FolderLock ForRun(string directory) =>
        Acquire(directory, RunFileName, "run folder", (message, inner) => new RunFolderException(message, inner));

    /// <summary>Takes the lock <paramref name="fileName"/> of <paramref name="directory"/>; <paramref name="refuse"/> makes the exception that says why not.</summary>
    public static FolderLock Acquire(string directory, string fileName, string folderKind, Func<string, Exception?, Exception> refuse)
    {
        string path = Path.Combine(Path.GetFullPath(directory), fileName);
        byte[] content = new Owner(Environment.ProcessId, Environment.MachineName,
            DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), ProcessStart(Environment.ProcessId)).ToJson();
        bool Create()
        {
            try
            {
                return TryCreate(path, content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw refuse($"cannot take the lock {path} of the {folderKind} '{directory}': {e.Message}", e);
            }
        }

        // No lock there (a new run folder, a sweep or run that ended cleanly): taken at once, the link decides any race.
        if (Create()) return new FolderLock(path, content);
        using var takeOver = HostMutex.Take(path);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (Create()) return new FolderLock(path, content);
            byte[]? seen = ReadBytes(path);
            var owner = seen is null ? null : Owner.FromBytes(seen);
            if (owner is not null && IsAlive(owner))
                throw refuse(
                    $"the {folderKind} '{directory}' is in use by process {owner.Pid} on {owner.Host} (since {owner.StartedUtc}); " +
                    $"wait for it to finish, or stop it, then resume. Its lock is {path}.", null);
            // Stale (its process is gone) or unreadable (damaged): take it over, unless it changed meanwhile (its owner
            // ended and removed it, and a new one took it: then the next round reads that one).
            try
            {
                if (seen is null || ReadBytes(path) is { } now && now.AsSpan().SequenceEqual(seen)) File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
        throw refuse($"cannot take the lock {path} of the {folderKind} '{directory}': it keeps changing hands.", null);
    }

    /// <summary>Writes the lock whole under a temporary name and links it into place; false when a lock is already there.</summary>
    private static bool TryCreate(string path, byte[] content)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                stream.Write(content);
            // Never replaces an existing file (link(2) on Unix): of two processes racing here, one fails.
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <param name="Pid">The owner's process id.</param>
    /// <param name="Host">The owner's host.</param>
    /// <param name="StartedUtc">When it took the lock.</param>
    /// <param name="ProcessStart">
    /// When the owner's process started: on Linux "ticks:N", its start in clock ticks after boot (/proc/PID/stat, exact);
    /// elsewhere "utc:" and the time. Null in locks written before it was recorded.
    /// </param>
    private sealed record Owner(int Pid, string Host, string StartedUtc, string? ProcessStart = null)
    {
        // Written and read field by field: the serializer's first use would cost every run tens of milliseconds.
        public byte[] ToJson()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber(nameof(Pid), Pid);
                json.WriteString(nameof(Host), Host);
                json.WriteString(nameof(StartedUtc), StartedUtc);
                if (ProcessStart is not null) json.WriteString(nameof(ProcessStart), ProcessStart);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>The owner a lock file names, or null when it is damaged.</summary>
        public static Owner? FromBytes(byte[] bytes)
        {
            try
            {
                return FromJson(bytes);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Owner? FromJson(byte[] bytes)
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(nameof(Pid), out var pid) || !pid.TryGetInt32(out int id)
                || !root.TryGetProperty(nameof(Host), out var host) || host.ValueKind != JsonValueKind.String)
                return null;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new Owner(id, host.GetString()!, Text(nameof(StartedUtc)) ?? "an unknown time", Text(nameof(ProcessStart)));
        }
    }

    /// <summary>When process <paramref name="pid"/> started, as <see cref="Owner.ProcessStart"/> records it; null when it cannot be told.</summary>
    private static string? ProcessStart(int pid)
    {
        if (!OperatingSystem.IsLinux()) return OtherProcess.Start(pid);
        return LinuxProcess(pid) is { Dead: false } process ? "ticks:" + process.StartTicks : null;
    }

    /// <summary>
    /// Process <paramref name="pid"/> as /proc/PID/stat tells it: whether it has ended (a zombie, not yet reaped, has) and
    /// when it started, in clock ticks after boot (field 22); null when there is no such process.
    /// </summary>
    private static (bool Dead, string StartTicks)? LinuxProcess(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? (fields[0] is "Z" or "X" or "x", fields[19]) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // On another host the owner cannot be checked: count it as alive, so two machines sharing a folder never both run it.
    private static bool IsAlive(Owner owner)
    {
        if (!string.Equals(owner.Host, Environment.MachineName, StringComparison.Ordinal)) return true;
        if (owner.Pid == Environment.ProcessId) return true;
        if (!OperatingSystem.IsLinux()) return OtherProcess.IsAlive(owner.Pid, owner.ProcessStart);
        if (LinuxProcess(owner.Pid) is not { Dead: false } process) return false;
        // A process of that id lives, but it may be a later one (ids are reused): it is the owner only if it started when
        // the owner did. A lock that does not say when cannot be checked and counts as alive.
        return owner.ProcessStart is not { } recorded || recorded == "ticks:" + process.StartTicks;
    }

    /// <summary>
    /// Other systems than Linux, through System.Diagnostics.Process: kept apart so that a run on Linux never loads it
    /// (taking a lock is on every run's path).
    /// </summary>
    private static class OtherProcess
    {
        // Two readings of one process's start time may differ by this much (the clock can be adjusted between them).
        private static readonly TimeSpan StartSlack = TimeSpan.FromSeconds(2);

        public static string? Start(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return "utc:" + process.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        public static bool IsAlive(int pid, string? recorded)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited) return false;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return false;
            }
            if (recorded is null || Start(pid) is not { } current) return true;
            if (recorded.StartsWith("utc:", StringComparison.Ordinal) && current.StartsWith("utc:", StringComparison.Ordinal)
                && DateTime.TryParse(recorded[4..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var was)
                && DateTime.TryParse(current[4..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var now))
                return (now - was).Duration() <= StartSlack;
            return recorded == current;
        }
    }

    public void Dispose()
    {
        try
        {
            // Only our own lock: never delete one a later owner took over.
            if (File.Exists(_path) && File.ReadAllBytes(_path).AsSpan().SequenceEqual(_content)) File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A machine-wide named mutex for one lock path: takers on one host decide "stale" and take over one at a time. Where
    /// named mutexes are unavailable it holds nothing (takers on other hosts never take over anyway).
    /// </summary>
    private sealed class HostMutex : IDisposable
    {
        private readonly Mutex? _mutex;

        private HostMutex(Mutex? mutex) => _mutex = mutex;

        public static HostMutex Take(string path)
        {
            Mutex? mutex = null;
            try
            {
                mutex = new Mutex(false, @"Global\nnlab-lock-" + Fnv(path, 0xcbf29ce484222325).ToString("x16", CultureInfo.InvariantCulture)
                    + Fnv(path, 0x84222325cbf29ce4).ToString("x16", CultureInfo.InvariantCulture));
                try
                {
                    mutex.WaitOne();
                }
                catch (AbandonedMutexException)
                {
                    // Its holder died while deciding; the mutex is ours now.
                }
                return new HostMutex(mutex);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or WaitHandleCannotBeOpenedException or PlatformNotSupportedException)
            {
                mutex?.Dispose();
                return new HostMutex(null);
            }
        }

        /// <summary>FNV-1a over the path's characters: a name for the mutex, without loading a cryptography library.</summary>
        private static ulong Fnv(string text, ulong hash)
        {
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 0x100000001b3;
            }
            return hash;
        }

        public void Dispose()
        {
            if (_mutex is null) return;
            _mutex.ReleaseMutex();
            _mutex.Dispose();
        }
    }
}
