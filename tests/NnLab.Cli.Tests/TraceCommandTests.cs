using System.Globalization;
using System.Text.RegularExpressions;

namespace NnLab.Cli.Tests;

/// <summary><c>nnlab trace</c> on the shipped worked examples, a plugin experiment, and bad options.</summary>
public sealed class TraceCommandTests : IDisposable
{
    /// <summary>One unit of the tutorial's third decimal (it computes on with rounded values).</summary>
    private const double OneUnit = 1e-3 + 1e-9;

    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private async Task<string> Trace(string experiment, params string[] extra)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, ["trace", Repository.Experiment(experiment), .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    [Theory]
    [InlineData("xor-feature-cross-worked-example.yaml")] // a long title
    [InlineData("moons.yaml")]                            // Adam's update rule, 16 hidden units: summaries of large layers
    public async Task Long_lines_wrap_to_80_columns(string experiment)
    {
        var text = await Trace(experiment);
        foreach (var line in text.Split('\n')) Assert.True(line.Length <= 80, $"{line.Length} characters: {line}");
        if (experiment == "moons.yaml") Assert.Contains("θ ← θ − α·m̂/(√v̂ + ε)", text.Replace("\n      ", " "));
    }

    [Fact]
    public async Task Or_worked_example_prints_the_tutorials_hand_calculation_in_80_columns()
    {
        var text = await Trace("or-worked-example.yaml");
        Assert.StartsWith("or-worked-example: update 0 of 2 (epoch 0, full batch of 4 examples)", text);
        AssertRow(text, "Z", 0, 0.6, 0.1, 0.7);
        AssertRow(text, "Ŷ", 0.5, 0.646, 0.525, 0.668);
        Assert.Contains("  Cost = 0.089\n", text);
        AssertRow(text, "∂Cost/∂Ŷ", 0.125, -0.089, -0.119, -0.083);
        AssertRow(text, "∂Ŷ/∂Z", 0.25, 0.229, 0.249, 0.222);
        AssertRow(text, "∂Cost/∂Z", 0.031, -0.020, -0.030, -0.018);
        AssertRow(text, "∂Cost/∂W", -0.048, -0.038);
        AssertRow(text, "∂Cost/∂b", -0.037);
        AssertUpdate(text, "W(1,1)", 0.1, -0.048, 0.148);
        AssertUpdate(text, "W(1,2)", 0.6, -0.038, 0.638);
        AssertUpdate(text, "b(1)", 0, -0.037, 0.037);
        foreach (var line in text.Split('\n')) Assert.True(line.Length <= 80, $"{line.Length} characters: {line}");

        var second = await Trace("or-worked-example.yaml", "--epoch", "1");
        Assert.Contains("  Cost = 0.084\n", second);
        AssertRow(second, "∂Cost/∂W", -0.044, -0.035);
        AssertRow(second, "∂Cost/∂b", -0.031);
    }

    [Fact]
    public async Task Xor_worked_example_prints_the_2_3_1_numbers_and_both_steps()
    {
        var text = await Trace("xor-worked-example.yaml", "--steps", "2");
        var updates = Regex.Split(text, @"(?m)^(?=xor-worked-example: update)").Where(s => s.Length > 0).ToArray();
        Assert.Equal(2, updates.Length);
        AssertRow(updates[0], "Z[2]", 0.7, 0.906, 0.789, 0.983);
        AssertRow(updates[0], "Ŷ", 0.668, 0.712, 0.688, 0.728);
        Assert.Contains("  Cost = 0.145\n", updates[0]);
        AssertRow(updates[0], "∂Cost/∂Z[2]", 0.037, -0.015, -0.017, 0.036);
        AssertRow(updates[0], "∂Cost/∂W[2]", 0.024, 0.023, 0.025);
        AssertRow(updates[0], "∂Cost/∂b[2]", 0.041);
        AssertUpdate(updates[0], "W[2](1,2)", 0.4, 0.023, 0.377);
        AssertUpdate(updates[0], "b[1](3)", 0, 0.007, -0.007);
        AssertRow(updates[1], "∂Cost/∂W[2]", 0.023, 0.022, 0.024);
        AssertRow(updates[1], "∂Cost/∂b[2]", 0.039);
        AssertFiniteDifferencesMatch(text, 26);
    }

    [Fact]
    public async Task Feature_cross_worked_example_prints_dW_0_007_0_016_0_037()
    {
        var text = await Trace("xor-feature-cross-worked-example.yaml", "--digits", "6");
        var three = await Trace("xor-feature-cross-worked-example.yaml");
        AssertRow(three, "∂Cost/∂W", 0.007, 0.016, 0.037);
        AssertRow(three, "∂Cost/∂b", 0.018);
        AssertUpdate(three, "W(1,3)", 0.2, 0.037, 0.163);
        AssertUpdate(three, "b(1)", 0, 0.018, -0.018);
        AssertFiniteDifferencesMatch(text, 4);
    }

    [Fact]
    public async Task Examples_html_markdown_and_out()
    {
        var picked = await Trace("xor-worked-example.yaml", "--examples", "2,4");
        Assert.Contains("  Ŷ (1×4) = [ 0.712  0.728 ]", picked);
        Assert.Contains("(examples 2, 4 of 4; min 0.668, max 0.728, mean 0.699)", picked);

        var result = await NnLabProcess.RunAsync(_cwd.Path, "trace", Repository.Experiment("or-worked-example.yaml"), "--format", "html", "--out", "or.html");
        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(_cwd.Combine("or.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h3>node 1: sigmoid</h3>", html);
        Assert.DoesNotContain("http", html);

        var markdown = await Trace("or-worked-example.yaml", "--format", "markdown", "--set", "optimizer.learning_rate=0.5");
        Assert.Contains("| W(1,1) | 0.1 | -0.048 | -0.048 | 0.124 |", markdown);
    }

    [Fact]
    public async Task A_plugin_layer_is_traced_with_its_stated_formula()
    {
        Repository.CopyPlugin("plugins/NnLab.Plugins.Swish", _cwd.Combine("my-plugins", "swish"));
        var text = await Trace("xor-swish.yaml", "--plugins", "my-plugins", "--epoch", "10");
        Assert.Contains("node 1: swish", text);
        Assert.Contains("A[1] = Z[1] ⊙ σ(βZ[1]), β = 1.5", text);
        Assert.Contains("local ∂A[1]/∂Z[1] = σ(βZ[1]) + βZ[1]·σ(βZ[1])·(1 − σ(βZ[1]))", text);
        Assert.Matches(@"θ\s+before\s+∂Cost/∂θ\s+finite diff\s+m\s+v\s+after", text);
        Assert.Contains("t = 11", text);
    }

    [Theory]
    [InlineData("--epoch", "2", "--epoch 2 is beyond the training (training.epochs 2: updates 0..1)")]
    [InlineData("--steps", "3", "--epoch 0 --steps 3 runs past the training's last update")]
    [InlineData("--digits", "18", "--digits must be from 1 to 17, got 18")]
    [InlineData("--examples", "5", "--examples 5: there is no such example; a batch holds examples 1..4")]
    [InlineData("--examples", "1,x", "'x' is not a number")]
    [InlineData("--format", "pdf", "--format must be text, markdown or html")]
    public async Task Bad_options_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "trace", Repository.Experiment("or-worked-example.yaml"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_bad_file_gets_the_same_located_errors_as_run()
    {
        File.WriteAllText(_cwd.Combine("bad.yaml"), "name: bad\ndata: {inputs: [[0], [1]], targets: [0, 1]}\nmodel:\n  - linear: {units: 0}\n  - sigmod\ntraining: {epochs: 1}\n");
        var trace = await NnLabProcess.RunAsync(_cwd.Path, "trace", "bad.yaml");
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", "bad.yaml");
        Assert.Equal(2, trace.ExitCode);
        Assert.Contains("bad.yaml:4:", trace.Stderr);
        Assert.Contains("unknown layer 'sigmod'", trace.Stderr);
        Assert.Equal(run.StderrLines.Where(l => l.StartsWith("error:")), trace.StderrLines.Where(l => l.StartsWith("error:")));
    }

    private static double[] Row(string text, string label)
    {
        var line = text.Split('\n').First(l => l.StartsWith($"  {label} (", StringComparison.Ordinal) && l.Contains("= ["));
        return line[(line.IndexOf("= [", StringComparison.Ordinal) + 3)..].TrimEnd(']', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    private static void AssertRow(string text, string label, params double[] expected)
    {
        var actual = Row(text, label);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= OneUnit, $"{label}[{i}]: expected {expected[i]}, printed {actual[i]}");
    }

    private static string[] UpdateRow(string text, string element) =>
        text.Split('\n').First(l => l.StartsWith($"  {element} ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertUpdate(string text, string element, double before, double gradient, double after)
    {
        var cells = UpdateRow(text, element).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double[] expected = [before, gradient, gradient, after];
        double[] actual = [cells[0], cells[1], cells[2], cells[^1]];
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= OneUnit, $"{element} column {i}: expected {expected[i]}, printed {actual[i]}");
    }

    /// <summary>Every parameter row prints its finite difference with the gradient's digits.</summary>
    private static void AssertFiniteDifferencesMatch(string text, int rows)
    {
        var table = text.Split('\n').Where(l => Regex.IsMatch(l, @"^  [Wb](\[\d\])?\(\d")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(rows, table.Count);
        Assert.All(table, r => Assert.Equal(r[2], r[3]));
    }
}
