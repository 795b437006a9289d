using System.Text.Json;

namespace NnLab.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private static readonly string[] RunFiles =
        ["config.resolved.yaml", "config.yaml", "cost.csv", "log.jsonl", "predictions.csv", "report.html", "summary.json", "weights.json"];

    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private static string Status(string runFolder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json"))).RootElement.GetProperty("status").GetString()!;

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public async Task Run_trains_into_runs_name_timestamp_under_the_current_directory_and_prints_a_summary()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment);

        Assert.True(result.ExitCode == 0, result.ToString());
        string folder = result.SummaryValue("run folder");
        Assert.Matches(@"^runs/xor/\d{8}T\d{6}Z$", folder);
        Assert.Equal(RunFiles, FilesIn(_cwd.Combine(folder)));
        Assert.Equal("completed", Status(_cwd.Combine(folder)));
        Assert.Equal("completed", result.SummaryValue("status"));
        Assert.Equal("100.0 %", result.SummaryValue("accuracy"));
        Assert.Equal("5000 of 5000", result.SummaryValue("epochs"));
        Assert.Contains(result.StderrLines, l => l.StartsWith("Epoch 4999 cost ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_with_out_writes_into_that_folder_itself()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "results/first");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("results/first", result.SummaryValue("run folder"));
        Assert.Equal(RunFiles, FilesIn(_cwd.Combine("results", "first")));
        Assert.False(Directory.Exists(_cwd.Combine("runs")));
    }

    [Fact]
    public async Task Run_refuses_a_non_empty_out_folder_with_exit_2_and_writes_nothing()
    {
        Directory.CreateDirectory(_cwd.Combine("taken"));
        File.WriteAllText(_cwd.Combine("taken", "notes.txt"), "mine");
        var before = _cwd.Entries();

        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "taken");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.StderrLines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains("not empty"));
        Assert.Equal(before, _cwd.Entries());
    }

    [Fact]
    public async Task A_missing_file_is_a_config_error_exit_2_and_no_runs_folder()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "missing.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.StderrLines[0]);
        Assert.Contains("missing.yaml", result.StderrLines[0]);
        Assert.Equal("1 error(s); nothing was run.", result.StderrLines[^1]);
        Assert.Empty(result.Stdout);
        Assert.False(Directory.Exists(_cwd.Combine("runs")));
    }

    [Fact]
    public async Task An_override_that_cannot_apply_is_an_error_and_nothing_runs()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--set", "training.epochs=many");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.All(result.StderrLines[..^1], l => Assert.StartsWith("error: ", l));
        Assert.Matches(@"^\d+ error\(s\); nothing was run\.$", result.StderrLines[^1]);
        Assert.Equal([TempWorkingDirectory.Experiment], _cwd.Entries());
    }

    [Theory]
    [InlineData(NnLabProcess.SigInt)]
    [InlineData(NnLabProcess.SigTerm)]
    public async Task A_signal_mid_run_cancels_training_writes_every_file_and_exits_130(int signal)
    {
        using var nnlab = NnLabProcess.Start(_cwd.Path,
            ["run", TempWorkingDirectory.Experiment, "--out", "long",
             "--set", "training.epochs=100000000", "--set", "training.log_every=1000"]);
        await nnlab.TrainingStarted;
        await Task.Delay(200);

        nnlab.Signal(signal);
        var result = await nnlab.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("cancelled", result.SummaryValue("status"));
        Assert.Equal(RunFiles, FilesIn(_cwd.Combine("long")));
        Assert.Equal("cancelled", Status(_cwd.Combine("long")));
        Assert.Matches(@"^\d+ of 100000000$", result.SummaryValue("epochs"));
    }
}
