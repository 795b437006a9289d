using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Runner.IO;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>
/// What a SIGKILL leaves in a sweep folder, rebuilt file by file (a kill lands in these windows only by chance), and
/// what <c>--resume</c> makes of it: a sweep killed before its first trials.json starts again in its folder, and the
/// temporary files of writes a kill interrupted are gone after a resume.
/// </summary>
public sealed class KilledSweepTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nnlab-killed-sweep-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static SweepRunner Runner() => new(NullLogger<SweepRunner>.Instance, TimeProvider.System);

    /// <summary>The lock of a process that is gone, as a SIGKILL leaves it.</summary>
    private static void StaleLock(string folder)
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        File.WriteAllText(Path.Combine(folder, FolderLock.SweepFileName),
            JsonSerializer.Serialize(new { Pid = gone.Id, Host = Environment.MachineName, StartedUtc = "2026-01-01T00:00:00Z" }));
    }

    private static string[] Temporary(string folder) =>
        Directory.GetFileSystemEntries(folder, "*.tmp", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray()!;

    [Theory]
    [InlineData(true)]  // killed while its first trials.json was being written
    [InlineData(false)] // killed while sweep.yaml was being written
    public async Task A_sweep_killed_before_its_first_trials_json_is_resumed_from_the_start(bool definitionWritten)
    {
        var sweep = Sweeps.TestSweeps.LearningRates();
        string folder = Path.Combine(_root, "s");
        Directory.CreateDirectory(folder);
        if (definitionWritten)
        {
            File.WriteAllText(Path.Combine(folder, SweepFiles.Definition), sweep.SourceText);
            File.WriteAllBytes(Path.Combine(folder, DiskReserve.FileName), new byte[65536]);
            File.WriteAllText(Path.Combine(folder, $".{SweepFiles.Manifest}.{Guid.NewGuid():N}.tmp"), "");
        }
        else File.WriteAllText(Path.Combine(folder, $".{SweepFiles.Definition}.{Guid.NewGuid():N}.tmp"), sweep.SourceText[..10]);
        StaleLock(folder);

        var outcome = await Runner().RunAsync(sweep, new SweepRunOptions { ResumeDirectory = folder, Parallel = 1 });

        Assert.Equal(SweepStatus.Completed, outcome.Status);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest)));
        var trials = manifest.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(sweep.Trials.Count, trials.Count);
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.Equal(sweep.SourceText, File.ReadAllText(Path.Combine(folder, SweepFiles.Definition)));
        Assert.Empty(Temporary(folder));
        Assert.False(File.Exists(Path.Combine(folder, FolderLock.SweepFileName)));
    }

    [Fact]
    public async Task A_folder_without_trials_json_that_holds_more_than_a_start_is_still_refused()
    {
        var sweep = Sweeps.TestSweeps.LearningRates();
        string folder = Path.Combine(_root, "notes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, SweepFiles.Definition), sweep.SourceText);
        File.WriteAllText(Path.Combine(folder, "todo.txt"), "mine");

        var refused = await Assert.ThrowsAsync<SweepFolderException>(() =>
            Runner().RunAsync(sweep, new SweepRunOptions { ResumeDirectory = folder, Parallel = 1 }));

        Assert.Contains("it has no trials.json", refused.Message);
        Assert.Equal([SweepFiles.Definition, "todo.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_resume_removes_the_temporary_files_of_writes_a_kill_interrupted()
    {
        var sweep = Sweeps.TestSweeps.LearningRates();
        string folder = Path.Combine(_root, "s");
        await Runner().RunAsync(sweep, new SweepRunOptions { OutputDirectory = folder, Parallel = 1 });
        // Killed while trials.json and summary.csv were being replaced (the finished versions stay whole).
        foreach (string file in new[] { SweepFiles.Manifest, SweepFiles.Summary })
            File.WriteAllText(Path.Combine(folder, $".{file}.{Guid.NewGuid():N}.tmp"), "{\"half");
        StaleLock(folder);

        var outcome = await Runner().RunAsync(sweep, new SweepRunOptions { ResumeDirectory = folder, Parallel = 1 });

        Assert.Equal(SweepStatus.Completed, outcome.Status);
        Assert.Empty(Temporary(folder));
    }
}
