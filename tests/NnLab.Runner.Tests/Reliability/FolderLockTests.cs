using System.Diagnostics;
using System.Text.Json;
using NnLab.Runner.IO;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>
/// sweep.lock and run.lock: one process per sweep or run folder; a stale lock (its process is gone, or its id now
/// belongs to a later process) is taken over; one of another host is respected.
/// </summary>
public sealed class FolderLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nnlab-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string LockPath => Path.Combine(_folder, FolderLock.SweepFileName);

    private void WriteLock(int pid, string host, string? processStart = null) =>
        File.WriteAllText(LockPath, JsonSerializer.Serialize(new { Pid = pid, Host = host, StartedUtc = "2026-01-01T00:00:00Z", ProcessStart = processStart }));

    /// <summary>When process <paramref name="pid"/> started, as a lock records it on Linux: clock ticks after boot.</summary>
    private static string StartTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return "ticks:" + stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }

    [Fact]
    public void A_second_taker_is_refused_with_the_owner_named_and_the_lock_goes_at_the_end()
    {
        using (FolderLock.ForSweep(_folder))
        {
            var refused = Assert.Throws<SweepFolderException>(() => FolderLock.ForSweep(_folder));
            Assert.Contains($"in use by process {Environment.ProcessId} on {Environment.MachineName}", refused.Message);
            Assert.Contains(LockPath, refused.Message);
        }
        Assert.False(File.Exists(LockPath));
        using var again = FolderLock.ForSweep(_folder);
    }

    [Fact]
    public void A_lock_left_by_a_dead_process_is_taken_over()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        WriteLock(gone.Id, Environment.MachineName);
        using var taken = FolderLock.ForSweep(_folder);
        Assert.Contains($"\"Pid\":{Environment.ProcessId}", File.ReadAllText(LockPath));
    }

    [Fact]
    public void A_lock_whose_process_id_now_belongs_to_a_later_process_is_taken_over()
    {
        // A live process with the recorded id, but it started after the owner did: the id was reused.
        using var later = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            // The owner that wrote the lock started 1000 ticks before the process now holding its id.
            string earlier = "ticks:" + (long.Parse(StartTicks(later.Id)[6..], System.Globalization.CultureInfo.InvariantCulture) - 1000);
            WriteLock(later.Id, Environment.MachineName, earlier);
            using var taken = FolderLock.ForSweep(_folder);
            Assert.Contains($"\"Pid\":{Environment.ProcessId}", File.ReadAllText(LockPath));
        }
        finally
        {
            later.Kill();
        }
    }

    [Fact]
    public void A_lock_of_a_live_process_started_when_it_recorded_is_respected()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            WriteLock(owner.Id, Environment.MachineName, StartTicks(owner.Id));
            var refused = Assert.Throws<SweepFolderException>(() => FolderLock.ForSweep(_folder));
            Assert.Contains($"in use by process {owner.Id} on {Environment.MachineName}", refused.Message);
        }
        finally
        {
            owner.Kill();
        }
    }

    [Fact]
    public void A_run_folder_lock_refuses_a_resume_with_a_run_folder_error()
    {
        using (FolderLock.ForRun(_folder))
        {
            var refused = Assert.Throws<RunFolderException>(() => FolderLock.ForRun(_folder));
            Assert.Contains($"the run folder '{_folder}' is in use by process {Environment.ProcessId} on {Environment.MachineName}", refused.Message);
            Assert.Contains(Path.Combine(_folder, FolderLock.RunFileName), refused.Message);
            // The two kinds of lock are separate files.
            using var sweep = FolderLock.ForSweep(_folder);
        }
        Assert.False(File.Exists(Path.Combine(_folder, FolderLock.RunFileName)));
    }

    [Fact]
    public async Task Many_takers_of_one_stale_lock_at_once_leave_exactly_one_owner()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        WriteLock(gone.Id, Environment.MachineName);
        using var start = new Barrier(8);
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            try
            {
                return FolderLock.ForSweep(_folder);
            }
            catch (SweepFolderException)
            {
                return null;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var locks = await Task.WhenAll(attempts);
        Assert.Single(locks, l => l is not null);
        foreach (var l in locks) l?.Dispose();
    }

    [Fact]
    public void A_lock_held_on_another_host_is_respected()
    {
        WriteLock(1, "some-other-host");
        var refused = Assert.Throws<SweepFolderException>(() => FolderLock.ForSweep(_folder));
        Assert.Contains("on some-other-host", refused.Message);
    }

    [Fact]
    public async Task A_resume_of_a_folder_another_process_works_on_is_refused_and_changes_nothing()
    {
        var sweep = Sweeps.TestSweeps.LearningRates();
        var runner = new SweepRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<SweepRunner>.Instance, TimeProvider.System);
        string folder = Path.Combine(_folder, "sweep");
        await runner.RunAsync(sweep, new SweepRunOptions { OutputDirectory = folder, Parallel = 1 });
        Assert.False(File.Exists(Path.Combine(folder, FolderLock.SweepFileName)));
        string manifest = File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest));

        // Another live process (this test's own id stands in for it) holds the folder.
        File.WriteAllText(Path.Combine(folder, FolderLock.SweepFileName),
            JsonSerializer.Serialize(new { Pid = Environment.ProcessId, Host = Environment.MachineName, StartedUtc = "2026-01-01T00:00:00Z" }));
        var refused = await Assert.ThrowsAsync<SweepFolderException>(() =>
            runner.RunAsync(sweep, new SweepRunOptions { ResumeDirectory = folder, Parallel = 1 }));
        Assert.Contains($"in use by process {Environment.ProcessId}", refused.Message);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest)));
    }

    [Fact]
    public void A_torn_lock_file_is_taken_over()
    {
        File.WriteAllText(LockPath, "{\"Pid\":12");
        using var taken = FolderLock.ForSweep(_folder);
    }
}
