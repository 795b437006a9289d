using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary><c>nnlab runs</c> over a generated folder of a few hundred runs, torn and foreign folders included; <c>runs compare</c>.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private void WriteRun(string folder, string status, double rate, double cost)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), $$"""
            {"status": "{{status}}", "name": "gen", "seed": 1, "epochs_completed": 100, "final_cost": {{cost.ToString("R", CultureInfo.InvariantCulture)}},
             "accuracy": 1, "wall_time_seconds": 0.01, "started_utc": "2026-12-06T10:00:{{(int)(rate * 10) % 60:00}}Z",
             "validation": {"examples": 4, "cost": {{(2 * cost).ToString("R", CultureInfo.InvariantCulture)}} }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "config.resolved.yaml"),
            $"name: gen\nseed: 1\noptimizer: {{name: gradient_descent, learning_rate: {rate.ToString(CultureInfo.InvariantCulture)}}}\ntraining: {{epochs: 100}}\n");
    }

    [Fact]
    public async Task Lists_three_hundred_runs_quickly_and_names_what_it_skipped()
    {
        for (int i = 0; i < 300; i++) WriteRun(_cwd.Combine("runs", "gen", $"r{i:000}"), "completed", 0.01 * (i + 1), 1.0 / (i + 1));
        // Says running, but no process has its log open: interrupted.
        WriteRun(_cwd.Combine("runs", "gen", "killed"), "running", 9, 0.5);
        Directory.CreateDirectory(_cwd.Combine("runs", "torn"));
        File.WriteAllText(_cwd.Combine("runs", "torn", "summary.json"), "{\"status\": \"compl");
        Directory.CreateDirectory(_cwd.Combine("runs", "notes"));
        File.WriteAllText(_cwd.Combine("runs", "notes", "readme.txt"), "not a run");

        var clock = Stopwatch.StartNew();
        var result = await NnLabProcess.RunAsync(_cwd.Path, "runs", "--format", "json", "--sort", "-final_cost");
        clock.Stop();
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(301, runs.Count);
        Assert.Equal(["optimizer.learning_rate"], json.RootElement.GetProperty("differing_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(1.0, runs[0].GetProperty("final_cost").GetDouble());
        Assert.Equal("interrupted", runs.Single(r => r.GetProperty("folder").GetString()!.EndsWith("killed")).GetProperty("status").GetString());
        Assert.Contains("skipped runs/torn: torn or not NnLab's", result.Stderr);
        Assert.Contains("skipped runs/notes: not a run or sweep folder", result.Stderr);
        // The whole process, start-up and JIT included (the tests run nnlab.dll without ReadyToRun). The published
        // ./nnlab lists these 301 runs in well under a second on an idle 2-core machine; this bound only catches a
        // scan gone quadratic on a machine shared with other builds (3.9 s was seen at a load average of 40).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"nnlab runs took {clock.Elapsed.TotalSeconds:0.00} s");

        var filtered = await NnLabProcess.RunAsync(_cwd.Path, "runs", "runs", "--status", "interrupted", "--name", "g?n", "--format", "csv");
        Assert.Equal(2, filtered.StdoutLines.Length);
        Assert.StartsWith("name,started,status,epochs,final_cost,validation_cost,accuracy,wall_time_s,folder", filtered.StdoutLines[0]);
        Assert.Contains(",interrupted,", filtered.StdoutLines[1]);
    }

    [Fact]
    public async Task Compare_lists_differing_keys_and_writes_one_report_with_the_curves()
    {
        foreach (var rate in new[] { "0.5", "2" })
        {
            var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor.yaml"), "--set", $"optimizer.learning_rate={rate}",
                "--set", "training.epochs=500", "--out", $"lr{rate}");
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        var result = await NnLabProcess.RunAsync(_cwd.Path, "runs", "compare", "lr0.5", "lr2", "--out", "compare.html");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("optimizer.learning_rate", StringComparison.Ordinal) && l.Contains("0.5") && l.Contains('2'));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("final cost", StringComparison.Ordinal));
        var (dom, log) = await Chromium.DumpDomAsync(_cwd.Combine("compare.html"));
        Chromium.AssertPage(dom, log, ("compare-curves", 2, "6 6"));
    }
}
