using System.Diagnostics;
using System.Text.Json;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>sweep.lock: one process per sweep folder; a stale lock (its process is gone) is taken over.</summary>
public sealed class SweepLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nnlab-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string LockPath => Path.Combine(_folder, SweepLock.FileName);

    private void WriteLock(int pid, string host) =>
        File.WriteAllText(LockPath, JsonSerializer.Serialize(new { Pid = pid, Host = host, StartedUtc = "2026-01-01T00:00:00Z" }));

    [Fact]
    public void A_second_taker_is_refused_with_the_owner_named_and_the_lock_goes_at_the_end()
    {
        using (SweepLock.Acquire(_folder))
        {
            var refused = Assert.Throws<SweepFolderException>(() => SweepLock.Acquire(_folder));
            Assert.Contains($"in use by process {Environment.ProcessId} on {Environment.MachineName}", refused.Message);
            Assert.Contains(LockPath, refused.Message);
        }
        Assert.False(File.Exists(LockPath));
        using var again = SweepLock.Acquire(_folder);
    }

    [Fact]
    public void A_lock_left_by_a_dead_process_is_taken_over()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        WriteLock(gone.Id, Environment.MachineName);
        using var taken = SweepLock.Acquire(_folder);
        Assert.Contains($"\"Pid\":{Environment.ProcessId}", File.ReadAllText(LockPath));
    }

    [Fact]
    public void A_lock_held_on_another_host_is_respected()
    {
        WriteLock(1, "some-other-host");
        var refused = Assert.Throws<SweepFolderException>(() => SweepLock.Acquire(_folder));
        Assert.Contains("on some-other-host", refused.Message);
    }

    [Fact]
    public async Task A_resume_of_a_folder_another_process_works_on_is_refused_and_changes_nothing()
    {
        var sweep = Sweeps.TestSweeps.LearningRates();
        var runner = new SweepRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<SweepRunner>.Instance, TimeProvider.System);
        string folder = Path.Combine(_folder, "sweep");
        await runner.RunAsync(sweep, new SweepRunOptions { OutputDirectory = folder, Parallel = 1 });
        Assert.False(File.Exists(Path.Combine(folder, SweepLock.FileName)));
        string manifest = File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest));

        // Another live process (this test's own id stands in for it) holds the folder.
        File.WriteAllText(Path.Combine(folder, SweepLock.FileName),
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
        using var taken = SweepLock.Acquire(_folder);
    }
}
