using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NnLab.Cli.Tests;

/// <summary>
/// What the log lines cost must not lose any: stderr, buffered when redirected, gets every line in the order written,
/// after a normal end, a Ctrl+C or SIGTERM, an error, and a plugin's Environment.Exit; stdout comes after the lines
/// written before it when both go to one file; sweep.log.jsonl, written in blocks, has one line per event. Most run
/// with NNLAB_FLUSH_DELAY_MS at ten minutes, so a line reaches stderr only by the flushes these cases owe it.
/// </summary>
public sealed partial class LogOutputTests : IDisposable
{
    private static readonly (string, string) NoDelayedFlush = ("NNLAB_FLUSH_DELAY_MS", "600000");

    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    /// <summary>The XOR fixture with few epochs, as a sweep with <paramref name="block"/>.</summary>
    private void WriteSweep(string file, string block, int epochs = 50)
    {
        string xor = File.ReadAllText(_cwd.Combine(TempWorkingDirectory.Experiment))
            .Replace("epochs: 5000, log_every: 100", $"epochs: {epochs}, log_every: 10");
        File.WriteAllText(_cwd.Combine(file), xor + block + "\n");
    }

    [GeneratedRegex(@"^Trial (\d+) (\w+): .*; (\d+)/(\d+) done, (\d+) failed")]
    private static partial Regex TrialLine();

    [Fact]
    public async Task A_redirected_sweep_writes_every_trial_line_in_order_and_one_log_line_per_event()
    {
        // 120 quick trials, one at a time: they finish, and are logged, in their order.
        WriteSweep("many.yaml", "sweep:\n  repeats: 40\n  axes:\n    optimizer.learning_rate: [0.5, 1, 2]");

        var result = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "many.yaml", "--out", "s", "--parallel", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StderrLines;
        Assert.Equal(122, lines.Length);
        Assert.StartsWith("Sweep xor: running 120 of 120 trials, 1 at a time, into s", lines[0]);
        Assert.StartsWith("Sweep completed in ", lines[^1]);
        var trials = lines[1..^1].Select(l => TrialLine().Match(l)).ToList();
        Assert.All(trials, m => Assert.True(m.Success, m.Value));
        Assert.Equal(Enumerable.Range(0, 120), trials.Select(m => int.Parse(m.Groups[1].Value)));
        Assert.Equal(Enumerable.Range(1, 120), trials.Select(m => int.Parse(m.Groups[3].Value)));

        // sweep.log.jsonl: the start, each trial's start and end (in the console's order), the end; every line whole.
        var events = File.ReadAllLines(_cwd.Combine("s", "sweep.log.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2 + 2 * 120, events.Count);
        Assert.Equal("SweepStarted", EventName(events[0]));
        Assert.Equal("SweepFinished", EventName(events[^1]));
        Assert.Equal(Enumerable.Range(0, 120), events.Where(e => EventName(e) == "TrialStarted").Select(e => e.GetProperty("Trial").GetInt32()).Order());
        Assert.Equal(Enumerable.Range(0, 120), events.Where(e => EventName(e) == "TrialFinished").Select(e => e.GetProperty("Trial").GetInt32()));
        Assert.Equal(lines[1..^1].Select(l => l[..l.IndexOf(',')]),
            events.Where(e => EventName(e) == "TrialFinished").Select(e => e.GetProperty("@m").GetString()!).Select(m => m[..m.IndexOf(',')]));
    }

    [Fact]
    public async Task Stdout_comes_after_the_log_lines_written_before_it_when_both_go_to_one_file()
    {
        WriteSweep("many.yaml", "sweep:\n  repeats: 10\n  axes:\n    optimizer.learning_rate: [0.5, 1, 2]");

        int exitCode = await RunIntoOneFileAsync("all.txt", "sweep", "many.yaml", "--out", "s", "--parallel", "1");

        var lines = File.ReadAllLines(_cwd.Combine("all.txt"));
        Assert.True(exitCode == 0, string.Join('\n', lines));
        int table = Array.FindIndex(lines, l => l.StartsWith("sweep folder ", StringComparison.Ordinal));
        int finished = Array.FindIndex(lines, l => l.StartsWith("Sweep completed in ", StringComparison.Ordinal));
        Assert.True(finished >= 0 && table == finished + 1, string.Join('\n', lines));
        Assert.Equal(30, lines[..finished].Count(l => TrialLine().IsMatch(l)));
        Assert.DoesNotContain(lines[(table + 1)..], l => l.StartsWith("Trial ", StringComparison.Ordinal) || l.StartsWith("Sweep ", StringComparison.Ordinal));
        Assert.StartsWith("report ", lines[^1]);
    }

    [Theory]
    [InlineData(NnLabProcess.SigInt)]
    [InlineData(NnLabProcess.SigTerm)]
    public async Task Held_lines_reach_stderr_when_a_sweep_is_cancelled(int signal)
    {
        // Trial 0 is quick; trial 1 trains until the signal (6 M epochs: ~1.5 s); 2 and 3 never start.
        WriteSweep("lr.yaml", "sweep:\n  mode: zip\n  axes:\n    training.epochs: [100, 6000000, 100, 100]\n    optimizer.learning_rate: [0.5, 1, 2, 4]");
        using var process = NnLabProcess.Start(_cwd.Path, ["sweep", "lr.yaml", "--out", "lr", "--parallel", "1"], NoDelayedFlush);
        await WaitUntil(() => StateLines("lr").Any(l => l.Contains("\"trial\":1,", StringComparison.Ordinal) && l.Contains("\"status\":\"running\"", StringComparison.Ordinal)));
        // Held: with the delayed flush off, nothing has made stderr write them yet.
        Assert.DoesNotContain("Trial 0", process.StderrSoFar);

        process.Signal(signal);
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        var lines = result.StderrLines;
        Assert.StartsWith("Sweep xor: running 4 of 4 trials, 1 at a time, into lr", lines[0]);
        Assert.StartsWith("Trial 0 completed: ", lines[1]);
        Assert.StartsWith("Trial 1 cancelled: ", lines[2]);
        Assert.StartsWith("Sweep cancelled in ", lines[^1]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("cancelled (4 trials, 2 run now: ", result.SummaryValue("status"));
        // The start, each trial's start and end, the end.
        Assert.Equal(6, File.ReadAllLines(_cwd.Combine("lr", "sweep.log.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Count());
    }

    [Fact]
    public async Task Held_lines_reach_stderr_before_the_error_of_a_command_that_exits_2()
    {
        Directory.CreateDirectory(_cwd.Combine("taken"));
        File.WriteAllText(_cwd.Combine("taken", "something"), "");
        WriteSweep("lr.yaml", "sweep:\n  axes:\n    optimizer.learning_rate: [0.5, 1]");

        var result = await NnLabProcess.RunAsync(_cwd.Path, ["sweep", "lr.yaml", "--out", "taken", "--NnLab:ConsoleLogLevel=loud"], NoDelayedFlush);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(2, result.StderrLines.Length);
        Assert.Equal("warning: Ignoring NnLab:ConsoleLogLevel = loud: not a log level (Verbose, Debug, Information, Warning, Error)", result.StderrLines[0]);
        Assert.StartsWith("error: output folder ", result.StderrLines[1]);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Held_lines_and_the_exit_handlers_lines_reach_stderr_and_the_sweep_log_when_a_plugin_ends_the_process()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));
        File.WriteAllText(_cwd.Combine("exit.flag"), "");
        // While exit.flag exists, trial 1 ends the process (Environment.Exit(0)) on its third forward pass, and trial 0
        // holds its first one: both are running then.
        File.WriteAllText(_cwd.Combine("exits.yaml"), """
            name: exits
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model: [{linear: {units: 2}}, {exit_when_marked: {pass: 0, marker: exit.flag}}, {linear: {units: 1}}, sigmoid]
            training: {epochs: 3000, log_every: 100}
            sweep:
              mode: zip
              axes:
                model[1].pass: [0, 3]
                model[1].wait: [true, false]
            """);

        var result = await NnLabProcess.RunAsync(_cwd.Path,
            ["sweep", "exits.yaml", "--launcher", "in-process", "--parallel", "2", "--plugins", "my-plugins", "--out", "s"], NoDelayedFlush);

        Assert.True(result.ExitCode == 1, result.ToString());
        // The sweep's first line was held when the process was told to end; the handler's error came after it.
        Assert.StartsWith("Sweep exits: running 2 of 2 trials", result.StderrLines[0]);
        Assert.StartsWith("error: the process was ended (Environment.Exit) while trials 0 (", result.StderrLines[^1]);
        var events = File.ReadAllLines(_cwd.Combine("s", "sweep.log.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("SweepStarted", EventName(events[0]));
        Assert.Equal(2, events.Count(e => EventName(e) == "TrialStarted"));
        Assert.Equal("Error", events[^1].GetProperty("@l").GetString());
        Assert.StartsWith("the process was ended (Environment.Exit) while trials 0 (", events[^1].GetProperty("@m").GetString());
    }

    private static string? EventName(JsonElement e) =>
        e.TryGetProperty("EventId", out var id) && id.TryGetProperty("Name", out var name) ? name.GetString() : null;

    private IEnumerable<string> StateLines(string folder) =>
        Directory.Exists(_cwd.Combine(folder, "state"))
            ? Directory.GetFiles(_cwd.Combine(folder, "state")).SelectMany(f => File.ReadAllText(f).Split('\n').SkipLast(1)).ToList()
            : [];

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the sweep");
            await Task.Delay(20);
        }
    }

    /// <summary>Runs nnlab with stdout and stderr both into <paramref name="file"/> (a shell's <c>&gt;file 2&gt;&amp;1</c>): its exit code.</summary>
    private async Task<int> RunIntoOneFileAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = _cwd.Path, RedirectStandardInput = true };
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" >" + file + " 2>&1", NnLabProcess.Dotnet, NnLabProcess.DllPath, .. args])
            start.ArgumentList.Add(arg);
        start.Environment.Remove("NnLab__ConsoleLogLevel");
        start.Environment[NoDelayedFlush.Item1] = NoDelayedFlush.Item2;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}
