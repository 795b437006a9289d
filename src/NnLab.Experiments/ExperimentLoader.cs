using System.Globalization;
using NnLab.Layers;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments;

/// <summary>
/// TEMPORARY stand-in for the real YAML loader, which is being written on another branch. It ignores the file's
/// contents and always builds the tutorial's XOR experiment, so the runner and the CLI can be built and tested
/// against the loader's public API (constructor and <see cref="LoadFile"/>). Drop this commit at merge.
/// Honours only the overrides training.epochs=N and training.log_every=N; any other --set is an error.
/// </summary>
public sealed class ExperimentLoader
{
    private readonly ComponentRegistry _registry;

    public ExperimentLoader(ComponentRegistry registry) => _registry = registry;

    public LoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null)
    {
        if (!File.Exists(path))
            return LoadResult.Failure([new ConfigError(path, 0, 0, "", $"file not found: {path}")]);
        var errors = new List<ConfigError>();
        var applied = new List<ConfigOverride>();
        int epochs = 5000, logEvery = 100;
        foreach (var text in overrides ?? [])
        {
            var (key, value) = SplitOverride(text);
            if (key == "training.epochs" && int.TryParse(value, CultureInfo.InvariantCulture, out int e) && e > 0) epochs = e;
            else if (key == "training.log_every" && int.TryParse(value, CultureInfo.InvariantCulture, out int l) && l > 0) logEvery = l;
            else
            {
                errors.Add(new ConfigError("--set", 1, 1, key, $"the temporary loader cannot apply '{text}'"));
                continue;
            }
            applied.Add(new ConfigOverride(key, value));
        }
        if (errors.Count > 0) return LoadResult.Failure(errors);
        return LoadResult.Success(BuildXor(path, File.ReadAllText(path), epochs, logEvery, applied));
    }

    private static (string Key, string Value) SplitOverride(string text)
    {
        int equals = text.IndexOf('=');
        return equals < 0 ? (text, "") : (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }

    private Experiment BuildXor(string path, string sourceText, int epochs, int logEvery, IReadOnlyList<ConfigOverride> applied)
    {
        var linear = _registry.Get(ComponentKind.Layer, "linear");
        var sigmoid = _registry.Get(ComponentKind.Layer, "sigmoid");
        return new Experiment
        {
            Name = "xor",
            Seed = 48,
            SourceFile = path,
            SourceText = sourceText,
            ResolvedYaml = ResolvedYaml(epochs, logEvery),
            Data = new ExperimentData(
                Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1]),
                Matrix.FromRows([0, 1, 1, 0]),
                ["x1", "x2"], ["y"]),
            Model =
            [
                new ComponentSpec(linear, new LinearOptions { Units = 3, Init = "xavier" }),
                new ComponentSpec(sigmoid, null),
                new ComponentSpec(linear, new LinearOptions { Units = 1, Init = "xavier" }),
                new ComponentSpec(sigmoid, null),
            ],
            Cost = new ComponentSpec(_registry.Get(ComponentKind.Cost, "half_squared_error"), null),
            Optimizer = new ComponentSpec(_registry.Get(ComponentKind.Optimizer, "gradient_descent"),
                new GradientDescentOptions { LearningRate = 1 }),
            Training = new TrainingSettings(epochs, logEvery),
            PredictionThreshold = 0.5,
            Overrides = applied,
            Registry = _registry,
        };
    }

    private static string ResolvedYaml(int epochs, int logEvery) => $$"""
        name: xor
        seed: 48
        data:
          inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
          targets: [[0], [1], [1], [0]]
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        cost: half_squared_error
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: {{epochs}}, log_every: {{logEvery}}}

        """;
}
