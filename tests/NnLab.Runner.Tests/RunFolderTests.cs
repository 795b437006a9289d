namespace NnLab.Runner.Tests;

public sealed class RunFolderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 18, 0, 250, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Timestamped_folder_is_runs_name_and_utc_second()
    {
        var folder = RunFolder.CreateTimestamped(_dir.Combine("runs"), "xor", Now);

        Assert.Equal(_dir.Combine("runs", "xor", "20261122T131800Z"), folder.FullPath);
        Assert.True(Directory.Exists(folder.FullPath));
    }

    [Fact]
    public void Timestamp_is_taken_in_utc_whatever_the_offset()
    {
        var folder = RunFolder.CreateTimestamped(_dir.Path, "xor", Now.ToOffset(TimeSpan.FromHours(5)));

        Assert.Equal("20261122T131800Z", Path.GetFileName(folder.FullPath));
    }

    [Fact]
    public void A_taken_second_gets_dash_2_then_dash_3()
    {
        var names = Enumerable.Range(0, 3)
            .Select(_ => Path.GetFileName(RunFolder.CreateTimestamped(_dir.Path, "xor", Now).FullPath))
            .ToList();

        Assert.Equal(["20261122T131800Z", "20261122T131800Z-2", "20261122T131800Z-3"], names);
    }

    [Fact]
    public void Runs_started_together_in_one_second_never_share_a_folder()
    {
        // 8 threads × 6 runs in the same second: each must get its own folder (the naming mutex is machine-wide, so
        // runs in separate processes are kept apart the same way).
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 6; i++) names.Add(Path.GetFileName(RunFolder.CreateTimestamped(_dir.Path, "xor", Now).FullPath));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(48, names.Distinct().Count());
        Assert.Equal(48, Directory.GetDirectories(Path.Combine(_dir.Path, "xor")).Length);
    }

    [Theory]
    [InlineData("../../etc", ".._.._etc")]
    [InlineData("my run/1", "my_run_1")]
    [InlineData("..", "experiment")]
    [InlineData("xor-2_b.v1", "xor-2_b.v1")]
    public void Experiment_names_cannot_leave_the_runs_folder(string name, string expected) =>
        Assert.Equal(expected, RunFolder.SafeName(name));

    [Fact]
    public void Out_folder_is_created_with_its_parents_and_used_as_is()
    {
        string target = _dir.Combine("a", "b", "out");

        var folder = RunFolder.CreateAt(target);

        Assert.Equal(target, folder.FullPath);
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void An_existing_empty_out_folder_is_accepted()
    {
        string target = _dir.Combine("empty");
        Directory.CreateDirectory(target);

        Assert.Equal(target, RunFolder.CreateAt(target).FullPath);
    }

    [Fact]
    public void A_non_empty_out_folder_is_refused_and_left_untouched()
    {
        string target = _dir.Combine("used");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "mine");

        var error = Assert.Throws<RunFolderException>(() => RunFolder.CreateAt(target));

        Assert.Contains("not empty", error.Message);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public void An_out_path_that_is_a_file_is_refused()
    {
        string target = _dir.Combine("file.txt");
        File.WriteAllText(target, "x");

        var error = Assert.Throws<RunFolderException>(() => RunFolder.CreateAt(target));

        Assert.Contains("is a file", error.Message);
    }

    [Fact]
    public void Display_path_is_relative_inside_the_current_directory_and_full_outside()
    {
        var inside = RunFolder.CreateTimestamped("runs-display-test", "xor", Now);
        try
        {
            Assert.Equal(Path.Combine("runs-display-test", "xor", "20261122T131800Z"), inside.DisplayPath);
        }
        finally
        {
            Directory.Delete(Path.GetFullPath("runs-display-test"), recursive: true);
        }
        string outside = Path.Combine(Path.GetTempPath(), "nnlab-outside-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(outside, RunFolder.CreateAt(outside).DisplayPath);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
