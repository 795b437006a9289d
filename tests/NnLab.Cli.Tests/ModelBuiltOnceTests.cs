namespace NnLab.Cli.Tests;

/// <summary>
/// One pipeline, built once: YAML → checked experiment → model → trainer → run folder. A plugin's layer constructor,
/// Build, initializer and cost run once per command, the check and the training sharing the one model.
/// </summary>
public sealed class ModelBuiltOnceTests : IDisposable
{
    private const string Experiment = """
        name: counted
        seed: 48
        data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
        model:
          - counted_linear: {units: 3}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        cost: counted_cost
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: 500, log_every: 100}
        """;

    private static readonly string[] OnceEach =
    [
        "counted_cost constructor", "counted_init constructor", "counted_init initialize", "counted_linear build",
        "counted_linear constructor",
    ];

    private readonly TempWorkingDirectory _cwd = new();

    public ModelBuiltOnceTests()
    {
        Repository.CopyPlugin("tests/plugins/NnLab.TestPlugins.Broken", _cwd.Combine("my-plugins", "counting"));
        File.WriteAllText(_cwd.Combine("counted.yaml"), Experiment);
    }

    public void Dispose() => _cwd.Dispose();

    private async Task<(CliResult Result, string[] Calls)> Nnlab(params string[] args)
    {
        string calls = _cwd.Combine($"calls-{args[0]}.txt");
        var result = await NnLabProcess.RunAsync(_cwd.Path, [.. args, "--plugins", "my-plugins"], ("NNLAB_TEST_CALLS", calls));
        return (result, File.Exists(calls) ? File.ReadAllLines(calls).Order(StringComparer.Ordinal).ToArray() : []);
    }

    [Fact]
    public async Task Run_constructs_builds_and_initialises_a_plugin_layer_and_its_cost_once()
    {
        var (result, calls) = await Nnlab("run", "counted.yaml", "--out", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", result.SummaryValue("status"));
        Assert.Equal(OnceEach, calls);
        // The model that trained is the one the check built: its initial weights are in weights.json and the bundle.
        Assert.True(File.Exists(_cwd.Combine("out", "model", "layer0.W.npy")));
    }

    [Fact]
    public async Task Validate_builds_the_model_once()
    {
        var (result, calls) = await Nnlab("validate", "counted.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(OnceEach, calls);
    }
}
