using System.Diagnostics;
using System.Text.Json;
using NnLab.Runner.IO;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>
/// A run on a disk that fills up (a 192 KB tmpfs mounted for the test: it fails, not skips, where it cannot mount):
/// summary.json says failed with "disk full", and cost.csv and log.jsonl end on whole lines.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("nnlab-full-").FullName;

    public DiskFullTests()
    {
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", _mount);
        Assert.True(code == 0, $"cannot mount a small tmpfs (the test runs as root, as CI does): {output}");
    }

    public void Dispose()
    {
        Run("umount", "-l", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    private static (int, string) Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task A_full_disk_fails_the_run_with_a_summary_and_no_torn_line()
    {
        string folder = Path.Combine(_mount, "run");
        var outcome = await new ExperimentRunner(new CapturingLogger<ExperimentRunner>(), TimeProvider.System)
            .RunAsync(TestExperiments.Xor(epochs: 1_000_000, logEvery: 1), new RunOptions { OutputDirectory = folder });

        Assert.Equal(RunStatus.Failed, outcome.Summary.Status);
        Assert.StartsWith("disk full: ", outcome.Summary.Reason);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, RunFiles.Summary)));
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("disk full", summary.RootElement.GetProperty("reason").GetString());

        string costs = File.ReadAllText(Path.Combine(folder, RunFiles.Costs));
        Assert.EndsWith("\n", costs);
        Assert.All(costs.TrimEnd('\n').Split('\n'), row => Assert.Equal(2, row.Split(',').Length));
        Assert.True(costs.Split('\n').Length > 100, "the disk filled before training wrote anything");

        string log = File.ReadAllText(Path.Combine(folder, RunFiles.Log));
        Assert.EndsWith("\n", log);
        Assert.All(log.TrimEnd('\n').Split('\n'), line => JsonDocument.Parse(line).Dispose());
        Assert.False(File.Exists(Path.Combine(folder, DiskReserve.FileName)));
    }

    [Fact]
    public void A_line_that_does_not_fit_is_cut_back_whole()
    {
        string path = Path.Combine(_mount, "lines.txt");
        using var file = WholeLineFile.Create(path);
        var line = System.Text.Encoding.ASCII.GetBytes(new string('x', 999) + "\n");
        int written = 0;
        IOException? full = null;
        try
        {
            while (true)
            {
                file.Append(line);
                written++;
            }
        }
        catch (IOException e)
        {
            full = e;
        }
        Assert.True(WholeLineFile.IsDiskFull(full!), full!.Message);
        Assert.Equal(written * 1000L, new FileInfo(path).Length);
        Assert.Equal(written * 1000L, file.Length);
    }
}
