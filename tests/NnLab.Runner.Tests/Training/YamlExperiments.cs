using NnLab.Experiments;
using NnLab.Registry;

namespace NnLab.Runner.Tests.Training;

/// <summary>Experiments loaded from YAML text with the built-ins, for the tests of sessions and together training.</summary>
internal static class YamlExperiments
{
    /// <summary>The tutorial's XOR network (2-3-1, sigmoid, xavier, seed 48) for 300 epochs: it may train together with others.</summary>
    public const string Xor = """
        name: xor
        seed: 48
        data:
          inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
          targets: [0, 1, 1, 0]
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        cost: half_squared_error
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: 300, log_every: 10}
        """;

    private static readonly ComponentRegistry BuiltIns = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>The experiment <paramref name="yaml"/> (as "exp.yaml") with <paramref name="overrides"/>; it must load.</summary>
    public static Experiment Ok(string yaml, params string[] overrides)
    {
        var result = new ExperimentLoader(BuiltIns).LoadText(yaml, "exp.yaml", "", overrides);
        Assert.True(result.Succeeded, "expected success, got:\n" + string.Join("\n", result.Errors));
        return result.Experiment;
    }
}
