using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary>
/// Issue #19's plugin faults: constructors taking ILogger&lt;T&gt; and options, failures naming the component, its plugin
/// and the exception type, a missing dependency blamed on the plugin that needs it, and a broken folder found by
/// discovery as a warning rather than a blocker (one named with --plugins stays an error).
/// </summary>
public sealed class PluginContainmentTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private string Broken() => Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "broken"));

    private string Experiment(string model, string cost = "half_squared_error")
    {
        File.WriteAllText(_cwd.Combine("exp.yaml"), $$"""
            name: plugin
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model: {{model}}
            cost: {{cost}}
            training: {epochs: 20, log_every: 1}
            """);
        return "exp.yaml";
    }

    [Fact]
    public async Task A_constructor_taking_options_and_a_logger_is_listed_and_runs()
    {
        Broken();
        var list = await NnLabProcess.RunAsync(_cwd.Path, "plugins", "list", "--plugins", "my-plugins");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.StdoutLines, l => l.StartsWith("  logging_scale  [plugin "));
        Assert.Contains("      - scale: number = 1", list.StdoutLines);

        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Experiment("[{linear: {units: 2}}, {logging_scale: {scale: 2}}, {linear: {units: 1}}, sigmoid]"),
            "--out", "out", "--plugins", "my-plugins");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_cost_that_throws_is_named_with_its_plugin_and_exception_type()
    {
        Broken();
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Experiment("[{linear: {units: 1}}, sigmoid]", "throwing_cost"),
            "--out", "out", "--plugins", "my-plugins");
        Assert.True(run.ExitCode == 1, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("out", "summary.json")));
        string reason = summary.RootElement.GetProperty("reason").GetString()!;
        Assert.Contains("cost 'throwing_cost' (plugin ", reason);
        Assert.Contains("NnLab.TestPlugins.Broken", reason);
        Assert.Contains("ArithmeticException: cost exploded", reason);
    }

    [Fact]
    public async Task A_missing_dependency_names_the_plugin_and_the_assembly_not_a_built_in()
    {
        string folder = Broken();
        File.Delete(Path.Combine(folder, "NnLab.TestPlugins.Helper.dll"));
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Experiment("[{linear: {units: 2}}, uses_dependency, {linear: {units: 1}}, sigmoid]"),
            "--out", "out", "--plugins", "my-plugins");
        Assert.NotEqual(0, run.ExitCode);
        string all = string.Join("\n", run.StderrLines) + (File.Exists(_cwd.Combine("out", "summary.json")) ? File.ReadAllText(_cwd.Combine("out", "summary.json")) : "");
        Assert.Contains("NnLab.TestPlugins.Helper", all);
        Assert.Contains("my-plugins/broken", all);
        Assert.DoesNotContain("layer 'linear'", all);
    }

    [Fact]
    public async Task A_broken_folder_found_by_discovery_is_a_warning_and_plugins_list_shows_it()
    {
        string folder = Broken();
        File.Copy(Path.Combine(Path.GetDirectoryName(NnLabProcess.DllPath)!, "NnLab.Abstractions.dll"), Path.Combine(folder, "NnLab.Abstractions.dll"));
        Directory.Move(_cwd.Combine("my-plugins"), _cwd.Combine("plugins"));

        var validate = await NnLabProcess.RunAsync(_cwd.Path, "validate", Repository.Experiment("xor.yaml"));
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains(validate.StderrLines, l => l.StartsWith("warning: plugin ") && l.Contains("its components are unavailable"));

        var list = await NnLabProcess.RunAsync(_cwd.Path, "plugins", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("broken plugin folders (their components are unavailable):", list.StdoutLines);
        Assert.Contains(list.StdoutLines, l => l.Contains("it ships its own copy of NnLab.Abstractions.dll"));

        var named = await NnLabProcess.RunAsync(_cwd.Path, "validate", Repository.Experiment("xor.yaml"), "--plugins", "plugins");
        Assert.True(named.ExitCode == 2, named.ToString());
    }
}
