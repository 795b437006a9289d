using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary>
/// A sweep whose disk fills up (a small tmpfs, nearly full): it stops with a clear message and exit 1, every file of
/// its folder ends on a whole line (state files, log, CSVs, trials.json), and once space is freed --resume completes it.
/// </summary>
public sealed class SweepDiskFullTests : IDisposable
{
    private const int Trials = 8;
    private readonly TempWorkingDirectory _cwd = new();
    private readonly SmallDisk _disk = new(sizeKb: 4096, freeKb: 160);

    public void Dispose()
    {
        _disk.Dispose();
        _cwd.Dispose();
    }

    [Fact]
    public async Task A_sweep_on_a_full_disk_stops_with_whole_lines_and_a_resume_completes_it()
    {
        // Eight XOR trials, each recording 1000 epochs (its curve is a state line of about 28 KB): 160 KB hold three or so.
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment)).Replace("epochs: 5000, log_every: 100", "epochs: 1000, log_every: 1");
        File.WriteAllText(_cwd.Combine("sweep.yaml"), xor + $"sweep:\n  axes:\n    optimizer.learning_rate: {{logspace: [0.1, 10, {Trials}]}}\n");
        string folder = _disk.Combine("sweep");

        var full = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "sweep.yaml", "--out", folder);

        Assert.True(full.ExitCode == 1, full.ToString());
        Assert.Contains(full.StderrLines, l => l.StartsWith("error: disk full: ", StringComparison.Ordinal)
            && l.Contains($"continue it with: nnlab sweep sweep.yaml --resume {folder}"));
        AssertWhole(folder);
        string written = File.ReadAllText(Path.Combine(folder, "trials.json"));
        using (var manifest = JsonDocument.Parse(written))
        {
            Assert.True(manifest.RootElement.GetProperty("status").GetString() == "failed", $"{full}\n--- trials.json\n{written}");
            Assert.StartsWith("disk full: ", manifest.RootElement.GetProperty("reason").GetString());
            var statuses = manifest.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ToList();
            Assert.Contains("completed", statuses);
            Assert.True(statuses.Count(s => s == "completed") < Trials, "the disk did not fill before the sweep ended");
        }

        _disk.Free();
        var resumed = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "sweep.yaml", "--resume", folder);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        AssertWhole(folder);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "trials.json"))))
        {
            Assert.Equal("completed", manifest.RootElement.GetProperty("status").GetString());
            Assert.False(manifest.RootElement.TryGetProperty("reason", out _));
            Assert.All(manifest.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        }
        Assert.Equal(Trials + 1, File.ReadAllLines(Path.Combine(folder, "summary.csv")).Length);
        // Every trial's whole curve: 1000 rows each.
        Assert.Equal(Trials * 1000 + 1, File.ReadAllLines(Path.Combine(folder, "costs.csv")).Length);
    }

    /// <summary>Every line-based file of the sweep folder ends on a whole line; trials.json is whole JSON; no temporary file is left.</summary>
    private static void AssertWhole(string folder)
    {
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "trials.json"))).Dispose();
        var jsonLines = Directory.GetFiles(Path.Combine(folder, "state"), "*.jsonl").Append(Path.Combine(folder, "sweep.log.jsonl"));
        foreach (string file in jsonLines)
        {
            string text = File.ReadAllText(file);
            Assert.True(text.Length == 0 || text.EndsWith('\n'), $"{file} ends mid-line");
            Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
        }
        foreach (string csv in new[] { "summary.csv", "groups.csv", "costs.csv" }.Select(f => Path.Combine(folder, f)).Where(File.Exists))
        {
            string text = File.ReadAllText(csv);
            Assert.True(text.EndsWith('\n'), $"{csv} ends mid-line");
            if (csv.EndsWith("costs.csv", StringComparison.Ordinal))
            {
                // trial, learning rate, epoch, cost: numbers only, so every row has the header's four fields.
                Assert.All(text.TrimEnd('\n').Split('\n'), row => Assert.Equal(4, row.Split(',').Length));
            }
        }
    }
}
