using System.Globalization;

namespace NnLab.Cli.Tests;

/// <summary>A plugin built from plugins/, dropped into a folder the user names, used from YAML and inspected.</summary>
public sealed class PluginCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private string SwishFolder() => Repository.CopyPlugin("plugins/NnLab.Plugins.Swish", _cwd.Combine("my-plugins", "swish"));

    [Fact]
    public async Task An_experiment_using_the_example_plugin_trains_and_its_cost_falls()
    {
        SwishFolder();
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor-swish.yaml"), "--out", "out",
            "--plugins", "my-plugins");

        Assert.True(result.ExitCode == 0, result.ToString());
        var costs = File.ReadAllLines(_cwd.Combine("out", "cost.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.True(costs[^1] < costs[0] / 100, $"cost should fall: {costs[0]} -> {costs[^1]}");
        Assert.Equal("100.0 %", result.SummaryValue("accuracy"));
    }

    [Fact]
    public async Task The_plugins_variable_works_like_the_option_and_without_either_the_name_is_unknown()
    {
        SwishFolder();
        var without = await NnLabProcess.RunAsync(_cwd.Path, "validate", Repository.Experiment("xor-swish.yaml"));
        Assert.True(without.ExitCode == 2, without.ToString());
        Assert.Contains(without.StderrLines, l => l.Contains("unknown layer 'swish'"));

        var list = await NnLabProcess.RunAsync(_cwd.Path, ["plugins", "list"], ("NNLAB_PLUGINS", _cwd.Combine("my-plugins")));
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.StdoutLines, l => l.StartsWith("  swish  [plugin ") && l.EndsWith("(NnLab.Plugins.Swish 1.0.0.0)]"));
        Assert.Contains(list.StdoutLines, l => l.StartsWith("  softplus  [plugin ") && l.EndsWith("(NnLab.Plugins.Swish 1.0.0.0)]  (float64 only)"));
        Assert.Contains("      - beta: number = 1", list.StdoutLines);
        Assert.Contains(list.StdoutLines, l => l.StartsWith("  linear  [built-in]"));
    }

    [Fact]
    public async Task A_plugin_folder_with_its_own_contracts_copy_stops_the_command_with_the_fix()
    {
        var folder = SwishFolder();
        File.Copy(Path.Combine(Path.GetDirectoryName(NnLabProcess.DllPath)!, "NnLab.Abstractions.dll"), Path.Combine(folder, "NnLab.Abstractions.dll"));
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor-swish.yaml"), "--plugins", "my-plugins");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.StderrLines, l => l.Contains("it ships its own copy of NnLab.Abstractions.dll") && l.Contains("<Private>false</Private>"));
        Assert.False(Directory.Exists(_cwd.Combine("runs")));
    }

    [Fact]
    public async Task Gradcheck_passes_an_experiment_and_a_plugin_layer_and_fails_a_wrong_backward()
    {
        SwishFolder();
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));

        var file = await NnLabProcess.RunAsync(_cwd.Path, "gradcheck", Repository.Experiment("xor.yaml"));
        Assert.True(file.ExitCode == 0, file.ToString());
        Assert.Equal(6, file.StdoutLines.Length); // four layers, the cost, the verdict
        Assert.EndsWith("passed", file.StdoutLines[^1]);

        var swish = await NnLabProcess.RunAsync(_cwd.Path, "gradcheck", "--layer", "swish", "--options", "{beta: 2}", "--plugins", "my-plugins");
        Assert.True(swish.ExitCode == 0, swish.ToString());

        var wrong = await NnLabProcess.RunAsync(_cwd.Path, "gradcheck", "--layer", "wrong_gradient", "--plugins", "my-plugins");
        Assert.True(wrong.ExitCode == 1, wrong.ToString());
        Assert.StartsWith("layer 0 wrong_gradient  input 3.3e-01  FAILED", wrong.StdoutLines[0]);
    }
}
