using System.Net;
using System.Text;
using System.Text.Json;
using NnLab.Runner.IO;
using NnLab.Runner.Output;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// One process's state file, <c>state/&lt;writer&gt;.jsonl</c> in the sweep folder: an append-only list of
/// <see cref="TrialEvent"/> lines, written by that process only. Each line goes to the operating system in one write
/// as soon as the event happens, so a process killed at any moment (SIGKILL, a crash) leaves every event it wrote,
/// and at most a torn last line, which readers skip (and the next writer of the file cuts off). A line the full disk
/// refuses is cut back whole (<see cref="WholeLineFile"/>): <see cref="Append"/> throws and the file ends on the line
/// before. Threads of the process share it under a lock.
/// </summary>
public sealed class StateLog : IDisposable
{
    /// <summary>The state files' folder inside the sweep folder.</summary>
    public const string Folder = "state";

    public const string Extension = ".jsonl";

    internal static JsonSerializerOptions LineOptions { get; } = new(RunJson.Options) { WriteIndented = false };

    private readonly Lock _lock = new();
    private readonly WholeLineFile _file;

    private StateLog(string worker, WholeLineFile file)
    {
        Worker = worker;
        _file = file;
    }

    /// <summary>The writer's id, the file's name without its extension.</summary>
    public string Worker { get; }

    /// <summary>
    /// Opens (appending to) <c>state/&lt;worker&gt;.jsonl</c> in <paramref name="sweepFolder"/>; <paramref name="worker"/>
    /// null picks a new id unique across machines and processes: <paramref name="prefix"/>-host-pid-random.
    /// </summary>
    public static StateLog Open(string sweepFolder, string prefix, string? worker = null)
    {
        worker ??= NewId(prefix);
        if (worker.Length == 0 || worker.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || worker.StartsWith('.'))
            throw new ArgumentException($"worker id '{worker}' must be letters, digits, '-', '_' and '.'");
        string folder = Path.Combine(sweepFolder, Folder);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, worker + Extension);
        // A torn line left by an earlier writer of this file (killed mid-write) is cut off: it must not swallow the next.
        return new StateLog(worker, WholeLineFile.Open(path, File.Exists(path) ? WholeLinesLength(path) : null));
    }

    /// <summary>The length of <paramref name="path"/> up to and including its last newline (0 without one).</summary>
    private static long WholeLinesLength(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        for (long end = read.Length; end > 0;)
        {
            int count = (int)Math.Min(buffer.Length, end);
            read.Position = end - count;
            read.ReadExactly(buffer, 0, count);
            int newline = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0) return end - count + newline + 1;
            end -= count;
        }
        return 0;
    }

    public static string NewId(string prefix)
    {
        string host = new(Dns.GetHostName().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_').ToArray());
        return $"{prefix}-{host}-{Environment.ProcessId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}";
    }

    /// <summary>Appends <paramref name="e"/> as one whole line, or throws (a full disk: <see cref="IOException"/>) with the file as it was.</summary>
    public void Append(TrialEvent e)
    {
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(e, LineOptions);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        lock (_lock) _file.Append(bytes);
    }

    public void Dispose()
    {
        lock (_lock) _file.Dispose();
    }

    internal static string Text(TrialEvent e) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(e, LineOptions));
}
